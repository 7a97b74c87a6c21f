// Twin of assembly/scan/aim.ts: same records, same errors.
//
// One Aim record, both layouts (test/fixtures/aim/README.md section 1):
//   aim-rt:  u32 K | key (K B) | u8 is_blob | u32 V | value (V B)
//   aim-web: u32 K | key (K B) |              u32 V | value (V B)
// The record is [FRAME_START, PAYLOAD_START) = everything up to the value (the head, which
// holds the key), and the value is the payload. The value's length is declared, so a value
// reaching past the buffered bytes is emitted at once with PAYLOAD_PENDING and the driver
// takes it straight from the input. The key must be buffered (it is in the head): that is
// what maxKeyLength bounds.
//
// The scanner keeps no state between calls: every call re-reads the record header at `pos`,
// which costs O(1) (two length fields), so it is trivially relative to `pos`.
import { ErrorNum, Status } from '../layout.ts';
import type { ScanOutput, Scanner } from '../scanner.ts';

/** Numeric parameters, in the slot order both scanners read. */
export interface AimScanParams {
  /** aim-rt: a 1-byte is_blob flag sits between the key and the value length. */
  hasBlobFlag: boolean;
  littleEndian: boolean;
  maxKeyLength: number;
  maxValueLength: number;
}

/** Detail numbers of FRAME_TOO_LARGE: which length was too large is encoded in the sign. */
export const AIM_KEY_TOO_LONG_SIGN = -1;

export function aimParamSlots(p: AimScanParams): number[] {
  return [p.hasBlobFlag ? 1 : 0, p.littleEndian ? 1 : 0, p.maxKeyLength, p.maxValueLength];
}

// META slots of an Aim record (positions relative to FRAME_START).
/** META0: position of the key's first byte (always 4). */
export const AIM_META_KEY_START = 0;
/** META1: key length in bytes. */
export const AIM_META_KEY_LENGTH = 1;
/** META2: the is_blob byte as it was on the wire (aim-rt), 0 for aim-web. */
export const AIM_META_BLOB_BYTE = 2;

export class AimScanner implements Scanner {
  constructor(private readonly p: AimScanParams) {}

  private u32(buf: Uint8Array, at: number): number {
    const b0 = buf[at]!, b1 = buf[at + 1]!, b2 = buf[at + 2]!, b3 = buf[at + 3]!;
    // Multiplication, not <<: lengths >= 2^31 must stay positive (Aim's UI gets this wrong).
    return this.p.littleEndian ? b0 + b1 * 256 + b2 * 65536 + b3 * 16777216 : b3 + b2 * 256 + b1 * 65536 + b0 * 16777216;
  }

  scan(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    const flag = this.p.hasBlobFlag ? 1 : 0;
    const { maxKeyLength, maxValueLength } = this.p;
    for (;;) {
      const avail = end - pos;
      if (avail < 4) break;
      const k = this.u32(buf, pos);
      if (k > maxKeyLength) {
        out.fail(ErrorNum.FRAME_TOO_LARGE, pos, -k);
        out.consumed = pos;
        return Status.ERROR;
      }
      const head = 8 + k + flag;
      if (avail < head) break;
      const v = this.u32(buf, pos + 4 + k + flag);
      if (v > maxValueLength) {
        out.fail(ErrorNum.FRAME_TOO_LARGE, pos, v);
        out.consumed = pos;
        return Status.ERROR;
      }
      const blob = flag ? buf[pos + 4 + k]! : 0;
      const frameEnd = pos + head + v;
      const more = out.emit(pos, pos + head, frameEnd, 4, k, blob);
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
    if (end > pos) {
      // A stream that ends inside a record's lengths, key or flag (Aim's UI drops these silently).
      out.fail(ErrorNum.TRUNCATED, pos, end - pos);
      return Status.ERROR;
    }
    return Status.NEED_MORE;
  }
}
