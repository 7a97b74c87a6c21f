// Linear memory layout: [params f64 x PARAM_SLOTS][config bytes][record table][pending-bytes buffer ...]
// The buffer is last so that growing memory only ever extends it.
import { CONFIG_BYTES, PARAM_SLOTS, REC_CAPACITY, REC_SLOTS } from './layout';

export const PARAMS_PTR: usize = (__heap_base + 15) & ~15;
export const CONFIG_PTR: usize = PARAMS_PTR + (<usize>PARAM_SLOTS << 3);
export const OUT_PTR: usize = (CONFIG_PTR + <usize>CONFIG_BYTES + 15) & ~15;
export const BUF_PTR: usize = (OUT_PTR + (<usize>(REC_CAPACITY * REC_SLOTS) << 3) + 15) & ~15;

/** Numeric parameter i, as written by the TS driver before `configure`. */
// @ts-ignore: decorator
@inline
export function param(i: i32): f64 {
  return load<f64>(PARAMS_PTR + (<usize>i << 3));
}

/**
 * Makes room for `bytes` pending bytes at BUF_PTR. Returns 1 if memory grew (the TS side must
 * recreate its views: growing detaches the old ArrayBuffer), 0 if it did not, -1 if it cannot.
 */
export function reserveBuffer(bytes: i32): i32 {
  const need = BUF_PTR + <usize>bytes;
  const have = (<usize>memory.size()) << 16;
  if (need <= have) return 0;
  const missing = <i32>((need - have + 0xffff) >> 16);
  // Grow geometrically so a stream of growing frames costs O(log n) grows, not O(n).
  let pages = max(missing, memory.size() >> 1);
  if (memory.grow(pages) < 0) {
    pages = missing;
    if (memory.grow(pages) < 0) return -1;
  }
  return 1;
}

/** Moves `len` pending bytes from buffer position `from` to the buffer's start. */
export function compactBuffer(from: i32, len: i32): void {
  memory.copy(BUF_PTR, BUF_PTR + <usize>from, <usize>len);
}
