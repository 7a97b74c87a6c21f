/**
 * Fast byte comparisons for large buffers. vitest's `toEqual` walks a typed array element by
 * element through its generic deep-equality machinery: about 30 s for 3 MiB here, so use these
 * for anything bigger than a few KiB. They return `undefined` when equal, else a short account
 * of the first difference, so `expect(bytesDiff(a, b)).toBeUndefined()` fails with a useful message.
 */

import { toHex } from './hex.ts';

function around(b: Uint8Array, i: number): string {
  return toHex(b.subarray(Math.max(0, i - 4), i + 4));
}

/** How `actual` differs from `expected`, or `undefined` if they hold the same bytes. */
export function bytesDiff(actual: unknown, expected: Uint8Array): string | undefined {
  if (!(actual instanceof Uint8Array)) return `expected a Uint8Array, got ${Object.prototype.toString.call(actual)}`;
  const n = Math.min(actual.length, expected.length);
  let i = 0;
  while (i < n && actual[i] === expected[i]) i++;
  if (i === n && actual.length === expected.length) return undefined;
  return `lengths ${actual.length} vs ${expected.length}; first difference at byte ${i}: ` +
    `...${around(actual, i)}... vs ...${around(expected, i)}...`;
}

/** How a list of frames differs from the expected list, or `undefined` if they match. */
export function framesDiff(actual: readonly unknown[], expected: readonly Uint8Array[]): string | undefined {
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const d = bytesDiff(actual[i], expected[i]!);
    if (d !== undefined) return `frame ${i}: ${d}`;
  }
  return actual.length === expected.length ? undefined : `${actual.length} frames vs ${expected.length} expected`;
}
