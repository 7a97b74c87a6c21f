/**
 * NATS server→client streams: framestream (`format: 'nats', role: 'client'`) against the
 * official client's own protocol parser (`Parser` from nats.js v2, `nats/lib/nats-base-client/parser`,
 * "an almost verbatim port of the Go NATS parser"), fed the same chunks in a loop.
 * Every contender counts MSG payloads (PINGs are not frames).
 */
import { createRequire } from 'node:module';
import { createDecoder, FrameStream, type NatsOp } from '../../src/index.ts';
import { Checksum, type Tally } from '../checksum.ts';
import { cut, KiB, MiB, type Chunking } from '../chunking.ts';
import { readAll, webStreamOf } from '../feed.ts';
import { floors } from '../floors.ts';
import { msgStream } from '../nats_fixtures.ts';
import { defineSuite, type Contender, type WorkloadSpec } from '../suite.ts';

const require = createRequire(import.meta.url);
// nats.js v2 keeps its parser in an internal CommonJS module (not in the package's exports map).
const { Parser, Kind } = require('nats/lib/nats-base-client/parser.js') as {
  Parser: new (d: { push(e: { kind: number; data?: Uint8Array }): void }) => { parse(buf: Uint8Array): void };
  Kind: { MSG: number };
};

const C64K: Chunking = { kind: 'fixed', size: 64 * KiB };
const RANDOM: Chunking = { kind: 'random', min: 1, max: 64 * KiB, seed: 0x5eed };

// The 1 MiB rows are a 16 MiB stream of 1 MiB MSGs timed in the same rounds as the rest (MB/s side
// by side), not an `isolated` single-message workload.
function spec(id: string, table: string, count: number, payload: number, chunking: Chunking, label: string, quick: boolean): WorkloadSpec {
  return {
    id, table, frameBytes: payload, chunking: label, quick, tags: ['nats'],
    make() {
      const s = msgStream(count, payload);
      return { chunks: cut(s.wire, chunking), bytes: s.wire.length, frames: s.frames, checksum: s.checksum, wire: s.wire, bounds: s.bounds };
    },
  };
}

function decoderContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `createDecoder ${engine}`, role: 'framestream', feed: 'loop',
    run(chunks): Tally {
      const sum = new Checksum();
      const dec = createDecoder({ format: 'nats', role: 'client', engine });
      const take = (ops: NatsOp[]) => {
        for (let i = 0; i < ops.length; i++) {
          const o = ops[i]!;
          if (o.op === 'MSG') sum.frame(o.payload);
        }
      };
      for (const c of chunks) take(dec.push(c));
      take(dec.end());
      return sum.tally();
    },
  };
}

function streamContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `FrameStream ${engine}`, role: 'framestream', feed: 'web-stream',
    async run(chunks): Promise<Tally> {
      const sum = new Checksum();
      await readAll(webStreamOf(chunks).pipeThrough(new FrameStream({ format: 'nats', role: 'client', engine })), (o) => {
        if (o.op === 'MSG') sum.frame(o.payload);
      });
      return sum.tally();
    },
  };
}

const natsParser: Contender = {
  name: 'nats.js v2 Parser', role: 'peer', feed: 'loop',
  run(chunks): Tally {
    const sum = new Checksum();
    const p = new Parser({ push: (e) => { if (e.kind === Kind.MSG) sum.frame(e.data!); } });
    for (const c of chunks) p.parse(c);
    return sum.tally();
  },
};

export default defineSuite({
  format: 'nats',
  title: 'NATS client protocol (server→client MSG streams)',
  workloads: () => [
    spec('MSG 16B @64KiB', 'MSG, 16 B payloads', 100_000, 16, C64K, '64 KiB', true),
    spec('MSG 16B @random', 'MSG, 16 B payloads', 100_000, 16, RANDOM, 'random 1..64 KiB', false),
    spec('MSG 64KiB @64KiB', 'MSG, 64 KiB payloads', 400, 64 * KiB, C64K, '64 KiB', true),
    spec('MSG 1MiB @64KiB', 'MSG, 1 MiB payloads', 16, 1 * MiB, C64K, '64 KiB', true),
  ],
  contenders: [decoderContender('wasm'), decoderContender('js'), streamContender('wasm'), streamContender('js'), natsParser, ...floors],
  targets: [
    { kind: 'ratio', name: 'small MSGs: createDecoder wasm vs nats.js Parser', workload: 'MSG 16B @64KiB', contender: 'createDecoder wasm', baseline: 'nats.js v2 Parser', atLeast: 1 },
    { kind: 'ratio', name: '64 KiB MSGs: createDecoder wasm vs nats.js Parser', workload: 'MSG 64KiB @64KiB', contender: 'createDecoder wasm', baseline: 'nats.js v2 Parser', atLeast: 1 },
  ],
});
