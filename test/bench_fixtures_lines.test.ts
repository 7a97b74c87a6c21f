// The lines/NDJSON bench generators yield what they claim: the frame count and checksums they
// report are those of the lines actually in their chunks, read back with TextDecoder and
// String.split (independent of framestream). Small sizes; the timed sizes use the same functions.
import { describe, expect, it } from 'vitest';
import { Checksum } from '../bench/checksum.ts';
import type { Chunking } from '../bench/chunking.ts';
import { makeLines, makeNdjson, makeOneLine, type LinesWorkload } from '../bench/gen/lines.ts';

function readBack(w: LinesWorkload): string[] {
  const td = new TextDecoder('utf-8', { fatal: true });
  const text = w.chunks.map((c) => td.decode(c, { stream: true })).join('') + td.decode();
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

function tallies(w: LinesWorkload, lines: string[]) {
  const sums = (['full', 'sampled'] as const).map((mode) => {
    const s = new Checksum(mode);
    for (const l of lines) {
      if (w.kind === 'lines') s.frameString(l);
      else s.frameNumber((JSON.parse(l) as { id: number }).id);
    }
    return s.tally();
  });
  return { frames: sums[0]!.frames, checksum: { full: sums[0]!.checksum, sampled: sums[1]!.checksum } };
}

const chunkings: Chunking[] = [
  { kind: 'fixed', size: 64 * 1024 },
  { kind: 'fixed', size: 7 },
  { kind: 'random', min: 1, max: 4096, seed: 0x5eed },
];

describe.each(chunkings.map((c) => [JSON.stringify(c), c] as const))('bench generators, chunking %s', (_n, c) => {
  it('makeLines: ASCII lines, every byte in the chunks, bounds on each line', () => {
    const w = makeLines(64 * 1024, c);
    const lines = readBack(w);
    expect({ frames: w.frames, checksum: w.checksum }).toEqual(tallies(w, lines));
    expect(w.chunks.reduce((n, x) => n + x.length, 0)).toBe(w.bytes);
    expect(lines.every((l) => l.length > 0 && /^[\x20-\x7e]*$/.test(l))).toBe(true);
    const td = new TextDecoder();
    const fromBounds = Array.from({ length: w.bounds!.length / 2 }, (_, i) => td.decode(w.wire!.subarray(w.bounds![2 * i], w.bounds![2 * i + 1])));
    expect(fromBounds).toEqual(lines);
  });

  it.each([false, true])('makeNdjson (unicode %s): one JSON record per line, checksummed by id', (unicode) => {
    const w = makeNdjson(64 * 1024, c, unicode);
    const lines = readBack(w);
    expect({ frames: w.frames, checksum: w.checksum }).toEqual(tallies(w, lines));
    expect(lines.some((l) => /[^\x00-\x7f]/.test(l))).toBe(unicode);
  });
});

it('makeOneLine: one line of the stated size, in 64 KiB chunks', () => {
  const w = makeOneLine(200_000, 64 * 1024);
  const lines = readBack(w);
  expect(lines.map((l) => l.length)).toEqual([200_000]);
  expect(w.chunks.map((x) => x.length)).toEqual([65536, 65536, 65536, 3393]);
  expect({ frames: w.frames, checksum: w.checksum }).toEqual(tallies(w, lines));
});
