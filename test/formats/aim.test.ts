import { describe, expect, it } from 'vitest';
import {
  AimTreeBuilder, AimTreeStream, createDecoder, decodeTree, encodeFrame, encodeTree, FrameEncoderStream, FrameError,
  FrameStream, type AimRecord, type AimTreeEvent, type FormatOptions,
  type AimRecordInput,
} from '../../src/index.ts';
import { expectedRecord, keyJson, nodeJson, recordJson, resolveExpected } from '../support/aim_json.ts';
import { at, CHUNKINGS, concat, oneByte, prng, whole } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { decodeChunks, streamOf } from '../support/run.ts';
import { loadAimVectors, type AimVector } from '../vectors/aim.ts';

const vectors = await loadAimVectors();

/**
 * The standard chunkings (test/support/chunkings.ts, same names, same cuts), produced lazily
 * as views: 3 MiB vectors in 1-byte chunks would otherwise allocate 3 million ArrayBuffers.
 */
const LAZY_CHUNKINGS = CHUNKINGS.map((c) => {
  const m = /^random\(seed=(\d+),max=(\d+)\)$/.exec(c.name);
  const size = c.name === 'whole' ? () => Infinity : c.name === '1-byte' ? () => 1 : m ? (() => {
    const rnd = prng(Number(m[1]));
    const max = Number(m[2]);
    return () => 1 + Math.floor(rnd() * max);
  }) : null;
  if (!size) throw new Error(`no lazy twin for chunking ${c.name}`);
  return {
    name: c.name,
    *chunks(b: Uint8Array): Generator<Uint8Array> {
      const next = m ? (size as () => () => number)() : (size as () => number);
      for (let i = 0; i < b.length;) {
        const n = Math.min(next(), b.length - i);
        // A view, not a copy: millions of 1-byte ArrayBuffers make GC, not decoding, the cost.
        // (Frames owning their bytes across chunks is covered by the FrameStream and HTTP tests.)
        yield b.subarray(i, i + n);
        i += n;
      }
    },
  };
});

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Like decodeChunks, from an iterable of chunks. */
function decodeLazy(options: FormatOptions, chunks: Iterable<Uint8Array>): { frames: AimRecord[]; error?: FrameError } {
  const dec = createDecoder(options);
  if (dec.engine !== options.engine) throw new Error(`asked for engine ${options.engine}, got ${dec.engine}`);
  const frames: AimRecord[] = [];
  try {
    for (const c of chunks) frames.push(...(dec.push(c) as AimRecord[]));
    frames.push(...(dec.end() as AimRecord[]));
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    frames.push(...(e.frames as AimRecord[]));
    return { frames, error: e };
  }
  return { frames };
}
const byName = (n: string): AimVector => vectors.find((v) => v.name === n)!;

/** Expected output of a vector, resolved once: records, and per segment its tree and level-1 items. */
const expected = new Map(vectors.map((v) => [v.name, {
  records: v.json.records.map((r) => expectedRecord(r, v.bin)),
  segments: v.json.segments.map((s) => resolveExpected(s, v.bin)),
}]));

/** Records of each segment: the records whose offsets fall in it. */
function bySegment(v: AimVector, records: AimRecord[]): AimRecord[][] {
  return v.json.segments.map((s) => records.filter((r) => r.offset >= s.offset && r.offset < s.offset + s.length));
}

function level1(records: AimRecord[]): AimTreeEvent[] {
  const b = new AimTreeBuilder({ level: 1 });
  const out: AimTreeEvent[] = [];
  for (const r of records) b.push(r, out);
  b.end(out);
  return out;
}

function itemsJson(events: AimTreeEvent[]): unknown[] {
  return events.map((e) => {
    if (e.kind === 'tree') throw new Error('level 1 yields no tree');
    return [e.path.map(keyJson), nodeJson(e.value)];
  });
}

/** Everything a vector promises: every record, each segment's tree, and (aim-web) its level-1 items. */
function checkVector(v: AimVector, records: AimRecord[]): void {
  const exp = expected.get(v.name)!;
  expect(records).toHaveLength(v.json.record_count);
  expect(records.map(recordJson)).toEqual(exp.records);
  bySegment(v, records).forEach((segRecords, i) => {
    const seg = exp.segments[i]!;
    expect(nodeJson(decodeTree(segRecords))).toEqual(seg.tree);
    if (seg.items) expect(itemsJson(level1(segRecords))).toEqual(seg.items);
  });
}

describe.each(ENGINES)('aim, %s engine', (engine) => {
  describe.each(LAZY_CHUNKINGS.map((c) => [c.name, c] as const))('chunking %s', (_name, chunking) => {
    it.each(vectors.map((v) => [v.name, v] as const))('decodes %s: records, trees, level-1 items', (_n, v) => {
      const r = decodeLazy({ format: v.json.format, engine }, chunking.chunks(v.bin));
      expect(r.error).toBeUndefined();
      checkVector(v, r.frames as AimRecord[]);
    });
  });

  describe.each([whole, oneByte].map((c) => [c.name, c] as const))('FrameStream + AimTreeStream, chunking %s', (_name, chunking) => {
    it.each(vectors.filter((v) => v.bin.length < 200_000).map((v) => [v.name, v] as const))('streams %s', async (_n, v) => {
      const exp = expected.get(v.name)!;
      for (const [i, seg] of v.json.segments.entries()) {
        const body = v.bin.subarray(seg.offset, seg.offset + seg.length);
        const level = seg.items ? 1 : 0;
        const events: AimTreeEvent[] = [];
        const s = streamOf(chunking.cut(body))
          .pipeThrough(new FrameStream({ format: v.json.format, engine }))
          .pipeThrough(new AimTreeStream({ level }));
        for await (const e of s) events.push(e);
        if (level === 1) {
          expect(itemsJson(events)).toEqual(exp.segments[i]!.items);
          // Progress is reported apart from results: exactly the top-level keys starting with "progress".
          const progressKeys = events.filter((e) => e.kind === 'progress').map((e) => e.path[0]);
          expect(progressKeys).toEqual(exp.segments[i]!.items!.map((it) => it[0][0]).filter((k) => typeof k === 'string' && k.startsWith('progress')));
        } else {
          expect(events).toHaveLength(1);
          const ev = events[0]!;
          if (ev.kind !== 'tree') throw new Error(`expected a tree event, got ${ev.kind}`);
          expect(nodeJson(ev.tree)).toEqual(exp.segments[i]!.tree);
        }
      }
    });
  });

  describe('truncation: a stream that ends inside a record errors at its offset, after every earlier record', () => {
    const cases = vectors.flatMap((v) => {
      const recs = v.json.records as { offset: number; length: number; key_length: number }[];
      const flag = v.json.format === 'aim-rt' ? 1 : 0;
      // One record in the middle (and the last one): cut inside each of its fields.
      return [recs[recs.length >> 1]!, recs[recs.length - 1]!].flatMap((r, j) => {
        const idx = j === 0 ? recs.length >> 1 : recs.length - 1;
        const points: [string, number][] = [
          ['key length', r.offset + 2],
          ['key', r.offset + 4 + (r.key_length >> 1)],
          ['flag / value length', r.offset + 4 + r.key_length + (flag ? 1 : 2)],
          ['value', r.offset + r.length - 1],
        ];
        return points
          .filter(([, cut]) => cut > r.offset && cut < r.offset + r.length)
          .map(([what, cut]) => [`${v.name} record ${idx}, inside its ${what} (cut at ${cut})`, v, cut, idx, r.offset] as const);
      });
    });
    it.each(cases)('%s', (_n, v, cut, idx, offset) => {
      const seg = v.json.segments.find((s) => offset >= s.offset && offset < s.offset + s.length)!;
      const r = decodeChunks({ format: v.json.format, engine }, at([seg.offset + 1, cut - 1]).cut(v.bin.subarray(0, cut)));
      expect(r.error).toBeInstanceOf(FrameError);
      expect({ code: r.error!.code, offset: r.error!.offset, format: r.error!.format }).toEqual({ code: 'truncated', offset, format: v.json.format });
      expect((r.frames as AimRecord[]).map(recordJson)).toEqual(expected.get(v.name)!.records.slice(0, idx));
    });
  });

  it('a key longer than maxKeyLength and a value longer than maxValueLength are frame-too-large at their record', () => {
    const v = byName('web_run_search');
    const r = decodeChunks({ format: 'aim-web', engine, maxKeyLength: 1000 }, [v.bin]);
    const firstLong = (v.json.records as { offset: number; key_length: number }[]).findIndex((x) => x.key_length > 1000);
    expect([r.error?.code, r.error?.offset]).toEqual(['frame-too-large', v.json.records[firstLong]!.offset]);
    expect(r.error!.message).toMatch(/key of \d+ bytes is longer than maxKeyLength \(1000\)/);
    expect(r.frames).toHaveLength(firstLong);
    const big = byName('rt_read_response_large_blob');
    const r2 = decodeChunks({ format: 'aim-rt', engine, maxValueLength: 1 << 20 }, oneByte.cut(big.bin.subarray(0, 100)));
    expect([r2.error?.code, r2.error?.offset, r2.frames.length]).toEqual(['frame-too-large', 19, 1]);
    expect(r2.error!.message).toMatch(/value of 3145746 bytes is longer than maxValueLength \(1048576\)/);
  });

  it('reads big-endian lengths with byteOrder big (a big-endian server)', () => {
    const v = byName('rt_read_response_params');
    const recs = decodeChunks({ format: 'aim-rt', engine }, [v.bin]).frames as AimRecord[];
    const be = concat(recs.map((r) => encodeFrame({ format: 'aim-rt', byteOrder: 'big' }, r)));
    expect(toHex(be.subarray(0, 4))).toBe(toHex(new Uint8Array([0, 0, 0, recs[0]!.key.length])));
    const back = decodeChunks({ format: 'aim-rt', engine, byteOrder: 'big' }, CHUNKINGS[2]!.cut(be));
    expect(back.error).toBeUndefined();
    checkVector(v, back.frames as AimRecord[]);
  });

  it('a 16 MiB value in 16 KiB chunks is taken straight from the input, never buffered in the core', () => {
    const value = new Uint8Array(16 * 1024 * 1024 + 1);
    value[0] = 5;
    for (let i = 1; i < value.length; i += 4093) value[i] = i & 255;
    const wire = encodeFrame({ format: 'aim-web' }, { key: new Uint8Array([0x61, 0xfe]), value });
    const dec = createDecoder({ format: 'aim-web', engine });
    expect(dec.engine).toBe(engine);
    const frames: AimRecord[] = [];
    let maxCore = 0;
    for (let i = 0; i < wire.length; i += 16384) {
      frames.push(...dec.push(wire.subarray(i, i + 16384)));
      // bufferedBytes counts the partially filled value; the core buffer itself never holds it.
      maxCore = Math.max(maxCore, dec.bufferedBytes);
    }
    frames.push(...dec.end());
    expect(frames).toHaveLength(1);
    // bytesEqual, not toEqual: the matcher's element-wise walk over 16 MiB takes minutes.
    expect(bytesEqual(frames[0]!.value, value)).toBe(true);
    expect(frames[0]!.path).toEqual(['a']);
    expect(maxCore).toBeLessThanOrEqual(value.length);
  });
});

describe('aim encoders', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('records of %s encode back byte-identically', (_n, v) => {
    const recs = decodeChunks({ format: v.json.format }, [v.bin]).frames as AimRecord[];
    const wire = concat(recs.map((r) => encodeFrame({ format: v.json.format }, r)));
    expect(wire.length).toBe(v.bin.length);
    expect(bytesEqual(wire, v.bin)).toBe(true);
  });

  it.each(vectors.map((v) => [v.name, v] as const))('trees of %s encode back byte-identically (depth-first, as Aim flattens)', (_n, v) => {
    const recs = decodeChunks({ format: v.json.format }, [v.bin]).frames as AimRecord[];
    bySegment(v, recs).forEach((segRecords, i) => {
      const seg = v.json.segments[i]!;
      const tree = decodeTree(segRecords, { keepFloatType: true });
      const wire = encodeTree(tree, { format: v.json.format });
      expect(wire.length).toBe(seg.length);
      expect(bytesEqual(wire, v.bin.subarray(seg.offset, seg.offset + seg.length))).toBe(true);
    });
  });

  it('FrameEncoderStream writes one record per value; a bad value errors with where it would go', async () => {
    const v = byName('rt_read_response_image');
    const recs = decodeChunks({ format: 'aim-rt' }, [v.bin]).frames as AimRecord[];
    const out: Uint8Array[] = [];
    for await (const c of streamOf<AimRecordInput>(recs).pipeThrough(new FrameEncoderStream({ format: 'aim-rt' }))) out.push(c);
    expect(bytesEqual(concat(out), v.bin)).toBe(true);
    const r = streamOf<AimRecordInput>([recs[0]!, { key: new Uint8Array(5), value: new Uint8Array(3) }])
      .pipeThrough(new FrameEncoderStream({ format: 'aim-rt', maxKeyLength: 4 })).getReader();
    expect((await r.read()).value).toHaveLength(recs[0]!.length);
    await expect(r.read()).rejects.toMatchObject({ code: 'unencodable', offset: recs[0]!.length });
  });

  it('refuses trees Aim could not read back', () => {
    expect(() => encodeTree(new Map([['', 1]]), { format: 'aim-web' })).toThrow(/empty-string path keys/);
    expect(() => encodeTree(new Map([['a', 2n ** 63n]]), { format: 'aim-web' })).toThrow(/does not fit int64/);
    expect(() => encodeTree({ a: undefined } as never, { format: 'aim-web' })).toThrow(/cannot encode undefined/);
  });
});

describe('options', () => {
  it.each([
    [{ byteOrder: 'middle' }, /aim-rt: byteOrder must be 'little' or 'big'/],
    [{ maxKeyLength: -1 }, /maxKeyLength must be an integer in \[0, 2\^30\]/],
    [{ maxKeyLength: 2 ** 31 }, /maxKeyLength must be an integer in \[0, 2\^30\]/],
    [{ maxValueLength: 2 ** 32 }, /maxValueLength must be an integer/],
  ])('rejects %o when the decoder is built', (opts, msg) => {
    expect(() => createDecoder({ format: 'aim-rt', ...(opts as object) })).toThrow(msg);
    expect(() => new FrameStream({ format: 'aim-rt', ...(opts as object) })).toThrow(msg);
  });
});
