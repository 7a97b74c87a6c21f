// Length-prefixed frames with every option of Netty's LengthFieldBasedFrameDecoder and
// tokio-util's LengthDelimitedCodec. Twin of src/engine/scan/length_prefixed.ts: same states,
// same records, same errors. See src/formats/length_prefixed.ts for the options' meaning.
import {
  ERR_BAD_LENGTH, ERR_FRAME_TOO_LARGE, ERR_STRIP_EXCEEDS_FRAME, ERR_TRUNCATED, ERR_VARINT_TOO_LARGE,
  ERR_VARINT_TOO_LONG, ERROR, NEED_MORE, PAYLOAD_PENDING, TABLE_FULL,
} from '../layout';
import { param } from '../memory';
import { emit, fail, setConsumed } from '../out';

const MAX_SAFE: f64 = 9007199254740991;

// Parameter slots (src/formats/length_prefixed.ts writes them).
let fieldOffset: i32 = 0;
let fieldLength: i32 = 4; // 1, 2, 3, 4, 8, or 0 for an unsigned LEB128 varint
let bigEndian: bool = true;
let adjustment: f64 = 0;
let strip: f64 = 4;
let maxFrame: f64 = 16777216;
let failFast: bool = true;

// States. HEAD: at a frame's first byte. DISCARD: skipping a too-long frame (failFast off).
const HEAD: i32 = 0;
const DISCARD: i32 = 1;
let state: i32 = HEAD;
let discardLeft: f64 = 0; // bytes of the too-long frame still to skip
let discarded: f64 = 0; // bytes of it skipped so far (its start is pos - discarded)
let discardLength: f64 = 0;

export function lpConfigure(): void {
  fieldOffset = <i32>param(0);
  fieldLength = <i32>param(1);
  bigEndian = param(2) != 0;
  adjustment = param(3);
  strip = param(4);
  maxFrame = param(5);
  failFast = param(6) != 0;
  state = HEAD;
  discardLeft = 0;
  discarded = 0;
}

function readFixed(p: usize): f64 {
  let v: f64 = 0;
  if (bigEndian) {
    for (let i = 0; i < fieldLength; i++) v = v * 256 + <f64>load<u8>(p + <usize>i);
  } else {
    for (let i = fieldLength - 1; i >= 0; i--) v = v * 256 + <f64>load<u8>(p + <usize>i);
  }
  return v;
}

export function lpScan(buf: usize, pos: i32, end: i32): i32 {
  if (state == DISCARD) {
    const avail = <f64>(end - pos);
    const n = avail < discardLeft ? avail : discardLeft;
    pos += <i32>n;
    discardLeft -= n;
    discarded += n;
    if (discardLeft > 0) {
      setConsumed(<f64>pos);
      return NEED_MORE;
    }
    fail(ERR_FRAME_TOO_LARGE, <f64>pos - discarded, discardLength);
    state = HEAD;
    setConsumed(<f64>pos);
    return ERROR;
  }
  while (true) {
    const avail = end - pos;
    let headerLen: i32;
    let value: f64;
    if (fieldLength != 0) {
      headerLen = fieldOffset + fieldLength;
      if (avail < headerLen) break;
      value = readFixed(buf + <usize>(pos + fieldOffset));
    } else {
      // Unsigned LEB128: 7 bits a byte, low group first, high bit = more bytes follow.
      if (avail <= fieldOffset) break;
      value = 0;
      let scale: f64 = 1;
      let i = 0;
      let done = false;
      while (fieldOffset + i < avail) {
        const b = load<u8>(buf + <usize>(pos + fieldOffset + i));
        value += <f64>(b & 0x7f) * scale;
        scale *= 128;
        i++;
        if (value > MAX_SAFE) {
          fail(ERR_VARINT_TOO_LARGE, <f64>pos, value);
          setConsumed(<f64>pos);
          return ERROR;
        }
        if ((b & 0x80) == 0) { done = true; break; }
        if (i == 10) {
          fail(ERR_VARINT_TOO_LONG, <f64>pos, 0);
          setConsumed(<f64>pos);
          return ERROR;
        }
      }
      if (!done) break;
      headerLen = fieldOffset + i;
    }
    const frameLen = value + adjustment + <f64>headerLen;
    if (frameLen < <f64>headerLen) {
      fail(ERR_BAD_LENGTH, <f64>pos, frameLen);
      setConsumed(<f64>pos);
      return ERROR;
    }
    if (frameLen > maxFrame) {
      if (failFast) {
        fail(ERR_FRAME_TOO_LARGE, <f64>pos, frameLen);
        setConsumed(<f64>pos);
        return ERROR;
      }
      state = DISCARD;
      discardLeft = frameLen;
      discarded = 0;
      discardLength = frameLen;
      return lpScan(buf, pos, end);
    }
    // A negative strip means "strip the header", whatever its length (varints vary).
    const s: f64 = strip < 0 ? <f64>headerLen : strip;
    if (s > frameLen) {
      fail(ERR_STRIP_EXCEEDS_FRAME, <f64>pos, frameLen);
      setConsumed(<f64>pos);
      return ERROR;
    }
    const frameEnd = <f64>pos + frameLen;
    const more = emit(<f64>pos, <f64>pos + s, frameEnd, 0, 0, 0, 0, 0);
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

export function lpFinish(buf: usize, pos: i32, end: i32): i32 {
  if (state == DISCARD) {
    fail(ERR_FRAME_TOO_LARGE, <f64>pos - discarded, discardLength);
    setConsumed(<f64>pos);
    return ERROR;
  }
  setConsumed(<f64>pos);
  if (end > pos) {
    fail(ERR_TRUNCATED, <f64>pos, <f64>(end - pos));
    return ERROR;
  }
  return NEED_MORE;
}
