// Twin of assembly/scan/delimited.ts: same state, same records, same errors. The wasm twin
// searches with v128 SIMD; this one with Uint8Array.prototype.indexOf.
import { ErrorNum, Status } from '../layout.ts';
import type { ScanOutput, Scanner } from '../scanner.ts';

/**
 * Numeric parameters, in the slot order both scanners read (the delimiter itself goes in the
 * config bytes).
 */
export interface DelimitedParams {
  /** The delimiter, 1..CONFIG_BYTES bytes. */
  delimiter: Uint8Array;
  /** Longest accepted line content (bytes, delimiter and a stripped '\r' excluded). */
  maxLine: number;
  /** Delimiter is '\n' and a '\r' before it belongs to the delimiter. */
  stripCR: boolean;
  /** The payload ends after the delimiter instead of before it. */
  keepDelimiter: boolean;
  /** A last line without a delimiter is a TRUNCATED error instead of a final record. */
  unterminatedError: boolean;
}

export function delimitedParamSlots(p: DelimitedParams): number[] {
  return [p.delimiter.length, p.maxLine, p.stripCR ? 1 : 0, p.keepDelimiter ? 1 : 0, p.unterminatedError ? 1 : 0];
}

/** META0 of a record: 1 when the line ended at the end of the stream, without a delimiter. */
export const UNTERMINATED = 1;

/**
 * Records: FRAME_START = PAYLOAD_START = the line's first byte; PAYLOAD_END = the end of its
 * content (before the delimiter and a stripped '\r'), or after the delimiter with keepDelimiter.
 *
 * State: `searched`, how many bytes after `pos` are known to hold no complete delimiter, so a
 * long line arriving in many chunks is searched once (a search resumes delimiter.length - 1
 * bytes early, where a delimiter split across chunks may begin).
 */
export class DelimitedScanner implements Scanner {
  private searched = 0;
  private readonly d: Uint8Array;
  private readonly d0: number;
  /** Bytes of a line's content that may hide in the pending tail before its delimiter is seen. */
  private readonly slack: number;

  constructor(private readonly p: DelimitedParams) {
    this.d = p.delimiter;
    this.d0 = p.delimiter[0]!;
    this.slack = p.delimiter.length - 1 + (p.stripCR ? 1 : 0);
  }

  /** Buffer position of the first complete delimiter in buf[from..end), or -1. */
  private find(view: Uint8Array, viewPos: number, from: number, end: number): number {
    const d = this.d;
    const dl = d.length;
    const last = end - dl; // last position a whole delimiter can start
    let i = from;
    while (i <= last) {
      const j = view.indexOf(this.d0, i - viewPos);
      if (j < 0) return -1;
      i = j + viewPos;
      if (i > last) return -1;
      let k = 1;
      while (k < dl && view[i - viewPos + k] === d[k]) k++;
      if (k === dl) return i;
      i++;
    }
    return -1;
  }

  /** Position of the first complete delimiter in `bytes`, or -1 (for the encoder). */
  firstDelimiter(bytes: Uint8Array): number {
    return this.find(bytes, 0, 0, bytes.length);
  }

  scan(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    const { maxLine, stripCR, keepDelimiter } = this.p;
    const dl = this.d.length;
    // One view per call bounds indexOf to the bytes that are really pending.
    const view = buf.subarray(pos, end);
    const viewPos = pos;
    for (;;) {
      const from = pos + Math.max(0, this.searched - (dl - 1));
      const at = this.find(view, viewPos, from, end);
      if (at < 0) {
        this.searched = end - pos;
        out.consumed = pos;
        if (end - pos > maxLine + this.slack) {
          out.fail(ErrorNum.FRAME_TOO_LARGE, pos, end - pos - this.slack);
          return Status.ERROR;
        }
        return Status.NEED_MORE;
      }
      const contentEnd = stripCR && at > pos && buf[at - 1] === 0x0d ? at - 1 : at;
      if (contentEnd - pos > maxLine) {
        out.consumed = pos;
        out.fail(ErrorNum.FRAME_TOO_LARGE, pos, contentEnd - pos);
        return Status.ERROR;
      }
      const next = at + dl;
      const more = out.emit(pos, pos, keepDelimiter ? next : contentEnd);
      pos = next;
      this.searched = 0;
      if (!more) {
        out.consumed = pos;
        return Status.TABLE_FULL;
      }
    }
  }

  finish(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    out.consumed = pos;
    if (end === pos) return Status.NEED_MORE;
    if (this.p.unterminatedError) {
      out.fail(ErrorNum.TRUNCATED, pos, end - pos);
      return Status.ERROR;
    }
    // The end of the stream ends the line as a delimiter would, so a '\r' before it goes too.
    const { stripCR, keepDelimiter, maxLine } = this.p;
    const contentEnd = stripCR && buf[end - 1] === 0x0d ? end - 1 : end;
    if (contentEnd - pos > maxLine) {
      out.fail(ErrorNum.FRAME_TOO_LARGE, pos, contentEnd - pos);
      return Status.ERROR;
    }
    out.emit(pos, pos, keepDelimiter ? end : contentEnd, UNTERMINATED);
    out.consumed = end;
    return Status.NEED_MORE;
  }
}
