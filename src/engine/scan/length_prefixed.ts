// Twin of assembly/scan/length_prefixed.ts: same states, same records, same errors.
import { ErrorNum, Status } from '../layout.ts';
import type { ScanOutput, Scanner } from '../scanner.ts';

const HEAD = 0;
const DISCARD = 1;

/** Numeric parameters, in the slot order both scanners read. */
export interface LengthPrefixedParams {
  fieldOffset: number;
  /** 1, 2, 3, 4, 8, or 0 for an unsigned LEB128 varint. */
  fieldLength: number;
  bigEndian: boolean;
  adjustment: number;
  /** Bytes to strip from the frame start; negative = the whole header. */
  strip: number;
  maxFrame: number;
  failFast: boolean;
}

export function lengthPrefixedParamSlots(p: LengthPrefixedParams): number[] {
  return [p.fieldOffset, p.fieldLength, p.bigEndian ? 1 : 0, p.adjustment, p.strip, p.maxFrame, p.failFast ? 1 : 0];
}

export class LengthPrefixedScanner implements Scanner {
  private state = HEAD;
  private discardLeft = 0;
  private discarded = 0;
  private discardLength = 0;

  constructor(private readonly p: LengthPrefixedParams) {}

  private readFixed(buf: Uint8Array, at: number): number {
    const n = this.p.fieldLength;
    let v = 0;
    if (this.p.bigEndian) for (let i = 0; i < n; i++) v = v * 256 + buf[at + i]!;
    else for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[at + i]!;
    return v;
  }

  scan(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    const { fieldOffset, fieldLength, adjustment, strip, maxFrame, failFast } = this.p;
    if (this.state === DISCARD) {
      const n = Math.min(end - pos, this.discardLeft);
      pos += n;
      this.discardLeft -= n;
      this.discarded += n;
      out.consumed = pos;
      if (this.discardLeft > 0) return Status.NEED_MORE;
      out.fail(ErrorNum.FRAME_TOO_LARGE, pos - this.discarded, this.discardLength);
      this.state = HEAD;
      return Status.ERROR;
    }
    for (;;) {
      const avail = end - pos;
      let headerLen: number;
      let value: number;
      if (fieldLength !== 0) {
        headerLen = fieldOffset + fieldLength;
        if (avail < headerLen) break;
        value = this.readFixed(buf, pos + fieldOffset);
      } else {
        if (avail <= fieldOffset) break;
        value = 0;
        let scale = 1;
        let i = 0;
        let done = false;
        while (fieldOffset + i < avail) {
          const b = buf[pos + fieldOffset + i]!;
          value += (b & 0x7f) * scale;
          scale *= 128;
          i++;
          if (value > Number.MAX_SAFE_INTEGER) {
            out.fail(ErrorNum.VARINT_TOO_LARGE, pos, value);
            out.consumed = pos;
            return Status.ERROR;
          }
          if ((b & 0x80) === 0) { done = true; break; }
          if (i === 10) {
            out.fail(ErrorNum.VARINT_TOO_LONG, pos, 0);
            out.consumed = pos;
            return Status.ERROR;
          }
        }
        if (!done) break;
        headerLen = fieldOffset + i;
      }
      const frameLen = value + adjustment + headerLen;
      if (frameLen < headerLen) {
        out.fail(ErrorNum.BAD_LENGTH, pos, frameLen);
        out.consumed = pos;
        return Status.ERROR;
      }
      if (frameLen > maxFrame) {
        if (failFast) {
          out.fail(ErrorNum.FRAME_TOO_LARGE, pos, frameLen);
          out.consumed = pos;
          return Status.ERROR;
        }
        this.state = DISCARD;
        this.discardLeft = frameLen;
        this.discarded = 0;
        this.discardLength = frameLen;
        return this.scan(buf, pos, end, out);
      }
      // A negative strip means "strip the header", whatever its length (varints vary).
      const s = strip < 0 ? headerLen : strip;
      if (s > frameLen) {
        out.fail(ErrorNum.STRIP_EXCEEDS_FRAME, pos, frameLen);
        out.consumed = pos;
        return Status.ERROR;
      }
      const frameEnd = pos + frameLen;
      const more = out.emit(pos, pos + s, frameEnd);
      if (frameEnd > end) {
        out.consumed = frameEnd;
        return Status.PAYLOAD_PENDING;
      }
      pos = frameEnd;
      if (!more) {
        out.consumed = pos;
        return Status.TABLE_FULL;
      }
    }
    out.consumed = pos;
    return Status.NEED_MORE;
  }

  finish(_buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    out.consumed = pos;
    if (this.state === DISCARD) {
      out.fail(ErrorNum.FRAME_TOO_LARGE, pos - this.discarded, this.discardLength);
      return Status.ERROR;
    }
    if (end > pos) {
      out.fail(ErrorNum.TRUNCATED, pos, end - pos);
      return Status.ERROR;
    }
    return Status.NEED_MORE;
  }
}
