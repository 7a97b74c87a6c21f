// Copy-equivalents of the 16 MiB case, counted rather than timed (the README counted Aim's UI the
// same way, by the bytes Uint8Array.prototype.set copies): framestream copies a value's bytes
// once, straight from the input chunks into the frame; a grow-and-merge decoder (Aim's UI, as
// README section 7.2 describes it) copies about V^2 / 2c bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { makeAimSingleValue } from '../../bench/gen/aim.ts';
import { aimUiGrowAndMerge } from '../../bench/suites/aim.ts';
import { createDecoder, type AimRecord } from '../../src/index.ts';
import { ENGINES } from '../support/engines.ts';

const proto = Uint8Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
const originals = { set: proto.set!, slice: proto.slice!, copyWithin: proto.copyWithin! };
let copied = 0;

/** Counts bytes copied by TypedArray set/slice/copyWithin until `restore`. */
function count(): void {
  copied = 0;
  proto.set = function (this: Uint8Array, src: ArrayLike<number>, off?: number) {
    copied += src.length;
    return originals.set.call(this, src, off);
  } as (...a: unknown[]) => unknown;
  proto.slice = function (this: Uint8Array, a?: number, b?: number) {
    const r = originals.slice.call(this, a, b) as Uint8Array;
    copied += r.length;
    return r;
  } as (...a: unknown[]) => unknown;
  proto.copyWithin = function (this: Uint8Array, t: number, s: number, e?: number) {
    copied += (e ?? this.length) - s;
    return originals.copyWithin.call(this, t, s, e);
  } as (...a: unknown[]) => unknown;
}
function restore(): void {
  Object.assign(proto, originals);
}
afterEach(restore);

const V = 16 * 1024 * 1024;
const w = makeAimSingleValue(V, { kind: 'fixed', size: 16 * 1024 });

describe('aim: bytes copied for a 16 MiB value in 16 KiB chunks', () => {
  it.each(ENGINES)('%s engine: at most 3 copy-equivalents (it is about 1)', (engine) => {
    const dec = createDecoder({ format: 'aim-web', engine });
    const frames: AimRecord[] = [];
    count();
    for (const c of w.chunks) frames.push(...(dec.push(c) as AimRecord[]));
    frames.push(...(dec.end() as AimRecord[]));
    const n = copied;
    restore();
    expect(frames).toHaveLength(1);
    expect(frames[0]!.value.length).toBe(V);
    expect(n / V).toBeLessThanOrEqual(3);
    expect(n / V).toBeGreaterThanOrEqual(1); // the value is assembled from 1024 chunks: one copy is unavoidable
  });

  it('the grow-and-merge baseline copies hundreds of times the value (the quadratic the issue describes)', () => {
    count();
    const t = aimUiGrowAndMerge.run(w.chunks, w) as { frames: number };
    const n = copied;
    restore();
    expect(t.frames).toBe(1);
    expect(n / V).toBeGreaterThan(400); // README 7.2 measured 507.6x for a 2^24-byte value
  });
});
