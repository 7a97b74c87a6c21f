/**
 * Aim record streams (issue 7): framestream against a grow-and-merge decoder written the way
 * Aim's UI (`streamEncoding.ts decodeBufferPairs`, README section 7.2) buffers: every chunk is
 * merged into a new array holding the unconsumed remainder plus the chunk. Two kinds of rows:
 *
 * - one 1/4/16 MiB value in 16 KiB chunks (isolated: alone in a fresh process, with peak RSS):
 *   framestream takes the value straight from the chunks (one copy); the baseline re-copies the
 *   growing remainder on every chunk (about V^2 / 2c bytes: 8 GB for 16 MiB). The
 *   copy-equivalents target compares with a floor that copies the message exactly once.
 * - `web_run_search`-like bodies (runs, progress records, 37 KB keep-alive keys) at the
 *   standard chunkings, in records/s (f/s) and MB/s.
 *
 * Frames are records; every contender folds each record's value bytes into its checksum.
 *
 * @module
 */
import { createDecoder, FrameStream, type AimRecord } from '../../src/index.ts';
import { Checksum, type Tally } from '../checksum.ts';
import { chunkingLabel, KiB, MiB, sizeLabel, STANDARD_CHUNKINGS, type Chunking } from '../chunking.ts';
import { readAll, webStreamOf } from '../feed.ts';
import { floors } from '../floors.ts';
import { makeAimSearchStream, makeAimSingleValue } from '../gen/aim.ts';
import { defineSuite, type Contender, type WorkloadSpec } from '../suite.ts';

function frameStreamContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `FrameStream ${engine}`,
    role: 'framestream',
    feed: 'web-stream',
    async run(chunks): Promise<Tally> {
      const sum = new Checksum();
      const fs = new FrameStream({ format: 'aim-web', engine });
      if (fs.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${fs.engine}`);
      await readAll(webStreamOf(chunks).pipeThrough(fs), (r: AimRecord) => sum.frame(r.value));
      return sum.tally();
    },
  };
}

function createDecoderContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `createDecoder ${engine}`,
    role: 'framestream',
    feed: 'loop',
    run(chunks): Tally {
      const sum = new Checksum();
      const dec = createDecoder({ format: 'aim-web', engine });
      if (dec.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${dec.engine}`);
      for (let i = 0; i < chunks.length; i++) {
        const recs = dec.push(chunks[i]!);
        for (let j = 0; j < recs.length; j++) sum.frame(recs[j]!.value);
      }
      for (const r of dec.end()) sum.frame(r.value);
      return sum.tally();
    },
  };
}

/**
 * Aim's UI buffering, from the README's description (section 7.2), written here: one `buffer`;
 * each chunk is merged in with `new Uint8Array(a.length + b.length)` + two `set`s; whole records
 * are consumed from the front with `subarray`. Lengths read as the UI does ((b0<<0)+(b1<<8)+...).
 */
export const aimUiGrowAndMerge: Contender = {
  name: 'Aim UI grow-and-merge',
  role: 'peer',
  feed: 'loop',
  run(chunks): Tally {
    const sum = new Checksum();
    let buffer: Uint8Array = new Uint8Array(0);
    const merge = (a: Uint8Array, b: Uint8Array): Uint8Array => {
      const m = new Uint8Array(a.length + b.length);
      m.set(a);
      m.set(b, a.length);
      return m;
    };
    const u32 = (b: Uint8Array, at: number): number => (b[at]! << 0) + (b[at + 1]! << 8) + (b[at + 2]! << 16) + (b[at + 3]! << 24);
    for (const c of chunks) {
      buffer = merge(buffer, c);
      for (;;) {
        if (buffer.length < 4) break;
        const k = u32(buffer, 0);
        if (buffer.length < 8 + k) break;
        const v = u32(buffer, 4 + k);
        if (buffer.length < 8 + k + v) break;
        sum.frame(buffer.subarray(8 + k, 8 + k + v));
        buffer = buffer.subarray(8 + k + v);
      }
    }
    if (buffer.length > 0) throw new Error(`stream ended inside a record (${buffer.length} bytes left)`);
    return sum.tally();
  },
};

/** One copy of the whole message into a message-sized array: 1 copy-equivalent, nothing less decodes it. */
export const oneCopyFloor: Contender = {
  name: 'floor: one copy of the message',
  role: 'floor',
  feed: 'loop',
  checked: false,
  supports: (w) => !!w.isolated,
  run(chunks, w): Tally {
    const out = new Uint8Array(w.bytes);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return { frames: w.frames, checksum: out[at >> 1] ?? 0 };
  },
};

const SINGLE_CHUNK = 16 * KiB;

function singleSpec(messageBytes: number): WorkloadSpec {
  const chunking: Chunking = { kind: 'fixed', size: SINGLE_CHUNK };
  return {
    id: `aim-web value ${sizeLabel(messageBytes)} @16 KiB`,
    table: 'aim-web, one large value, 16 KiB chunks',
    frameBytes: messageBytes,
    chunking: chunkingLabel(chunking),
    quick: messageBytes === 16 * MiB,
    tags: ['single'],
    isolated: { series: 'aim value @16 KiB', messageBytes },
    make: () => makeAimSingleValue(messageBytes, chunking),
  };
}

const SEARCH_RUNS = 200;

function searchSpec(chunking: Chunking): WorkloadSpec {
  return {
    id: `web_run_search-like @${chunkingLabel(chunking)}`,
    table: `aim-web, web_run_search-like body (${SEARCH_RUNS} runs, progress, keep-alive keys)`,
    frameBytes: 0,
    chunking: chunkingLabel(chunking),
    quick: chunking.kind === 'fixed' && chunking.size === 64 * KiB,
    tags: ['search'],
    make: () => makeAimSearchStream(SEARCH_RUNS, 20, chunking),
  };
}

function workloads(): WorkloadSpec[] {
  return [
    ...STANDARD_CHUNKINGS.map(searchSpec),
    searchSpec({ kind: 'fixed', size: 64 }),
    ...[1 * MiB, 4 * MiB, 16 * MiB].map(singleSpec),
  ];
}

export default defineSuite({
  format: 'aim-web',
  title: 'Aim record streams',
  workloads,
  contenders: [
    frameStreamContender('wasm'),
    frameStreamContender('js'),
    createDecoderContender('wasm'),
    createDecoderContender('js'),
    aimUiGrowAndMerge,
    oneCopyFloor,
    ...floors,
  ],
  targets: [
    { kind: 'linear', name: 'FrameStream 1/4/16 MiB value in 16 KiB chunks: time grows linearly', series: 'aim value @16 KiB', contender: 'FrameStream wasm' },
    // Copy-equivalents by time: a rate >= 1/3 of the one-copy floor's means <= 3 copies' worth of
    // time. FrameStream's time also holds the web-stream cost of 1024 chunks, createDecoder's not.
    // test/formats/aim_copies.node.test.ts counts the bytes copied instead (about 1x the value).
    { kind: 'ratio', name: 'FrameStream 16 MiB value: <= 3 copy-equivalents of time', workload: 'aim-web value 16 MiB @16 KiB', contender: 'FrameStream wasm', baseline: 'floor: one copy of the message', atLeast: 1 / 3 },
    { kind: 'ratio', name: 'createDecoder 16 MiB value: <= 3 copy-equivalents of time', workload: 'aim-web value 16 MiB @16 KiB', contender: 'createDecoder wasm', baseline: 'floor: one copy of the message', atLeast: 1 / 3 },
    { kind: 'memory', name: 'FrameStream 16 MiB value: peak RSS growth <= 1.2x its size', workload: 'aim-web value 16 MiB @16 KiB', contender: 'FrameStream wasm', atMost: 1.2 },
    { kind: 'ratio', name: 'FrameStream 16 MiB value >= 10x the Aim UI grow-and-merge decoder', workload: 'aim-web value 16 MiB @16 KiB', contender: 'FrameStream wasm', baseline: 'Aim UI grow-and-merge', atLeast: 10 },
    { kind: 'ratio', name: 'FrameStream web_run_search-like, 1 KiB chunks: records/s >= Aim UI grow-and-merge', workload: 'web_run_search-like @1 KiB', contender: 'FrameStream wasm', baseline: 'Aim UI grow-and-merge', atLeast: 1 },
    { kind: 'ratio', name: 'createDecoder web_run_search-like, 64 B chunks: records/s >= Aim UI grow-and-merge', workload: 'web_run_search-like @64 B', contender: 'createDecoder wasm', baseline: 'Aim UI grow-and-merge', atLeast: 1 },
  ],
});
