/**
 * Lines and NDJSON: framestream against split2, ndjson, node:readline and a TextDecoderStream +
 * TextLineStream-style splitter (carry + chunk), with the byte floors for text lines and
 * `JSON.parse` on pre-split lines as the NDJSON floor. One single-line series (8, 32, 128 MiB in
 * 64 KiB chunks) probes the carry-and-rescan pattern of the usual splitters.
 *
 * Targets are set for both framestream APIs. What bounds them (bench/results/full-2026-11-29-16-03.md):
 * - FrameStream on short lines cannot reach 2x split2: the enqueue-per-frame floor (a
 *   TransformStream that only enqueues precomputed views, read by a reader) is itself ~0.3x
 *   split2 in Node 20, and FrameStream runs at ~1.1x that floor; split2's Node stream `push`
 *   per line is several times cheaper than a WHATWG `read()` per line. createDecoder (a plain
 *   loop) is the row that shows the decoder's own speed.
 * - NDJSON with non-ASCII text: Node 20's TextDecoder turns non-ASCII UTF-8 into a two-byte
 *   string at ~250 MB/s, which alone is ~40% of the JSON.parse floor's time; the floor is handed
 *   its strings for free.
 *
 * @module
 */
import { createInterface } from 'node:readline';
import ndjson from 'ndjson';
import split2 from 'split2';
import { createDecoder, FrameBatchStream, FrameStream } from '../../src/index.ts';
import { Checksum, type Tally } from '../checksum.ts';
import { chunkingLabel, KiB, MiB, sizeLabel, type Chunking } from '../chunking.ts';
import { finished, nodeReadableOf, readAll, webStreamOf } from '../feed.ts';
import { floors } from '../floors.ts';
import { makeLines, makeNdjson, makeOneLine, type LinesWorkload } from '../gen/lines.ts';
import { defineSuite, type Contender, type Workload, type WorkloadSpec } from '../suite.ts';

/** Lines up to this size: the single-line series goes to 128 MiB (framestream's default is 16 MiB). */
const MAX_LINE = 256 * MiB;

const kindOf = (w: Workload): 'lines' | 'ndjson' => (w as LinesWorkload).kind;
const isNdjson = (s: WorkloadSpec): boolean => s.tags.includes('ndjson');

interface Record0 { id: number }

/** Folds one decoded item: a line's text, or an NDJSON value's id. */
function fold(sum: Checksum, kind: 'lines' | 'ndjson'): (v: unknown) => void {
  return kind === 'lines' ? (v) => sum.frameString(v as string) : (v) => sum.frameNumber((v as Record0).id);
}

// ---------------------------------------------------------------- contenders

function frameStreamContender(engine: 'wasm' | 'js'): Contender {
  return {
    name: `FrameStream ${engine}`,
    role: 'framestream',
    feed: 'web-stream',
    async run(chunks, w): Promise<Tally> {
      const sum = new Checksum();
      const kind = kindOf(w);
      const fs = new FrameStream({ format: kind, maxLineLength: MAX_LINE, engine });
      if (fs.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${fs.engine}`);
      // Chunks are plain Uint8Arrays (each its own ArrayBuffer); the cast only narrows the buffer type.
      await readAll((webStreamOf(chunks) as ReadableStream<BufferSource>).pipeThrough(fs), fold(sum, kind));
      return sum.tally();
    },
  };
}

/** FrameBatchStream: one read per input chunk instead of one per line. */
const frameBatchStreamContender: Contender = {
  name: 'FrameBatchStream wasm',
  role: 'framestream',
  feed: 'web-stream',
  async run(chunks, w): Promise<Tally> {
    const sum = new Checksum();
    const kind = kindOf(w);
    const fs = new FrameBatchStream({ format: kind, maxLineLength: MAX_LINE, engine: 'wasm' });
    const one = fold(sum, kind);
    await readAll((webStreamOf(chunks) as ReadableStream<BufferSource>).pipeThrough(fs), (batch) => {
      for (let i = 0; i < batch.length; i++) one(batch[i]);
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
      const kind = kindOf(w);
      const add = fold(sum, kind);
      const dec = createDecoder({ format: kind, maxLineLength: MAX_LINE, engine });
      if (dec.engine !== engine) throw new Error(`asked for the ${engine} engine, got ${dec.engine}`);
      for (let i = 0; i < chunks.length; i++) {
        const items = dec.push(chunks[i]! as BufferSource);
        for (let j = 0; j < items.length; j++) add(items[j]);
      }
      for (const v of dec.end()) add(v);
      return sum.tally();
    },
  };
}

/** split2: a Node Transform of line strings; with a JSON.parse mapper for NDJSON. */
/** The carry-and-rescan peers time out on a 32 MiB line already; 128 MiB would only cost minutes. */
const notHuge = (s: WorkloadSpec): boolean => !s.tags.includes('huge');

const split2Contender: Contender = {
  name: 'split2',
  role: 'peer',
  feed: 'node-stream',
  supports: notHuge,
  async run(chunks, w): Promise<Tally> {
    const sum = new Checksum();
    const kind = kindOf(w);
    const splitter = kind === 'lines' ? split2() : split2(JSON.parse);
    splitter.on('data', fold(sum, kind));
    const done = finished(splitter);
    nodeReadableOf(chunks).pipe(splitter);
    await done;
    return sum.tally();
  },
};

/** ndjson: split2 with its own JSON.parse row mapper. */
const ndjsonContender: Contender = {
  name: 'ndjson',
  role: 'peer',
  feed: 'node-stream',
  supports: isNdjson,
  async run(chunks): Promise<Tally> {
    const sum = new Checksum();
    const parser = ndjson.parse();
    parser.on('data', (v: Record0) => sum.frameNumber(v.id));
    const done = finished(parser);
    nodeReadableOf(chunks).pipe(parser);
    await done;
    return sum.tally();
  },
};

/** node:readline over a Readable, read with for await. */
const readlineContender: Contender = {
  name: 'node:readline',
  role: 'peer',
  feed: 'node-stream',
  async run(chunks, w): Promise<Tally> {
    const sum = new Checksum();
    const kind = kindOf(w);
    const rl = createInterface({ input: nodeReadableOf(chunks), crlfDelay: Infinity });
    if (kind === 'lines') for await (const line of rl) sum.frameString(line);
    else for await (const line of rl) sum.frameNumber((JSON.parse(line) as Record0).id);
    return sum.tally();
  },
};

/**
 * What a web app writes without a library: `TextDecoderStream`, then a line splitter that keeps
 * the unfinished tail and prepends it to the next chunk (the TextLineStream pattern).
 */
function textLineStream(): TransformStream<string, string> {
  let carry = '';
  return new TransformStream<string, string>({
    transform(chunk, controller) {
      const text = carry + chunk;
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        controller.enqueue(text.slice(start, end));
        start = nl + 1;
      }
      carry = text.slice(start);
    },
    flush(controller) {
      if (carry.length > 0) controller.enqueue(carry);
    },
  });
}

const textLineStreamContender: Contender = {
  name: 'TextDecoderStream + line splitter',
  role: 'peer',
  feed: 'web-stream',
  supports: notHuge,
  async run(chunks, w): Promise<Tally> {
    const sum = new Checksum();
    const kind = kindOf(w);
    const lines = (webStreamOf(chunks) as ReadableStream<BufferSource>).pipeThrough(new TextDecoderStream()).pipeThrough(textLineStream());
    await readAll(lines, kind === 'lines' ? (l) => sum.frameString(l) : (l) => sum.frameNumber((JSON.parse(l) as Record0).id));
    return sum.tally();
  },
};

/** The lines of an NDJSON workload as strings, split before any timed run (cached per workload). */
const preSplit = new WeakMap<Workload, string[]>();

/** The NDJSON floor: JSON.parse on lines that are already strings (no I/O, no splitting, no decoding). */
const jsonParseFloor: Contender = {
  name: 'floor: JSON.parse on pre-split lines',
  role: 'floor',
  feed: 'loop',
  supports: isNdjson,
  run(chunks, w): Tally {
    let lines = preSplit.get(w);
    if (!lines) {
      // Built on the untimed correctness run; timed runs find it cached.
      const td = new TextDecoder();
      lines = chunks.map((c) => td.decode(c, { stream: true })).join('').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      preSplit.set(w, lines);
    }
    const sum = new Checksum();
    for (let i = 0; i < lines.length; i++) sum.frameNumber((JSON.parse(lines[i]!) as Record0).id);
    return sum.tally();
  },
};

/** The byte floors know text lines' bounds (ASCII: bytes = text); not NDJSON or a single line. */
const byteFloors: Contender[] = floors.map((f) => ({ ...f, supports: (s: WorkloadSpec) => s.tags.includes('lines') && !s.isolated }));

// ---------------------------------------------------------------- workloads

const STREAM_BYTES = 16 * MiB;
const CHUNKINGS: readonly Chunking[] = [
  { kind: 'fixed', size: 64 * KiB },
  { kind: 'fixed', size: 1 * KiB },
  { kind: 'random', min: 1, max: 64 * KiB, seed: 0x5eed },
];

function workloads(): WorkloadSpec[] {
  const specs: WorkloadSpec[] = [];
  for (const c of CHUNKINGS) {
    const main = c.kind === 'fixed' && c.size === 64 * KiB;
    specs.push({
      id: `lines ~90 B @${chunkingLabel(c)}`,
      table: `lines: ASCII log lines of 20..160 B, ${sizeLabel(STREAM_BYTES)}`,
      frameBytes: 90,
      chunking: chunkingLabel(c),
      quick: main,
      tags: ['lines'],
      make: () => makeLines(STREAM_BYTES, c),
    });
    specs.push({
      id: `ndjson ~150 B @${chunkingLabel(c)}`,
      table: `ndjson: ASCII records of ~150 B, ${sizeLabel(STREAM_BYTES)}`,
      frameBytes: 150,
      chunking: chunkingLabel(c),
      quick: main,
      tags: ['ndjson'],
      make: () => makeNdjson(STREAM_BYTES, c, false),
    });
  }
  const c64: Chunking = { kind: 'fixed', size: 64 * KiB };
  specs.push({
    id: 'ndjson ~150 B non-ASCII @64 KiB',
    table: `ndjson: records of ~150 B with non-ASCII text, ${sizeLabel(STREAM_BYTES)}`,
    frameBytes: 150,
    chunking: chunkingLabel(c64),
    quick: true,
    tags: ['ndjson'],
    make: () => makeNdjson(STREAM_BYTES, c64, true),
  });
  // 8, 32 and 128 MiB: below ~8 MiB the allocator reuses warm pages and a run is several times
  // faster per byte than above, which would read as non-linear growth that is not the decoder's.
  for (const m of [8, 32, 128]) {
    specs.push({
      id: `one line ${m} MiB @64 KiB`,
      table: 'lines: one long line, 64 KiB chunks',
      frameBytes: m * MiB,
      chunking: '64 KiB',
      quick: true,
      tags: m > 32 ? ['lines', 'single', 'huge'] : ['lines', 'single'],
      isolated: { series: 'one line @64 KiB', messageBytes: m * MiB },
      make: () => makeOneLine(m * MiB, 64 * KiB),
    });
  }
  return specs;
}

export default defineSuite({
  format: 'lines',
  title: 'Lines and NDJSON',
  workloads,
  contenders: [
    frameStreamContender('wasm'),
    frameStreamContender('js'),
    frameBatchStreamContender,
    createDecoderContender('wasm'),
    createDecoderContender('js'),
    split2Contender,
    ndjsonContender,
    readlineContender,
    textLineStreamContender,
    jsonParseFloor,
    ...byteFloors,
  ],
  targets: [
    { kind: 'ratio', name: 'lines: FrameStream >= 2x split2', workload: 'lines ~90 B @64 KiB', contender: 'FrameStream wasm', baseline: 'split2', atLeast: 2 },
    { kind: 'ratio', name: 'lines: createDecoder >= 2x split2', workload: 'lines ~90 B @64 KiB', contender: 'createDecoder wasm', baseline: 'split2', atLeast: 2 },
    { kind: 'ratio', name: 'lines: FrameBatchStream >= 2x split2', workload: 'lines ~90 B @64 KiB', contender: 'FrameBatchStream wasm', baseline: 'split2', atLeast: 2 },
    { kind: 'ratio', name: 'ndjson: FrameBatchStream >= 1.0x ndjson', workload: 'ndjson ~150 B @64 KiB', contender: 'FrameBatchStream wasm', baseline: 'ndjson', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson: FrameBatchStream >= 0.8x JSON.parse on pre-split lines', workload: 'ndjson ~150 B @64 KiB', contender: 'FrameBatchStream wasm', baseline: 'floor: JSON.parse on pre-split lines', atLeast: 0.8 },
    { kind: 'ratio', name: 'ndjson: FrameStream >= 1.0x ndjson', workload: 'ndjson ~150 B @64 KiB', contender: 'FrameStream wasm', baseline: 'ndjson', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson: FrameStream >= 1.0x split2 + JSON.parse', workload: 'ndjson ~150 B @64 KiB', contender: 'FrameStream wasm', baseline: 'split2', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson: createDecoder >= 1.0x ndjson', workload: 'ndjson ~150 B @64 KiB', contender: 'createDecoder wasm', baseline: 'ndjson', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson: createDecoder >= 1.0x split2 + JSON.parse', workload: 'ndjson ~150 B @64 KiB', contender: 'createDecoder wasm', baseline: 'split2', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson: FrameStream >= 0.8x JSON.parse on pre-split lines', workload: 'ndjson ~150 B @64 KiB', contender: 'FrameStream wasm', baseline: 'floor: JSON.parse on pre-split lines', atLeast: 0.8 },
    { kind: 'ratio', name: 'ndjson: createDecoder >= 0.8x JSON.parse on pre-split lines', workload: 'ndjson ~150 B @64 KiB', contender: 'createDecoder wasm', baseline: 'floor: JSON.parse on pre-split lines', atLeast: 0.8 },
    { kind: 'ratio', name: 'ndjson non-ASCII: createDecoder >= 1.0x ndjson', workload: 'ndjson ~150 B non-ASCII @64 KiB', contender: 'createDecoder wasm', baseline: 'ndjson', atLeast: 1 },
    { kind: 'ratio', name: 'ndjson non-ASCII: createDecoder >= 0.8x JSON.parse on pre-split lines', workload: 'ndjson ~150 B non-ASCII @64 KiB', contender: 'createDecoder wasm', baseline: 'floor: JSON.parse on pre-split lines', atLeast: 0.8 },
    { kind: 'linear', name: 'one long line: FrameStream time grows linearly (64 KiB chunks)', series: 'one line @64 KiB', contender: 'FrameStream wasm' },
    { kind: 'linear', name: 'one long line: createDecoder time grows linearly (64 KiB chunks)', series: 'one line @64 KiB', contender: 'createDecoder wasm' },
    { kind: 'memory', name: 'one 32 MiB line: FrameStream peak RSS growth <= 3x the line', workload: 'one line 32 MiB @64 KiB', contender: 'FrameStream wasm', atMost: 3 },
    { kind: 'memory', name: 'one 32 MiB line: createDecoder peak RSS growth <= 3x the line', workload: 'one line 32 MiB @64 KiB', contender: 'createDecoder wasm', atMost: 3 },
  ],
});
