/**
 * Lines and NDJSON workload generators (no Node API, so the fixture test can run anywhere).
 * Lines are ASCII, so a line's text checksum equals its bytes' checksum and the byte floors
 * (bench/floors.ts) check against the same expectation.
 *
 * @module
 */
import { ExpectedChecksum } from '../checksum.ts';
import { cut, prng, type Chunking } from '../chunking.ts';
import type { Workload } from '../suite.ts';

/** What the contenders need to know beyond the bytes: which format the stream is. */
export interface LinesWorkload extends Workload {
  kind: 'lines' | 'ndjson';
}

const WORDS = ['GET', '/api/v1/items', 'status=200', 'user=alice', 'latency_ms=12', 'ok', 'cache=miss', 'region=eu-west-1', 'retry=0', 'trace=9f86d081884c7d65'];

/**
 * Log-like text lines of 20..160 bytes (mean ~90), `'\n'`-terminated, about `totalBytes` in all.
 * Lines are never empty (every peer agrees on them).
 */
export function makeLines(totalBytes: number, chunking: Chunking, seed = 0x11e5): LinesWorkload {
  const rnd = prng(seed);
  const enc = new TextEncoder();
  const expected = new ExpectedChecksum();
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < totalBytes; i++) {
    const want = 20 + Math.floor(rnd() * 141);
    let s = `${i} `;
    while (s.length < want) s += WORDS[Math.floor(rnd() * WORDS.length)]! + ' ';
    s = s.slice(0, want);
    parts.push(s);
    expected.frameString(s);
    bytes += s.length + 1;
  }
  const wire = enc.encode(parts.join('\n') + '\n');
  const bounds = new Uint32Array(parts.length * 2);
  let at = 0;
  for (let i = 0; i < parts.length; i++) {
    bounds[2 * i] = at;
    bounds[2 * i + 1] = at + parts[i]!.length;
    at += parts[i]!.length + 1;
  }
  return { kind: 'lines', ...expected.done(), chunks: cut(wire, chunking), bytes: wire.length, wire, bounds };
}

/**
 * NDJSON records of ~150 bytes (an id, strings, numbers, a boolean, a small array), about
 * `totalBytes` in all. Each value's checksum is its `id` (`frameNumber`), so a contender must
 * really parse the JSON to match. `unicode`: every record also holds non-ASCII text ('é€'),
 * which makes every decoder take its slower UTF-8 path and JSON.parse read two-byte strings.
 */
export function makeNdjson(totalBytes: number, chunking: Chunking, unicode: boolean, seed = 0x7d7503): LinesWorkload {
  const rnd = prng(seed);
  const expected = new ExpectedChecksum();
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < totalBytes; i++) {
    const rec = {
      id: i,
      ts: 1764400000000 + i * 17,
      level: rnd() < 0.9 ? 'info' : 'warn',
      msg: WORDS[Math.floor(rnd() * WORDS.length)]! + ' ' + WORDS[Math.floor(rnd() * WORDS.length)]!,
      latency: Math.round(rnd() * 100000) / 100,
      ok: rnd() < 0.95,
      tags: [WORDS[Math.floor(rnd() * WORDS.length)]!, unicode ? 'é€' : 'eu'],
    };
    const s = JSON.stringify(rec);
    parts.push(s);
    expected.frameNumber(i);
    bytes += new TextEncoder().encode(s).length + 1;
  }
  const wire = new TextEncoder().encode(parts.join('\n') + '\n');
  return { kind: 'ndjson', ...expected.done(), chunks: cut(wire, chunking), bytes: wire.length };
}

/**
 * One line of `lineBytes` ASCII bytes and its `'\n'`, in `chunkBytes` chunks, written straight
 * into the chunks (no whole-stream copy, which would count in the RSS being measured).
 */
export function makeOneLine(lineBytes: number, chunkBytes: number): LinesWorkload {
  const total = lineBytes + 1;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const lineParts: Uint8Array[] = [];
  const period = 'abcdefghijklmnopqrstuvwxyz0123456789';
  for (let off = 0; off < total; off += chunkBytes) {
    const n = Math.min(chunkBytes, total - off);
    const c = new Uint8Array(n);
    for (let i = 0; i < n; i++) c[i] = off + i === lineBytes ? 0x0a : period.charCodeAt((off + i) % period.length);
    chunks.push(c);
    lineParts.push(off + n > lineBytes ? c.subarray(0, lineBytes - off) : c);
  }
  // ASCII: the line's bytes checksum as its text does.
  const expected = new ExpectedChecksum();
  expected.frameParts(lineParts);
  return { kind: 'lines', ...expected.done(), chunks, bytes: total };
}
