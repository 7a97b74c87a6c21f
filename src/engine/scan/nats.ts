// Twin of assembly/scan/nats.ts: same states, same records, same errors.
//
// The NATS client protocol is a stream of control lines (`OP args\r\n`); MSG/HMSG/PUB/HPUB
// lines declare the size of what follows. One record per op:
//
//   FRAME_START    the op name's first byte
//   PAYLOAD_START  after the control line's LF, plus the header block (HMSG/HPUB)
//   PAYLOAD_END    after the payload AND its trailing CRLF (the sink checks those 2 bytes and
//                  strips them, so a wrong declared size fails the same way in every chunking)
//   META0          op code (NatsOp below)
//   META1          header block bytes (HMSG/HPUB), else 0
//   META2          control line length without its CR/LF, relative to FRAME_START
//   META3          start of the header block (= after the LF), relative to FRAME_START
//   META4          start of the arguments (after the op name's delimiter), relative to FRAME_START
//
// Ops without a payload have PAYLOAD_START = PAYLOAD_END = after the LF.
// The header block is always buffered before a record is emitted (the driver only passes
// over bytes between the buffer's end and PAYLOAD_START); the payload itself may be PENDING.
import { ErrorNum, Status } from '../layout.ts';
import type { ScanOutput, Scanner } from '../scanner.ts';

/** Op codes in META0 (same numbers in assembly/scan/nats.ts). */
export const NatsOpCode = {
  INFO: 1, MSG: 2, HMSG: 3, PING: 4, PONG: 5, OK: 6, ERR: 7,
  CONNECT: 8, PUB: 9, HPUB: 10, SUB: 11, UNSUB: 12,
} as const;

/** Error details (errDetail) for ErrorNum.MALFORMED, so messages can say which rule broke. */
export const NatsMalformed = {
  /** MSG/HMSG/PUB/HPUB with the wrong number of fields. */
  FIELD_COUNT: 1,
} as const;

export interface NatsScanParams {
  /** 0: decode what a server sends (role 'client'); 1: what a client sends (role 'server'). */
  role: 0 | 1;
  /** Longest accepted arguments of a control line (bytes after the op name and its delimiter). */
  maxControlLine: number;
  /** The same for INFO lines (server INFO can list many cluster URLs). */
  maxInfoLine: number;
  /** Largest accepted declared size (MSG/PUB payload, HMSG/HPUB header + payload). */
  maxPayload: number;
}

export function natsParamSlots(p: NatsScanParams): number[] {
  return [p.role, p.maxControlLine, p.maxInfoLine, p.maxPayload];
}

/** ASCII lower case for letters only (OR 0x20 would turn CR into '-'). */
function lower(b: number): number {
  return b >= 65 && b <= 90 ? b | 0x20 : b;
}

function isDelim(b: number): boolean {
  return b === 0x20 || b === 0x09;
}

/**
 * The op code of the name at buf[s..s+n), case-insensitive, or 0 if it is not an op of `role`.
 * Role 0 (client side) accepts INFO MSG HMSG PING PONG +OK -ERR; role 1 accepts CONNECT PUB HPUB
 * SUB UNSUB PING PONG.
 */
export function natsOpCode(buf: Uint8Array, s: number, n: number, role: number): number {
  const c0 = lower(buf[s]!);
  if (n === 3) {
    const c1 = lower(buf[s + 1]!);
    const c2 = lower(buf[s + 2]!);
    if (role === 0) {
      if (c0 === 0x6d && c1 === 0x73 && c2 === 0x67) return NatsOpCode.MSG; // msg
      if (c0 === 0x2b && c1 === 0x6f && c2 === 0x6b) return NatsOpCode.OK; // +ok
      return 0;
    }
    if (c0 === 0x70 && c1 === 0x75 && c2 === 0x62) return NatsOpCode.PUB; // pub
    if (c0 === 0x73 && c1 === 0x75 && c2 === 0x62) return NatsOpCode.SUB; // sub
    return 0;
  }
  if (n === 4) {
    const c1 = lower(buf[s + 1]!);
    const c2 = lower(buf[s + 2]!);
    const c3 = lower(buf[s + 3]!);
    if (c0 === 0x70 && c1 === 0x69 && c2 === 0x6e && c3 === 0x67) return NatsOpCode.PING;
    if (c0 === 0x70 && c1 === 0x6f && c2 === 0x6e && c3 === 0x67) return NatsOpCode.PONG;
    if (role === 0) {
      if (c0 === 0x68 && c1 === 0x6d && c2 === 0x73 && c3 === 0x67) return NatsOpCode.HMSG;
      if (c0 === 0x69 && c1 === 0x6e && c2 === 0x66 && c3 === 0x6f) return NatsOpCode.INFO;
      if (c0 === 0x2d && c1 === 0x65 && c2 === 0x72 && c3 === 0x72) return NatsOpCode.ERR;
      return 0;
    }
    if (c0 === 0x68 && c1 === 0x70 && c2 === 0x75 && c3 === 0x62) return NatsOpCode.HPUB;
    return 0;
  }
  if (role === 1 && n === 5) {
    // unsub
    if (c0 === 0x75 && lower(buf[s + 1]!) === 0x6e && lower(buf[s + 2]!) === 0x73 && lower(buf[s + 3]!) === 0x75 && lower(buf[s + 4]!) === 0x62) return NatsOpCode.UNSUB;
    return 0;
  }
  if (role === 1 && n === 7) {
    // connect
    const name = [0x63, 0x6f, 0x6e, 0x6e, 0x65, 0x63, 0x74];
    for (let i = 1; i < 7; i++) if (lower(buf[s + i]!) !== name[i]) return 0;
    return c0 === 0x63 ? NatsOpCode.CONNECT : 0;
  }
  return 0;
}

/** No op name is longer than this ("CONNECT"). */
const MAX_OP_NAME = 7;
/** A size field with more digits than this is rejected before it can lose precision. */
const MAX_SIZE_DIGITS = 15;

// States: LINE only. `scanned` is how many bytes after `pos` are known to hold no LF.
export class NatsScanner implements Scanner {
  private scanned = 0;
  // Results of sizeFields().
  private nFields = 0;
  private last1 = 0; // value of the last field, -1 if not a decimal number
  private last2 = 0; // value of the field before it, -1 if not a decimal number

  constructor(private readonly p: NatsScanParams) {}

  /** Counts the fields of buf[from..to) (runs of spaces/tabs delimit) and parses the last two as sizes. */
  private sizeFields(buf: Uint8Array, from: number, to: number): void {
    let n = 0;
    let cur = -1;
    let prev = -1;
    let i = from;
    while (i < to) {
      while (i < to && isDelim(buf[i]!)) i++;
      if (i >= to) break;
      let v = 0;
      let digits = 0;
      let ok = true;
      while (i < to && !isDelim(buf[i]!)) {
        const b = buf[i]!;
        if (b >= 0x30 && b <= 0x39 && digits < MAX_SIZE_DIGITS) {
          v = v * 10 + (b - 0x30);
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
    this.nFields = n;
    this.last1 = cur;
    this.last2 = prev;
  }

  /** Op name at pos: its code, 0 = unknown (error), -1 = not complete yet. Sets `opLen`. */
  private opLen = 0;
  private opAt(buf: Uint8Array, pos: number, end: number): number {
    const lim = Math.min(end, pos + MAX_OP_NAME + 1);
    let i = pos;
    while (i < lim) {
      const b = buf[i]!;
      if (b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a) break;
      i++;
    }
    if (i === lim && lim - pos <= MAX_OP_NAME) return -1; // name may go on
    this.opLen = i - pos;
    if (i - pos === 0 || i - pos > MAX_OP_NAME) return 0;
    return natsOpCode(buf, pos, i - pos, this.p.role);
  }

  private limitFor(op: number): number {
    return op === NatsOpCode.INFO ? this.p.maxInfoLine : this.p.maxControlLine;
  }

  scan(buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    const { maxPayload } = this.p;
    for (;;) {
      // Find the LF that ends the control line.
      let nl = pos + this.scanned;
      while (nl < end && buf[nl] !== 0x0a) nl++;
      if (nl >= end) {
        this.scanned = end - pos;
        // Fail early: an unknown op or an over-long line is known before its LF arrives.
        if (end > pos) {
          const op = this.opAt(buf, pos, end);
          if (op === 0) return this.err(out, ErrorNum.UNKNOWN_OP, pos, 0);
          if (op > 0) {
            let args = end - (pos + this.opLen + 1);
            if (buf[end - 1] === 0x0d) args--;
            if (args > this.limitFor(op)) return this.err(out, ErrorNum.LINE_TOO_LONG, pos, args);
          }
        }
        out.consumed = pos;
        return Status.NEED_MORE;
      }
      const lineEnd = nl > pos && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      const op = this.opAt(buf, pos, lineEnd + 1);
      if (op <= 0) return this.err(out, ErrorNum.UNKNOWN_OP, pos, 0);
      const argStart = Math.min(pos + this.opLen + 1, lineEnd);
      const args = lineEnd - argStart;
      if (args > this.limitFor(op)) return this.err(out, ErrorNum.LINE_TOO_LONG, pos, args);
      const body = nl + 1;
      let hdr = 0;
      let total = 0;
      const sized = op === NatsOpCode.MSG || op === NatsOpCode.PUB || op === NatsOpCode.HMSG || op === NatsOpCode.HPUB;
      if (sized) {
        this.sizeFields(buf, argStart, lineEnd);
        const headers = op === NatsOpCode.HMSG || op === NatsOpCode.HPUB;
        // Fields: MSG subject sid [reply] size; PUB subject [reply] size; H* add a header size.
        const min = (op === NatsOpCode.MSG || op === NatsOpCode.HMSG ? 3 : 2) + (headers ? 1 : 0);
        if (this.nFields < min || this.nFields > min + 1) return this.err(out, ErrorNum.MALFORMED, pos, NatsMalformed.FIELD_COUNT);
        if (this.last1 < 0 || (headers && this.last2 < 0)) return this.err(out, ErrorNum.BAD_LENGTH, pos, -1);
        total = this.last1;
        hdr = headers ? this.last2 : 0;
        if (total > maxPayload) return this.err(out, ErrorNum.FRAME_TOO_LARGE, pos, total);
        if (hdr > total) return this.err(out, ErrorNum.BAD_LENGTH, pos, hdr);
        // The header block is parsed from the head, so it must be buffered before the record.
        if (body + hdr > end) {
          this.scanned = nl - pos;
          out.consumed = pos;
          return Status.NEED_MORE;
        }
      }
      const ps = body + hdr;
      const pe = sized ? body + total + 2 : body;
      this.scanned = 0;
      const more = out.emit(pos, ps, pe, op, hdr, lineEnd - pos, body - pos, argStart - pos);
      if (pe > end) {
        out.consumed = pe;
        return Status.PAYLOAD_PENDING;
      }
      pos = pe;
      if (!more) {
        out.consumed = pos;
        return Status.TABLE_FULL;
      }
    }
  }

  private err(out: ScanOutput, code: number, pos: number, detail: number): number {
    out.fail(code, pos, detail);
    out.consumed = pos;
    return Status.ERROR;
  }

  finish(_buf: Uint8Array, pos: number, end: number, out: ScanOutput): number {
    out.consumed = pos;
    if (end > pos) {
      out.fail(ErrorNum.TRUNCATED, pos, end - pos);
      return Status.ERROR;
    }
    return Status.NEED_MORE;
  }
}
