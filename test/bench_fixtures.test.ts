// The bench workload generators yield what they claim: the frame count and checksums they
// report are those of the frames actually in their chunks, read back by an independent decoder.
// Small sizes only; the timed sizes come from the same functions.
import { describe, expect, it } from 'vitest';
import { Checksum, ExpectedChecksum, Pattern } from '../bench/checksum.ts';
import { chunkSizes, cut, STANDARD_CHUNKINGS, type Chunking } from '../bench/chunking.ts';
import { makeFrameStream, makeSingleMessage, type LengthField } from '../bench/gen/length_prefixed.ts';
import type { Workload } from '../bench/suite.ts';

/** Reference decoder for the generated streams, written separately from the generator. */
function readBack(chunks: readonly Uint8Array[], field: LengthField): Uint8Array[] {
  const all = concat(chunks);
  const frames: Uint8Array[] = [];
  let at = 0;
  while (at < all.length) {
    let len = 0;
    if (field === 'u32') {
      len = ((all[at]! << 24) | (all[at + 1]! << 16) | (all[at + 2]! << 8) | all[at + 3]!) >>> 0;
      at += 4;
    } else {
      for (let mul = 1; ; mul *= 128) {
        const b = all[at++]!;
        len += (b & 127) * mul;
        if (b < 128) break;
      }
    }
    if (at + len > all.length) throw new Error('generator wrote a truncated frame');
    frames.push(all.subarray(at, at + len));
    at += len;
  }
  return frames;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Byte equality (portable, and fast enough for the 1-byte chunkings: no per-element expect). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function tallies(frames: readonly Uint8Array[]) {
  const full = new Checksum('full');
  const sampled = new Checksum('sampled');
  for (const f of frames) {
    full.frame(f);
    sampled.frame(f);
  }
  return { frames: full.frames, full: full.tally().checksum, sampled: sampled.tally().checksum };
}

function expectOwnBuffers(w: Workload): void {
  const buffers = new Set<ArrayBufferLike>();
  const shared = w.chunks.filter((c) => c.byteOffset !== 0 || c.buffer.byteLength !== c.length);
  for (const c of w.chunks) buffers.add(c.buffer);
  expect(shared.length).toBe(0);
  expect(buffers.size).toBe(w.chunks.length);
  expect(w.chunks.reduce((n, c) => n + c.length, 0)).toBe(w.bytes);
}

const CHUNKINGS: Chunking[] = [...STANDARD_CHUNKINGS, { kind: 'fixed', size: 1 }, { kind: 'random', min: 1, max: 7, seed: 3 }];

describe('bench checksum', () => {
  it('changes when one byte of one frame changes, in both modes', () => {
    const frames = [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([6, 7, 8])];
    const base = tallies(frames);
    for (const i of [0, 2, 4]) {
      const changed = [frames[0]!.slice(), frames[1]!];
      changed[0]![i]! ^= 1;
      const t = tallies(changed);
      expect(t.full).not.toBe(base.full);
      expect(t.sampled).not.toBe(base.sampled); // first, middle and last bytes are sampled
    }
    expect(tallies([frames[0]!.slice(1, 3)]).full).not.toBe(tallies([frames[0]!.slice(1, 4)]).full);
  });

  it('depends on frame order and on frame boundaries', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array([3, 4, 5]);
    expect(tallies([a, b]).full).not.toBe(tallies([b, a]).full);
    expect(tallies([a, b]).sampled).not.toBe(tallies([b, a]).sampled);
    expect(tallies([a, b]).full).not.toBe(tallies([new Uint8Array([1, 2, 3]), new Uint8Array([4, 5])]).full);
  });

  it('frameParts sums a frame given in pieces as frame() sums it whole', () => {
    const whole = new Uint8Array(1000);
    new Pattern(7).fill(whole);
    for (const mode of ['full', 'sampled'] as const) {
      const one = new Checksum(mode);
      one.frame(whole);
      const parts = new Checksum(mode);
      parts.frameParts([whole.subarray(0, 1), whole.subarray(1, 499), whole.subarray(499, 500), whole.subarray(500)]);
      expect(parts.tally()).toEqual(one.tally());
    }
  });

  it('Pattern continues across fill calls', () => {
    const whole = new Uint8Array(100);
    new Pattern(3).fill(whole);
    const p = new Pattern(3);
    const a = new Uint8Array(37);
    const b = new Uint8Array(63);
    p.fill(a);
    p.fill(b);
    expect(concat([a, b])).toEqual(whole);
    const other = new Uint8Array(100);
    new Pattern(4).fill(other);
    expect(other).not.toEqual(whole);
  });
});

describe('bench chunkings', () => {
  it.each(CHUNKINGS.map((c) => [JSON.stringify(c), c] as const))('%s covers the stream with chunks of the promised sizes', (_, c) => {
    const total = 200_003;
    const sizes = chunkSizes(total, c);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
    const inner = sizes.slice(0, -1);
    if (c.kind === 'fixed') expect(inner.filter((n) => n !== c.size)).toEqual([]);
    else expect(inner.filter((n) => n < c.min || n > c.max)).toEqual([]);
    expect(chunkSizes(total, c)).toEqual(sizes); // seeded: the same every time
    const wire = new Uint8Array(total);
    new Pattern(1).fill(wire);
    expect(same(concat(cut(wire, c)), wire)).toBe(true);
  });
});

describe('length-prefixed bench generators', () => {
  const cases: [number, number, LengthField, Chunking][] = [];
  for (const field of ['varint', 'u32'] as const) {
    for (const [frameBytes, frames] of [[16, 300], [256, 40], [4096, 5], [70_000, 2]] as const) {
      for (const c of CHUNKINGS) cases.push([frameBytes, frames, field, c]);
    }
  }

  it.each(cases.map((k) => [`${k[2]} ${k[0]} B x${k[1]} @${JSON.stringify(k[3])}`, ...k] as const))(
    'makeFrameStream %s yields the frames it claims',
    (_, frameBytes, frames, field, c) => {
      const w = makeFrameStream(frameBytes, frames, field, c);
      expectOwnBuffers(w);
      const got = readBack(w.chunks, field);
      expect(got.length).toBe(frames);
      expect(got.filter((f) => f.length !== frameBytes)).toEqual([]);
      const t = tallies(got);
      expect(w.frames).toBe(t.frames);
      expect(w.checksum).toEqual({ full: t.full, sampled: t.sampled });
      // The floors' view of the stream: wire is the chunks' bytes, bounds are the payloads.
      expect(same(concat(w.chunks), w.wire!)).toBe(true);
      const bad: number[] = [];
      for (let i = 0; i < w.bounds!.length; i += 2) {
        if (!same(w.wire!.subarray(w.bounds![i]!, w.bounds![i + 1]!), got[i / 2]!)) bad.push(i / 2);
      }
      expect(w.bounds!.length).toBe(2 * frames);
      expect(bad).toEqual([]);
      // Frames differ from one another, so a repeated or skipped frame changes the checksum.
      expect(new Set(got.map((f) => f.join(','))).size).toBe(frames);
    },
  );

  it.each([
    [1000, 64],
    [1 << 17, 1000],
    [1 << 17, 65536],
    [30_000, 7],
  ])('makeSingleMessage of %i bytes in %i-byte chunks yields one frame of that size', (messageBytes, chunkBytes) => {
    const w = makeSingleMessage(messageBytes, 'varint', { kind: 'fixed', size: chunkBytes });
    expectOwnBuffers(w);
    const got = readBack(w.chunks, 'varint');
    expect(got.length).toBe(1);
    expect(got[0]!.length).toBe(messageBytes);
    const t = tallies(got);
    expect({ frames: w.frames, ...w.checksum }).toEqual(t);
    const expected = new Uint8Array(messageBytes);
    new Pattern(0).fill(expected);
    expect(same(got[0]!, expected)).toBe(true);
  });

  it('ExpectedChecksum matches Checksum in each mode', () => {
    const e = new ExpectedChecksum();
    const f = new Checksum('full');
    const s = new Checksum('sampled');
    for (const frame of [new Uint8Array([9]), new Uint8Array(0), new Uint8Array([1, 2, 3])]) {
      e.frame(frame);
      f.frame(frame);
      s.frame(frame);
    }
    expect(e.done()).toEqual({ frames: 3, checksum: { full: f.tally().checksum, sampled: s.tally().checksum } });
  });
});
