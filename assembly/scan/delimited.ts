// Delimited lines (lines, NDJSON): a v128 search for the delimiter's first byte, then a check of
// the rest. Twin of src/engine/scan/delimited.ts: same state, same records, same errors. See
// src/formats/lines.ts for the options' meaning.
import { ERR_FRAME_TOO_LARGE, ERR_TRUNCATED, ERROR, NEED_MORE, TABLE_FULL } from '../layout';
import { CONFIG_PTR, param } from '../memory';
import { emit, fail, setConsumed } from '../out';

/** META0 of a record: the line ended at the end of the stream, without a delimiter. */
const UNTERMINATED: f64 = 1;

// Parameter slots (src/engine/scan/delimited.ts delimitedParamSlots writes them); the
// delimiter's bytes are at CONFIG_PTR.
let dlen: i32 = 1;
let maxLine: f64 = 16777216;
let stripCR: bool = true;
let keepDelimiter: bool = false;
let unterminatedError: bool = false;
let d0: u8 = 0x0a;
// Bytes of a line's content that may hide in the pending tail before its delimiter is seen.
let slack: i32 = 1;

// The only state: how many bytes after pos are known to hold no complete delimiter, so a long
// line arriving in many chunks is searched once.
let searched: i32 = 0;

export function dlConfigure(): void {
  dlen = <i32>param(0);
  maxLine = param(1);
  stripCR = param(2) != 0;
  keepDelimiter = param(3) != 0;
  unterminatedError = param(4) != 0;
  d0 = load<u8>(CONFIG_PTR);
  slack = dlen - 1 + (stripCR ? 1 : 0);
  searched = 0;
}

/** First position of d0 in [from, end), or -1. Never reads at or past `end`. */
function findByte(buf: usize, from: i32, end: i32): i32 {
  let i = from;
  const needle = i8x16.splat(<i8>d0);
  // 64 bytes a round while no match: one branch for four compares.
  while (i + 64 <= end) {
    const p = buf + <usize>i;
    const m0 = i8x16.eq(v128.load(p), needle);
    const m1 = i8x16.eq(v128.load(p, 16), needle);
    const m2 = i8x16.eq(v128.load(p, 32), needle);
    const m3 = i8x16.eq(v128.load(p, 48), needle);
    if (v128.any_true(v128.or(v128.or(m0, m1), v128.or(m2, m3)))) {
      const b = <u64>i8x16.bitmask(m0) | (<u64>i8x16.bitmask(m1) << 16) |
        (<u64>i8x16.bitmask(m2) << 32) | (<u64>i8x16.bitmask(m3) << 48);
      return i + <i32>ctz(b);
    }
    i += 64;
  }
  while (i + 16 <= end) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(buf + <usize>i), needle));
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  while (i < end) {
    if (load<u8>(buf + <usize>i) == d0) return i;
    i++;
  }
  return -1;
}

/** Buffer position of the first complete delimiter in [from, end), or -1. */
function find(buf: usize, from: i32, end: i32): i32 {
  const last = end - dlen; // last position a whole delimiter can start
  let i = from;
  while (i <= last) {
    const j = findByte(buf, i, last + 1);
    if (j < 0) return -1;
    let k = 1;
    while (k < dlen && load<u8>(buf + <usize>(j + k)) == load<u8>(CONFIG_PTR + <usize>k)) k++;
    if (k == dlen) return j;
    i = j + 1;
  }
  return -1;
}

export function dlScan(buf: usize, pos: i32, end: i32): i32 {
  while (true) {
    const back = searched - (dlen - 1);
    const from = pos + (back > 0 ? back : 0);
    const at = find(buf, from, end);
    if (at < 0) {
      searched = end - pos;
      setConsumed(<f64>pos);
      if (<f64>(end - pos) > maxLine + <f64>slack) {
        fail(ERR_FRAME_TOO_LARGE, <f64>pos, <f64>(end - pos - slack));
        return ERROR;
      }
      return NEED_MORE;
    }
    const contentEnd = stripCR && at > pos && load<u8>(buf + <usize>(at - 1)) == 0x0d ? at - 1 : at;
    if (<f64>(contentEnd - pos) > maxLine) {
      setConsumed(<f64>pos);
      fail(ERR_FRAME_TOO_LARGE, <f64>pos, <f64>(contentEnd - pos));
      return ERROR;
    }
    const next = at + dlen;
    const more = emit(<f64>pos, <f64>pos, <f64>(keepDelimiter ? next : contentEnd), 0, 0, 0, 0, 0);
    pos = next;
    searched = 0;
    if (!more) {
      setConsumed(<f64>pos);
      return TABLE_FULL;
    }
  }
  return NEED_MORE; // unreachable
}

export function dlFinish(buf: usize, pos: i32, end: i32): i32 {
  setConsumed(<f64>pos);
  if (end == pos) return NEED_MORE;
  if (unterminatedError) {
    fail(ERR_TRUNCATED, <f64>pos, <f64>(end - pos));
    return ERROR;
  }
  // The end of the stream ends the line as a delimiter would, so a '\r' before it goes too.
  const contentEnd = stripCR && load<u8>(buf + <usize>(end - 1)) == 0x0d ? end - 1 : end;
  if (<f64>(contentEnd - pos) > maxLine) {
    fail(ERR_FRAME_TOO_LARGE, <f64>pos, <f64>(contentEnd - pos));
    return ERROR;
  }
  emit(<f64>pos, <f64>pos, <f64>(keepDelimiter ? end : contentEnd), UNTERMINATED, 0, 0, 0, 0);
  setConsumed(<f64>end);
  return NEED_MORE;
}
