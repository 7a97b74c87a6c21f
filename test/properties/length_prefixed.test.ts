/**
 * Invariants, not outputs (fast-check, seeded so failures reproduce):
 * (a) any payloads, any options the encoder supports, any chunking: decode(encode(payloads)) = payloads;
 * (b) any bytes, any options: frames and at most one FrameError, with 0 <= offset <= bytes fed;
 *     never another exception, never a hang (the decoder is synchronous and bounded);
 * (c) the wasm engine and the TS engine agree on every input: frames, error code and offset.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, type LengthPrefixedOptions } from '../../src/index.ts';
import { concat } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { decodeChunks } from '../support/run.ts';

const SEED = 0x5eed;
const RUNS = 300;

type LpOpts = Omit<LengthPrefixedOptions, 'format'>;

/** Options the encoder can write: length field first, default strip. */
const encodableOptions: fc.Arbitrary<LpOpts> = fc.record({
  lengthFieldLength: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 8 as const, 'varint' as const),
  byteOrder: fc.constantFrom('big' as const, 'little' as const),
  lengthAdjustment: fc.integer({ min: -3, max: 0 }),
});

/** Any decoder options, including nonsense combinations. */
const anyOptions: fc.Arbitrary<LpOpts> = fc.record(
  {
    lengthFieldOffset: fc.integer({ min: 0, max: 4 }),
    lengthFieldLength: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 8 as const, 'varint' as const),
    byteOrder: fc.constantFrom('big' as const, 'little' as const),
    lengthAdjustment: fc.integer({ min: -12, max: 12 }),
    initialBytesToStrip: fc.integer({ min: 0, max: 12 }),
    maxFrameLength: fc.integer({ min: 0, max: 400 }),
    failFast: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Cuts `bytes` at the given fractions. */
function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(bytes.slice(prev, p));
    prev = Math.max(prev, p);
  }
  return out;
}

const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 });

describe.each(ENGINES)('length-prefixed properties, %s engine', (engine) => {
  it('(a) decode(chunked(encode(payloads))) = payloads', () => {
    fc.assert(
      fc.property(encodableOptions, fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), cuts, (opts, payloads, cs) => {
        // A negative adjustment needs payloads at least that long to encode a non-negative field.
        const fitting = payloads.filter((p) => p.length - (opts.lengthAdjustment ?? 0) < (opts.lengthFieldLength === 1 ? 256 : Infinity));
        const wire = concat(fitting.map((p) => encodeFrame({ format: 'length-prefixed', ...opts }, p)));
        const r = decodeChunks({ format: 'length-prefixed', engine, ...opts }, cutAt(wire, cs));
        expect(r.error).toBeUndefined();
        expect(r.frames).toEqual(fitting);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('(b) any bytes give frames and at most one FrameError with an in-range offset', () => {
    fc.assert(
      fc.property(anyOptions, fc.uint8Array({ maxLength: 600 }), cuts, (opts, bytes, cs) => {
        const r = decodeChunks({ format: 'length-prefixed', engine, ...opts }, cutAt(bytes, cs));
        for (const f of r.frames) expect(f).toBeInstanceOf(Uint8Array);
        if (r.error) {
          expect(r.error.format).toBe('length-prefixed');
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(bytes.length);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('length-prefixed engine parity', () => {
  it('(c) wasm and js agree on arbitrary input: frames, error code and offset', () => {
    fc.assert(
      fc.property(anyOptions, fc.uint8Array({ maxLength: 600 }), cuts, (opts, bytes, cs) => {
        const chunks = cutAt(bytes, cs);
        const w = decodeChunks({ format: 'length-prefixed', engine: 'wasm', ...opts }, chunks);
        const j = decodeChunks({ format: 'length-prefixed', engine: 'js', ...opts }, chunks);
        expect(w.frames).toEqual(j.frames);
        expect([w.error?.code, w.error?.offset]).toEqual([j.error?.code, j.error?.offset]);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  it('(c) agree on well-formed streams with random valid options too', () => {
    fc.assert(
      fc.property(encodableOptions, fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 30 }), cuts, fc.uint8Array({ maxLength: 12 }), (opts, payloads, cs, tail) => {
        const fitting = payloads.filter((p) => opts.lengthFieldLength !== 1 || p.length - (opts.lengthAdjustment ?? 0) < 256);
        const wire = concat([...fitting.map((p) => encodeFrame({ format: 'length-prefixed', ...opts }, p)), tail]);
        const chunks = cutAt(wire, cs);
        const w = decodeChunks({ format: 'length-prefixed', engine: 'wasm', ...opts }, chunks);
        const j = decodeChunks({ format: 'length-prefixed', engine: 'js', ...opts }, chunks);
        expect(w.frames).toEqual(j.frames);
        expect([w.error?.code, w.error?.offset]).toEqual([j.error?.code, j.error?.offset]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
