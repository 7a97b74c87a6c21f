// The Aim bench generators yield what they claim (frame count, checksums, floors' bounds), read
// back by a reference parser written here, and by framestream's tree decoder for the search body.
// Small sizes only; the timed sizes come from the same functions.
import { describe, expect, it } from 'vitest';
import { Checksum } from '../bench/checksum.ts';
import { makeAimSearchStream, makeAimSingleValue } from '../bench/gen/aim.ts';
import suite, { aimUiGrowAndMerge } from '../bench/suites/aim.ts';
import { createDecoder, decodeTree, type AimRecord } from '../src/index.ts';
import { itDecodesEveryWorkload, itNamesRealTargets, testSpec } from './support/bench_checks.ts';
import { concatBytes as concat } from '../src/util/bytes.ts';


/** aim-web records' values, by a plain parser over the whole body. */
function values(all: Uint8Array): Uint8Array[] {
  const dv = new DataView(all.buffer, all.byteOffset, all.byteLength);
  const out: Uint8Array[] = [];
  for (let at = 0; at < all.length;) {
    const k = dv.getUint32(at, true);
    const v = dv.getUint32(at + 4 + k, true);
    if (at + 8 + k + v > all.length) throw new Error('generator wrote a truncated record');
    out.push(all.subarray(at + 8 + k, at + 8 + k + v));
    at += 8 + k + v;
  }
  return out;
}

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
  return { frames: full.frames, checksum: { full: full.tally().checksum, sampled: sampled.tally().checksum } };
}

describe('aim bench generators', () => {
  it.each([[1000, 64], [70000, 16384], [70000, 7]])('single value of %i bytes in %i-byte chunks', (bytes, size) => {
    const w = makeAimSingleValue(bytes, { kind: 'fixed', size });
    const all = concat(w.chunks);
    expect(w.bytes).toBe(all.length);
    expect(w.chunks.every((c) => c.length <= size)).toBe(true);
    const vals = values(all);
    expect(vals).toHaveLength(1);
    expect(vals[0]!.length).toBe(bytes);
    expect(vals[0]![0]).toBe(0x05);
    expect({ frames: w.frames, checksum: w.checksum }).toEqual(tallies(vals));
  });

  it('web_run_search-like body: records, progress and keep-alive keys, floors\' bounds', () => {
    const w = makeAimSearchStream(12, 5, { kind: 'random', min: 1, max: 300, seed: 3 });
    const all = concat(w.chunks);
    expect(same(all, w.wire!)).toBe(true);
    const vals = values(all);
    expect({ frames: w.frames, checksum: w.checksum }).toEqual(tallies(vals));
    const bounded: Uint8Array[] = [];
    for (let i = 0; i < w.bounds!.length; i += 2) bounded.push(all.subarray(w.bounds![i]!, w.bounds![i + 1]!));
    expect(bounded.length).toBe(vals.length);
    expect(bounded.every((b, i) => same(b, vals[i]!))).toBe(true);
    const recs = createDecoder({ format: 'aim-web', engine: 'js' }).push(all) as AimRecord[];
    const tree = decodeTree(recs) as Map<unknown, unknown>;
    const keys = [...tree.keys()] as string[];
    expect(keys.filter((k) => /^[0-9a-f]{24}$/.test(k))).toHaveLength(12);
    expect(keys.filter((k) => /^progress_\d+$/.test(k))).toHaveLength(12);
    const keepAlive = keys.filter((k) => /^progress_\d+_\d+$/.test(k));
    expect(keepAlive).toHaveLength(2);
    expect(keepAlive[0]!.length).toBeGreaterThan(37000);
  });

  it('the grow-and-merge baseline decodes what the generators write', () => {
    const w = makeAimSearchStream(6, 3, { kind: 'fixed', size: 100 });
    const t = aimUiGrowAndMerge.run(w.chunks, w) as { frames: number; checksum: number };
    expect(t.frames).toBe(w.frames);
    const single = makeAimSingleValue(50000, { kind: 'fixed', size: 1000 });
    expect((aimUiGrowAndMerge.run(single.chunks, single) as { frames: number }).frames).toBe(1);
  });
});

describe('aim bench contenders', () => {
  itDecodesEveryWorkload(suite, [
    ['search body, random 1..50 B chunks', makeAimSearchStream(5, 2, { kind: 'random', min: 1, max: 50, seed: 9 }), testSpec([])],
    ['single 200 KB value, 16 KiB chunks', makeAimSingleValue(200_000, { kind: 'fixed', size: 16384 }), testSpec([], true)],
  ]);
  itNamesRealTargets(suite);
});
