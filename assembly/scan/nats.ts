// NATS client protocol ops: control lines, and the declared sizes of MSG/HMSG/PUB/HPUB.
// Twin of src/engine/scan/nats.ts: same states, same records, same errors. The record layout
// (META0..META4) is documented there; src/formats/nats.ts turns records into op objects.
import {
  ERR_BAD_LENGTH, ERR_FRAME_TOO_LARGE, ERR_LINE_TOO_LONG, ERR_MALFORMED, ERR_TRUNCATED, ERR_UNKNOWN_OP,
  ERROR, NEED_MORE, PAYLOAD_PENDING, TABLE_FULL,
} from '../layout';
import { param } from '../memory';
import { emit, fail, setConsumed } from '../out';

// Op codes (NatsOpCode in the TS twin).
const OP_INFO: i32 = 1;
const OP_MSG: i32 = 2;
const OP_HMSG: i32 = 3;
const OP_PING: i32 = 4;
const OP_PONG: i32 = 5;
const OP_OK: i32 = 6;
const OP_ERR: i32 = 7;
const OP_CONNECT: i32 = 8;
const OP_PUB: i32 = 9;
const OP_HPUB: i32 = 10;
const OP_SUB: i32 = 11;
const OP_UNSUB: i32 = 12;

const MALFORMED_FIELD_COUNT: f64 = 1;
const MAX_OP_NAME: i32 = 7;
const MAX_SIZE_DIGITS: i32 = 15;

// Parameters (natsParamSlots).
let role: i32 = 0; // 0: decode server output (role 'client'); 1: decode client output (role 'server')
let maxControlLine: f64 = 4096;
let maxInfoLine: f64 = 1048576;
let maxPayload: f64 = 67108864;

// State LINE only: bytes after pos known to hold no LF.
let scanned: i32 = 0;
// sizeFields() results.
let nFields: i32 = 0;
let last1: f64 = 0;
let last2: f64 = 0;
// opAt() result.
let opLen: i32 = 0;

export function natsConfigure(): void {
  role = <i32>param(0);
  maxControlLine = param(1);
  maxInfoLine = param(2);
  maxPayload = param(3);
  scanned = 0;
}

// @ts-ignore: decorator
@inline
function lower(b: i32): i32 {
  return b >= 65 && b <= 90 ? b | 0x20 : b;
}

// @ts-ignore: decorator
@inline
function isDelim(b: i32): bool {
  return b == 0x20 || b == 0x09;
}

// @ts-ignore: decorator
@inline
function at(buf: usize, i: i32): i32 {
  return <i32>load<u8>(buf + <usize>i);
}

function opCode(buf: usize, s: i32, n: i32): i32 {
  const c0 = lower(at(buf, s));
  if (n == 3) {
    const c1 = lower(at(buf, s + 1));
    const c2 = lower(at(buf, s + 2));
    if (role == 0) {
      if (c0 == 0x6d && c1 == 0x73 && c2 == 0x67) return OP_MSG;
      if (c0 == 0x2b && c1 == 0x6f && c2 == 0x6b) return OP_OK;
      return 0;
    }
    if (c0 == 0x70 && c1 == 0x75 && c2 == 0x62) return OP_PUB;
    if (c0 == 0x73 && c1 == 0x75 && c2 == 0x62) return OP_SUB;
    return 0;
  }
  if (n == 4) {
    const c1 = lower(at(buf, s + 1));
    const c2 = lower(at(buf, s + 2));
    const c3 = lower(at(buf, s + 3));
    if (c0 == 0x70 && c1 == 0x69 && c2 == 0x6e && c3 == 0x67) return OP_PING;
    if (c0 == 0x70 && c1 == 0x6f && c2 == 0x6e && c3 == 0x67) return OP_PONG;
    if (role == 0) {
      if (c0 == 0x68 && c1 == 0x6d && c2 == 0x73 && c3 == 0x67) return OP_HMSG;
      if (c0 == 0x69 && c1 == 0x6e && c2 == 0x66 && c3 == 0x6f) return OP_INFO;
      if (c0 == 0x2d && c1 == 0x65 && c2 == 0x72 && c3 == 0x72) return OP_ERR;
      return 0;
    }
    if (c0 == 0x68 && c1 == 0x70 && c2 == 0x75 && c3 == 0x62) return OP_HPUB;
    return 0;
  }
  if (role == 1 && n == 5) {
    if (c0 == 0x75 && lower(at(buf, s + 1)) == 0x6e && lower(at(buf, s + 2)) == 0x73 && lower(at(buf, s + 3)) == 0x75 && lower(at(buf, s + 4)) == 0x62) return OP_UNSUB;
    return 0;
  }
  if (role == 1 && n == 7) {
    if (c0 == 0x63 && lower(at(buf, s + 1)) == 0x6f && lower(at(buf, s + 2)) == 0x6e && lower(at(buf, s + 3)) == 0x6e &&
      lower(at(buf, s + 4)) == 0x65 && lower(at(buf, s + 5)) == 0x63 && lower(at(buf, s + 6)) == 0x74) return OP_CONNECT;
    return 0;
  }
  return 0;
}

/** The op code at pos; 0 = unknown, -1 = the name may still go on. Sets opLen. */
function opAt(buf: usize, pos: i32, end: i32): i32 {
  const lim = min(end, pos + MAX_OP_NAME + 1);
  let i = pos;
  while (i < lim) {
    const b = at(buf, i);
    if (b == 0x20 || b == 0x09 || b == 0x0d || b == 0x0a) break;
    i++;
  }
  if (i == lim && lim - pos <= MAX_OP_NAME) return -1;
  opLen = i - pos;
  if (i - pos == 0 || i - pos > MAX_OP_NAME) return 0;
  return opCode(buf, pos, i - pos);
}

function sizeFields(buf: usize, from: i32, to: i32): void {
  let n = 0;
  let cur: f64 = -1;
  let prev: f64 = -1;
  let i = from;
  while (i < to) {
    while (i < to && isDelim(at(buf, i))) i++;
    if (i >= to) break;
    let v: f64 = 0;
    let digits = 0;
    let ok = true;
    while (i < to && !isDelim(at(buf, i))) {
      const b = at(buf, i);
      if (b >= 0x30 && b <= 0x39 && digits < MAX_SIZE_DIGITS) {
        v = v * 10 + <f64>(b - 0x30);
        digits++;
      } else {
        ok = false;
      }
      i++;
    }
    n++;
    prev = cur;
    cur = ok ? v : -1;
  }
  nFields = n;
  last1 = cur;
  last2 = prev;
}

/** First LF in buf[from..end), or end. SIMD 16 bytes at a time. */
function findLf(buf: usize, from: i32, end: i32): i32 {
  let i = from;
  const lf = i8x16.splat(0x0a);
  while (i + 16 <= end) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(buf + <usize>i), lf));
    if (m != 0) return i + ctz(m);
    i += 16;
  }
  while (i < end && at(buf, i) != 0x0a) i++;
  return i;
}

function err(code: i32, pos: i32, detail: f64): i32 {
  fail(code, <f64>pos, detail);
  setConsumed(<f64>pos);
  return ERROR;
}

// @ts-ignore: decorator
@inline
function limitFor(op: i32): f64 {
  return op == OP_INFO ? maxInfoLine : maxControlLine;
}

export function natsScan(buf: usize, pos: i32, end: i32): i32 {
  while (true) {
    const nl = findLf(buf, pos + scanned, end);
    if (nl >= end) {
      scanned = end - pos;
      // Fail early: an unknown op or an over-long line is known before its LF arrives.
      if (end > pos) {
        const op = opAt(buf, pos, end);
        if (op == 0) return err(ERR_UNKNOWN_OP, pos, 0);
        if (op > 0) {
          let args = end - (pos + opLen + 1);
          if (at(buf, end - 1) == 0x0d) args--;
          if (<f64>args > limitFor(op)) return err(ERR_LINE_TOO_LONG, pos, <f64>args);
        }
      }
      setConsumed(<f64>pos);
      return NEED_MORE;
    }
    const lineEnd = nl > pos && at(buf, nl - 1) == 0x0d ? nl - 1 : nl;
    const op = opAt(buf, pos, lineEnd + 1);
    if (op <= 0) return err(ERR_UNKNOWN_OP, pos, 0);
    const argStart = min(pos + opLen + 1, lineEnd);
    const args = lineEnd - argStart;
    if (<f64>args > limitFor(op)) return err(ERR_LINE_TOO_LONG, pos, <f64>args);
    const body = nl + 1;
    let hdr: f64 = 0;
    let total: f64 = 0;
    const sized = op == OP_MSG || op == OP_PUB || op == OP_HMSG || op == OP_HPUB;
    if (sized) {
      sizeFields(buf, argStart, lineEnd);
      const headers = op == OP_HMSG || op == OP_HPUB;
      const minFields = (op == OP_MSG || op == OP_HMSG ? 3 : 2) + (headers ? 1 : 0);
      if (nFields < minFields || nFields > minFields + 1) return err(ERR_MALFORMED, pos, MALFORMED_FIELD_COUNT);
      if (last1 < 0 || (headers && last2 < 0)) return err(ERR_BAD_LENGTH, pos, -1);
      total = last1;
      hdr = headers ? last2 : 0;
      if (total > maxPayload) return err(ERR_FRAME_TOO_LARGE, pos, total);
      if (hdr > total) return err(ERR_BAD_LENGTH, pos, hdr);
      // The header block is parsed from the head, so it must be buffered before the record.
      if (<f64>body + hdr > <f64>end) {
        scanned = nl - pos;
        setConsumed(<f64>pos);
        return NEED_MORE;
      }
    }
    const ps: f64 = <f64>body + hdr;
    const pe: f64 = sized ? <f64>body + total + 2 : <f64>body;
    scanned = 0;
    const more = emit(<f64>pos, ps, pe, <f64>op, hdr, <f64>(lineEnd - pos), <f64>(body - pos), <f64>(argStart - pos));
    if (pe > <f64>end) {
      setConsumed(pe);
      return PAYLOAD_PENDING;
    }
    pos = <i32>pe;
    if (!more) {
      setConsumed(<f64>pos);
      return TABLE_FULL;
    }
  }
  return NEED_MORE;
}

export function natsFinish(buf: usize, pos: i32, end: i32): i32 {
  setConsumed(<f64>pos);
  if (end > pos) {
    fail(ERR_TRUNCATED, <f64>pos, <f64>(end - pos));
    return ERROR;
  }
  return NEED_MORE;
}
