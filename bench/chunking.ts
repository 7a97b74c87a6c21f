/**
 * Cutting a generated stream into chunks, as network reads would deliver it: every chunk is
 * its own ArrayBuffer (a copy), so no contender can benefit from chunks sharing one buffer.
 *
 * @module
 */

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** How a stream is cut: fixed-size chunks, or seeded random sizes in [min, max]. */
export type Chunking = { kind: 'fixed'; size: number } | { kind: 'random'; min: number; max: number; seed: number };

/** The standard chunkings of the issue: 1 KiB, 16 KiB, 64 KiB and random 1..64 KiB. */
export const STANDARD_CHUNKINGS: readonly Chunking[] = [
  { kind: 'fixed', size: 1 * KiB },
  { kind: 'fixed', size: 16 * KiB },
  { kind: 'fixed', size: 64 * KiB },
  { kind: 'random', min: 1, max: 64 * KiB, seed: 0x5eed },
];

/** Short label: `'64 KiB'`, `'1 B'`, `'random 1..64 KiB'`. */
export function chunkingLabel(c: Chunking): string {
  return c.kind === 'fixed' ? sizeLabel(c.size) : `random ${c.min}..${sizeLabel(c.max)}`;
}

/** `16 B`, `4 KiB`, `32 MiB`. */
export function sizeLabel(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= KiB && n % KiB === 0) return `${n / KiB} KiB`;
  return `${n} B`;
}

/** A small seeded PRNG (mulberry32): same seed, same sequence, on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The sizes of the chunks `c` cuts `total` bytes into. */
export function chunkSizes(total: number, c: Chunking): number[] {
  const sizes: number[] = [];
  const rand = c.kind === 'random' ? prng(c.seed) : null;
  for (let off = 0; off < total; ) {
    const want = c.kind === 'fixed' ? c.size : c.min + Math.floor(rand!() * (c.max - c.min + 1));
    const n = Math.min(want, total - off);
    sizes.push(n);
    off += n;
  }
  return sizes;
}

/** Cuts `wire` into chunks, each a copy in its own ArrayBuffer. */
export function cut(wire: Uint8Array, c: Chunking): Uint8Array<ArrayBuffer>[] {
  const out: Uint8Array<ArrayBuffer>[] = [];
  let off = 0;
  for (const n of chunkSizes(wire.length, c)) {
    out.push(wire.slice(off, off + n));
    off += n;
  }
  return out;
}
