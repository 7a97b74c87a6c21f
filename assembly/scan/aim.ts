// Aim records, both layouts (aim-rt with the is_blob byte, aim-web without). Twin of
// src/engine/scan/aim.ts: same records, same errors; see that file for the layout and why
// the scanner keeps no state between calls.
import { ERR_FRAME_TOO_LARGE, ERR_TRUNCATED, ERROR, NEED_MORE, PAYLOAD_PENDING, TABLE_FULL } from '../layout';
import { param } from '../memory';
import { emit, fail, setConsumed } from '../out';

// Parameter slots (src/formats/aim.ts writes them via aimParamSlots).
let flag: i32 = 1; // 1: aim-rt (is_blob byte), 0: aim-web
let littleEndian: bool = true;
let maxKeyLength: f64 = 1048576;
let maxValueLength: f64 = 268435456;

export function aimConfigure(): void {
  flag = param(0) != 0 ? 1 : 0;
  littleEndian = param(1) != 0;
  maxKeyLength = param(2);
  maxValueLength = param(3);
}

// @ts-ignore: decorator
@inline
function u32at(p: usize): f64 {
  const v = load<u32>(p); // wasm loads are little-endian
  return <f64>(littleEndian ? v : bswap<u32>(v));
}

export function aimScan(buf: usize, pos: i32, end: i32): i32 {
  while (true) {
    const avail = end - pos;
    if (avail < 4) break;
    const k = u32at(buf + <usize>pos);
    if (k > maxKeyLength) {
      fail(ERR_FRAME_TOO_LARGE, <f64>pos, -k);
      setConsumed(<f64>pos);
      return ERROR;
    }
    const head = 8 + <i32>k + flag;
    if (avail < head) break;
    const v = u32at(buf + <usize>(pos + 4 + <i32>k + flag));
    if (v > maxValueLength) {
      fail(ERR_FRAME_TOO_LARGE, <f64>pos, v);
      setConsumed(<f64>pos);
      return ERROR;
    }
    const blob: f64 = flag != 0 ? <f64>load<u8>(buf + <usize>(pos + 4 + <i32>k)) : 0;
    const frameEnd = <f64>pos + <f64>head + v;
    const more = emit(<f64>pos, <f64>(pos + head), frameEnd, 4, k, blob, 0, 0);
    if (frameEnd > <f64>end) {
      setConsumed(frameEnd);
      return PAYLOAD_PENDING;
    }
    pos = <i32>frameEnd;
    if (!more) {
      setConsumed(<f64>pos);
      return TABLE_FULL;
    }
  }
  setConsumed(<f64>pos);
  return NEED_MORE;
}

export function aimFinish(buf: usize, pos: i32, end: i32): i32 {
  setConsumed(<f64>pos);
  if (end > pos) {
    fail(ERR_TRUNCATED, <f64>pos, <f64>(end - pos));
    return ERROR;
  }
  return NEED_MORE;
}
