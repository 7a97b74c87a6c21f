/**
 * Length-prefixed frames: framestream against it-length-prefixed, length-prefixed-stream and a
 * naive Buffer.concat decoder, with the floors. The main workloads use unsigned varint lengths,
 * the only framing the two peers decode, so every contender reads the same bytes; a u32
 * workload compares framestream with the naive decoder on fixed-size fields.
 *
 * @module
 */
import { decode as itlpDecode } from 'it-length-prefixed';
import lps from 'length-prefixed-stream';
import { createDecoder, FrameBatchStream, FrameStream } from '../../src/index.ts';
import { Checksum, type Tally } from '../checksum.ts';
import { chunkingLabel, KiB, MiB, sizeLabel, STANDARD_CHUNKINGS, type Chunking } from '../chunking.ts';
import { asBuffer, asyncIterableOf, finished, nodeReadableOf, readAll, webStreamOf } from '../feed.ts';
import { floors } from '../floors.ts';
import { makeFrameStream, makeSingleMessage, type LengthField } from '../gen/length_prefixed.ts';
import { defineSuite, type Contender, type Workload, type WorkloadSpec } from '../suite.ts';

/** Frames up to this size: the isolated workloads go to 32 MiB (framestream's default is 16 MiB). */
const MAX_FRAME = 64 * MiB;

function fieldOf(w: Workload): LengthField {
  return (w.params?.['lengthField'] as LengthField | undefined) ?? 'varint';
}

// ---------------------------------------------------------------- contenders

function frameStreamContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `FrameStream ${engine}`,
    role: 'framestream',
    feed: 'web-stream',
    async run(chunks, w): Promise<Tally> {
      const sum = new Checksum();
      const fs = new FrameStream({ format: 'length-prefixed', lengthFieldLength: fieldOf(w) === 'u32' ? 4 : 'varint', maxFrameLength: MAX_FRAME, engine });
      if (fs.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${fs.engine}`);
      await readAll(webStreamOf(chunks).pipeThrough(fs), (f) => sum.frame(f));
      return sum.tally();
    },
  };
}

/** FrameBatchStream: one read per input chunk instead of one per frame. */
const frameBatchStreamContender: Contender = {
  name: 'FrameBatchStream wasm',
  role: 'framestream',
  feed: 'web-stream',
  async run(chunks, w): Promise<Tally> {
    const sum = new Checksum();
    const fs = new FrameBatchStream({ format: 'length-prefixed', lengthFieldLength: fieldOf(w) === 'u32' ? 4 : 'varint', maxFrameLength: MAX_FRAME, engine: 'wasm' });
    await readAll(webStreamOf(chunks).pipeThrough(fs), (batch) => {
      for (let i = 0; i < batch.length; i++) sum.frame(batch[i]!);
    });
    return sum.tally();
  },
};

function createDecoderContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `createDecoder ${engine}`,
    role: 'framestream',
    feed: 'loop',
    run(chunks, w): Tally {
      const sum = new Checksum();
      const dec = createDecoder({ format: 'length-prefixed', lengthFieldLength: fieldOf(w) === 'u32' ? 4 : 'varint', maxFrameLength: MAX_FRAME, engine });
      if (dec.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${dec.engine}`);
      for (let i = 0; i < chunks.length; i++) {
        const frames = dec.push(chunks[i]!);
        for (let j = 0; j < frames.length; j++) sum.frame(frames[j]!);
      }
      for (const f of dec.end()) sum.frame(f);
      return sum.tally();
    },
  };
}

const varintOnly = (w: WorkloadSpec): boolean => w.tags.includes('varint');

/** it-length-prefixed: `decode(source)` over an async iterable, yielding Uint8ArrayLists. */
const itLengthPrefixed: Contender = {
  name: 'it-length-prefixed',
  role: 'peer',
  feed: 'async-iterable',
  supports: varintOnly,
  async run(chunks): Promise<Tally> {
    const sum = new Checksum();
    // Its default maxDataLength is 4 MiB; raise it like framestream's for the large messages.
    for await (const list of itlpDecode(asyncIterableOf(chunks), { maxDataLength: MAX_FRAME })) sum.frame(list.subarray());
    return sum.tally();
  },
};

/** length-prefixed-stream: a Node Transform, fed by piping a Readable of Buffers. */
const lengthPrefixedStream: Contender = {
  name: 'length-prefixed-stream',
  role: 'peer',
  feed: 'node-stream',
  supports: varintOnly,
  async run(chunks): Promise<Tally> {
    const sum = new Checksum();
    const decoder = lps.decode();
    decoder.on('data', (f: Buffer) => sum.frame(f));
    const done = finished(decoder);
    nodeReadableOf(chunks).pipe(decoder);
    await done;
    return sum.tally();
  },
};

/**
 * The decoder people write first: append each chunk with Buffer.concat, cut whole frames off
 * the front. Quadratic when one frame spans many chunks.
 */
const naiveConcat: Contender = {
  name: 'naive Buffer.concat',
  role: 'peer',
  feed: 'loop',
  run(chunks, w): Tally {
    const sum = new Checksum();
    const u32 = fieldOf(w) === 'u32';
    let buf: Buffer = Buffer.alloc(0);
    for (const c of chunks) {
      buf = buf.length === 0 ? asBuffer(c) : Buffer.concat([buf, asBuffer(c)]);
      let off = 0;
      for (;;) {
        let len = 0;
        let at = off;
        if (u32) {
          if (buf.length - off < 4) break;
          len = buf.readUInt32BE(off);
          at = off + 4;
        } else {
          let shift = 1;
          let done = false;
          while (at < buf.length) {
            const b = buf[at++]!;
            len += (b & 0x7f) * shift;
            shift *= 128;
            if (b < 0x80) {
              done = true;
              break;
            }
          }
          if (!done) break;
        }
        if (buf.length - at < len) break;
        sum.frame(buf.subarray(at, at + len));
        off = at + len;
      }
      buf = buf.subarray(off);
    }
    if (buf.length > 0) throw new Error(`stream ended inside a frame (${buf.length} bytes left)`);
    return sum.tally();
  },
};

// ---------------------------------------------------------------- workloads

/** Frames per stream for each frame size: a few MiB each, enough for stable medians. */
const STREAM_BYTES: Record<number, number> = { 16: MiB, 256: 4 * MiB, [4 * KiB]: 8 * MiB, [MiB]: 16 * MiB };

function streamSpec(frameBytes: number, field: LengthField, chunking: Chunking, quick: boolean): WorkloadSpec {
  const frames = Math.max(1, Math.floor(STREAM_BYTES[frameBytes]! / frameBytes));
  return {
    id: `${field} ${sizeLabel(frameBytes)} @${chunkingLabel(chunking)}`,
    table: `${field} length, ${sizeLabel(frameBytes)} frames (${frames} frames)`,
    frameBytes,
    chunking: chunkingLabel(chunking),
    quick,
    tags: [field],
    make: () => makeFrameStream(frameBytes, frames, field, chunking),
  };
}

function singleSpec(messageBytes: number, chunkBytes: number, quick: boolean): WorkloadSpec {
  const chunking: Chunking = { kind: 'fixed', size: chunkBytes };
  return {
    id: `varint single ${sizeLabel(messageBytes)} @${sizeLabel(chunkBytes)}`,
    table: `varint length, one large message, ${sizeLabel(chunkBytes)} chunks`,
    frameBytes: messageBytes,
    chunking: chunkingLabel(chunking),
    quick,
    tags: ['varint', 'single'],
    isolated: { series: `single @${sizeLabel(chunkBytes)}`, messageBytes },
    make: () => makeSingleMessage(messageBytes, 'varint', chunking),
  };
}

function workloads(): WorkloadSpec[] {
  const specs: WorkloadSpec[] = [];
  for (const frameBytes of [16, 256, 4 * KiB, MiB]) {
    for (const c of STANDARD_CHUNKINGS) {
      const quick = c.kind === 'fixed' && c.size === 64 * KiB ? frameBytes !== 4 * KiB : frameBytes === 256 && c.kind === 'random';
      specs.push(streamSpec(frameBytes, 'varint', c, quick));
    }
  }
  // One-byte chunks: a small stream (every read a single byte).
  const oneByte: Chunking = { kind: 'fixed', size: 1 };
  specs.push({
    id: 'varint 16 B @1 B',
    table: 'varint length, 16 B frames, one-byte chunks (1024 frames)',
    frameBytes: 16,
    chunking: '1 B',
    quick: true,
    tags: ['varint'],
    make: () => makeFrameStream(16, 1024, 'varint', oneByte),
  });
  for (const frameBytes of [16, MiB]) specs.push(streamSpec(frameBytes, 'u32', { kind: 'fixed', size: 64 * KiB }, false));
  for (const chunkBytes of [16 * KiB, 64 * KiB]) {
    for (const m of [2, 8, 32]) specs.push(singleSpec(m * MiB, chunkBytes, chunkBytes === 64 * KiB));
  }
  return specs;
}

export default defineSuite({
  format: 'length-prefixed',
  title: 'Length-prefixed',
  workloads,
  contenders: [
    frameStreamContender('wasm'),
    frameStreamContender('js'),
    frameBatchStreamContender,
    createDecoderContender('wasm'),
    createDecoderContender('js'),
    itLengthPrefixed,
    lengthPrefixedStream,
    naiveConcat,
    ...floors,
  ],
  targets: [
    { kind: 'ratio', name: 'FrameStream 16 B frames >= 2x it-length-prefixed (frames/s)', workload: 'varint 16 B @64 KiB', contender: 'FrameStream wasm', baseline: 'it-length-prefixed', atLeast: 2 },
    { kind: 'ratio', name: 'FrameBatchStream 16 B frames >= 2x it-length-prefixed (frames/s)', workload: 'varint 16 B @64 KiB', contender: 'FrameBatchStream wasm', baseline: 'it-length-prefixed', atLeast: 2 },
    { kind: 'ratio', name: 'FrameStream 16 B frames >= 0.8x the enqueue-per-frame floor', workload: 'varint 16 B @64 KiB', contender: 'FrameStream wasm', baseline: 'floor: enqueue per frame', atLeast: 0.8 },
    { kind: 'ratio', name: 'createDecoder 16 B frames >= 0.8x the subarray-per-frame floor', workload: 'varint 16 B @64 KiB', contender: 'createDecoder wasm', baseline: 'floor: subarray per frame', atLeast: 0.8 },
    { kind: 'ratio', name: 'FrameStream 1 MiB frames >= it-length-prefixed', workload: 'varint 1 MiB @64 KiB', contender: 'FrameStream wasm', baseline: 'it-length-prefixed', atLeast: 1 },
    { kind: 'linear', name: 'FrameStream single message time grows linearly (64 KiB chunks)', series: 'single @64 KiB', contender: 'FrameStream wasm' },
    { kind: 'memory', name: 'FrameStream 32 MiB message: peak RSS growth <= 1.15x its size', workload: 'varint single 32 MiB @64 KiB', contender: 'FrameStream wasm', atMost: 1.15 },
  ],
});
