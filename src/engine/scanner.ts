import { REC_CAPACITY, REC_SLOTS } from './layout.ts';

/**
 * Where a scan call puts its results: the record table and the scalars the AssemblyScript core
 * keeps in globals. The TS scanners write here; the wasm core's twin lives in linear memory.
 */
export class ScanOutput {
  /** REC_CAPACITY records of REC_SLOTS numbers each (see layout.ts). */
  readonly table = new Float64Array(REC_CAPACITY * REC_SLOTS);
  /** Records written by the current call. */
  count = 0;
  /** Buffer position after the last consumed byte (may exceed `end` with PAYLOAD_PENDING). */
  consumed = 0;
  /** With Status.ERROR: an ErrorNum and the buffer position of the failing frame. */
  errCode = 0;
  errPos = 0;
  /** With Status.ERROR: a format-specific detail number (e.g. the value that was too large). */
  errDetail = 0;

  /** Appends a record; returns false when the table is full (the scanner must then stop). */
  emit(frameStart: number, payloadStart: number, payloadEnd: number, m0 = 0, m1 = 0, m2 = 0, m3 = 0, m4 = 0): boolean {
    const i = this.count * REC_SLOTS;
    const t = this.table;
    t[i] = frameStart;
    t[i + 1] = payloadStart;
    t[i + 2] = payloadEnd;
    t[i + 3] = m0;
    t[i + 4] = m1;
    t[i + 5] = m2;
    t[i + 6] = m3;
    t[i + 7] = m4;
    return ++this.count < REC_CAPACITY;
  }

  fail(errCode: number, errPos: number, detail = 0): void {
    this.errCode = errCode;
    this.errPos = errPos;
    this.errDetail = detail;
  }
}

/**
 * A resumable frame-boundary scanner (the TS twin of an `assembly/scan/*.ts` scanner: same
 * states, same records, same errors). State is relative to `pos`, never to buffer positions.
 */
export interface Scanner {
  /**
   * Scans `buf[pos..end)`, writing one record per complete frame. Sets `out.consumed`.
   * @returns a `Status` value.
   */
  scan(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number;
  /**
   * The input has ended and `buf[pos..end)` is all that is left: emit a final record (e.g. an
   * unterminated last line), or fail with TRUNCATED, or return NEED_MORE for a clean end.
   */
  finish(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number;
}
