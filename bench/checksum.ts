/**
 * Frame counting and checksums for the benchmarks: every contender folds each frame it decodes
 * into a `Checksum`, and the harness compares the result with what the workload generator
 * computed from the payloads it wrote.
 *
 * Two modes, because a full hash would cost more than the cheapest decoders being timed:
 * - `'full'`: FNV-1a over every byte of every frame, and its length. Used for the correctness
 *   check that runs once before any timing, so a decoder that gets one byte wrong shows WRONG.
 * - `'sampled'`: per frame its length and three bytes (first, middle, last), order-sensitive.
 *   Used in timed runs: O(1) per frame, the same cost for every contender.
 *
 * Both fold frames in order, so a dropped, duplicated or reordered frame changes the sum.
 * Generators produce payloads whose bytes depend on the frame index and position
 * (see `Pattern`), so a frame cut at the wrong offset changes its sampled bytes too.
 *
 * @module
 */

export type ChecksumMode = 'full' | 'sampled';

/** What a contender's run returns: frames decoded and their checksum (uint32). */
export interface Tally {
  frames: number;
  checksum: number;
}

/** A workload's expected result in both modes. */
export interface Expected {
  frames: number;
  checksum: { full: number; sampled: number };
}

const FNV_PRIME = 0x01000193;
const FNV_OFFSET = 0x811c9dc5;

let currentMode: ChecksumMode = 'sampled';

/** Set by the harness: `'full'` for the correctness check, `'sampled'` for timed runs. */
export function setChecksumMode(mode: ChecksumMode): void {
  currentMode = mode;
}

export function checksumMode(): ChecksumMode {
  return currentMode;
}

/** Mixes one 32-bit value into the running sum (order-sensitive). */
function mix(h: number, v: number): number {
  return Math.imul(h ^ v, FNV_PRIME) >>> 0;
}

function byteAt(parts: readonly Uint8Array[], i: number): number {
  for (const p of parts) {
    if (i < p.length) return p[i]!;
    i -= p.length;
  }
  throw new RangeError('byteAt: index past the end');
}

/** Folds frames, in order, into a count and a checksum. Create one per run. */
export class Checksum {
  frames = 0;
  private h = FNV_OFFSET;
  readonly mode: ChecksumMode;

  constructor(mode: ChecksumMode = currentMode) {
    this.mode = mode;
  }

  /** One frame of bytes (a Uint8Array or a Node Buffer). */
  frame(b: Uint8Array): void {
    const n = b.length;
    let h = mix(this.h, n);
    if (this.mode === 'full') {
      for (let i = 0; i < n; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
      h >>>= 0;
    } else if (n > 0) {
      h = mix(h, (b[0]! << 16) | (b[n >> 1]! << 8) | b[n - 1]!);
    }
    this.h = h;
    this.frames++;
  }

  /**
   * One frame given as consecutive pieces (e.g. a `Uint8ArrayList`'s buffers, or a large payload
   * a generator writes piece by piece): the same sum as `frame` of their concatenation.
   */
  frameParts(parts: readonly Uint8Array[]): void {
    let n = 0;
    for (const p of parts) n += p.length;
    let h = mix(this.h, n);
    if (this.mode === 'full') {
      for (const p of parts) for (let i = 0; i < p.length; i++) h = Math.imul(h ^ p[i]!, FNV_PRIME);
      h >>>= 0;
    } else if (n > 0) {
      h = mix(h, (byteAt(parts, 0) << 16) | (byteAt(parts, n >> 1) << 8) | byteAt(parts, n - 1));
    }
    this.h = h;
    this.frames++;
  }

  /** One frame decoded as text (lines formats); char codes instead of bytes. */
  frameString(s: string): void {
    const n = s.length;
    let h = mix(this.h, n);
    if (this.mode === 'full') {
      for (let i = 0; i < n; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
      h >>>= 0;
    } else if (n > 0) {
      h = mix(h, (s.charCodeAt(0) << 16) ^ (s.charCodeAt(n >> 1) << 8) ^ s.charCodeAt(n - 1));
    }
    this.h = h;
    this.frames++;
  }

  /** One frame that is a number (e.g. a decoded value's field), for formats that yield objects. */
  frameNumber(v: number): void {
    this.h = mix(mix(this.h, 0x9e3779b9), v | 0);
    this.frames++;
  }

  tally(): Tally {
    return { frames: this.frames, checksum: this.h >>> 0 };
  }
}

/**
 * Computes a workload's expected result in both modes at once: generators call `frame` (or
 * `frameString`, `frameNumber`) with every frame they write, in order.
 */
export class ExpectedChecksum {
  private readonly full = new Checksum('full');
  private readonly sampled = new Checksum('sampled');

  frame(b: Uint8Array): void {
    this.full.frame(b);
    this.sampled.frame(b);
  }

  frameParts(parts: readonly Uint8Array[]): void {
    this.full.frameParts(parts);
    this.sampled.frameParts(parts);
  }

  frameString(s: string): void {
    this.full.frameString(s);
    this.sampled.frameString(s);
  }

  frameNumber(v: number): void {
    this.full.frameNumber(v);
    this.sampled.frameNumber(v);
  }

  done(): Expected {
    return { frames: this.full.frames, checksum: { full: this.full.tally().checksum, sampled: this.sampled.tally().checksum } };
  }
}

/** Whether a tally matches the expectation in the given mode. */
export function matches(t: Tally, e: Expected, mode: ChecksumMode): boolean {
  return t.frames === e.frames && (t.checksum >>> 0) === e.checksum[mode];
}

/**
 * Payload bytes that depend on the frame index and the position, so a frame cut at the wrong
 * offset (or swapped with another) has different first/middle/last bytes. `fill` continues
 * where the last call stopped, so a large payload can be written piece by piece.
 */
export class Pattern {
  private x: number;

  constructor(frameIndex: number) {
    this.x = Math.imul(frameIndex + 1, 0x9e3779b1) >>> 0;
  }

  fill(out: Uint8Array): void {
    let x = this.x;
    for (let i = 0; i < out.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      out[i] = x >>> 24;
    }
    this.x = x;
  }
}
