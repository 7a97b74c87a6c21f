/**
 * The NATS client protocol (docs.nats.io "Client Protocol"; headers per nats ADR-4), both
 * directions, decoded into op objects and encoded back.
 *
 *   role 'client' decodes what a server sends:  INFO MSG HMSG PING PONG +OK -ERR
 *   role 'server' decodes what a client sends:  CONNECT PUB HPUB SUB UNSUB PING PONG
 *
 *   wire (server -> client)                              decoded
 *   +-------------------------------+-------+------+
 *   | MSG orders.new 7 _INBOX.x 5\r\n | hello | \r\n |  ->  { op: 'MSG', subject: 'orders.new', sid: '7',
 *   +-------------------------------+-------+------+         replyTo: '_INBOX.x', payload: hello }
 *   | HMSG s 1 16 18\r\n | NATS/1.0 503\r\n\r\n | hi | \r\n |  ->  { op: 'HMSG', ..., status: 503, headers: {}, payload: hi }
 *
 * As nats-server reads it: op names are case-insensitive; fields are split by runs of spaces or
 * tabs; a line may end in CRLF or a bare LF; the control line's arguments are limited
 * (`maxControlLine`) and the limit fires before the line's LF arrives; the CRLF after a payload
 * is required, so a wrong declared size is a `malformed` FrameError at the message's offset,
 * never a silent resync. Header blocks are parsed (status line, inline description, repeated
 * keys, key case kept) and also kept raw.
 *
 * End of stream: a stream may end only between ops; anything else is `truncated` at the
 * offset of the unfinished op.
 *
 * Payloads follow the `copy` option like any frame: a view of the input chunk when the message
 * lies inside one, else a fresh array, taken straight from the input for large payloads (the
 * core buffers only control lines and header blocks). The view or array also spans the 2 CRLF
 * bytes after the payload (the scanner counts them into the record so the sink can check them
 * before delivering anything), so with `copy: true` a payload's own ArrayBuffer is 2 bytes
 * longer than the payload. `headersRaw` is always its own copy.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import { ErrorNum, ScannerId } from '../engine/layout.ts';
import { NatsMalformed, NatsOpCode, NatsScanner, natsParamSlots, type NatsScanParams } from '../engine/scan/nats.ts';
import type { FormatDef, RecordView } from './format.ts';

const FORMAT = 'nats';

export interface NatsOptions {
  format: 'nats';
  /**
   * Which side of the connection this decoder sits on. `'client'` decodes what a server sends
   * (INFO, MSG, HMSG, PING, PONG, +OK, -ERR); `'server'` decodes what a client sends (CONNECT,
   * PUB, HPUB, SUB, UNSUB, PING, PONG). Any other op is an `unknown-operation` FrameError.
   * Decoding only: the encoder writes every op of both roles.
   */
  role: 'client' | 'server';
  /**
   * Longest accepted control-line arguments: the bytes after the op name and its delimiter,
   * before CR LF, as nats-server 2.9 counts them (4096 accepted, 4097 rejected with
   * `-ERR 'maximum control line exceeded'`). A longer line is a `control-line-too-long`
   * FrameError (fatal), raised as soon as the pending line is longer, without waiting for its LF.
   * INFO lines use `maxInfoLine` instead. Decoding only.
   *
   * @defaultValue 4096 (bytes)
   */
  maxControlLine?: number;
  /**
   * Longest accepted INFO arguments (role 'client'): a server in a large cluster lists every
   * `connect_urls` entry, so INFO may legitimately exceed `maxControlLine`. Decoding only.
   *
   * @defaultValue 1048576 (bytes)
   */
  maxInfoLine?: number;
  /**
   * Largest accepted declared size: a MSG/PUB payload, or an HMSG/HPUB header block plus
   * payload. Larger is a `frame-too-large` FrameError (fatal) at the op's offset, raised before
   * any of it is buffered. nats-server's own `max_payload` defaults to 1 MiB and may be set up
   * to 64 MiB. Decoding only.
   *
   * @defaultValue 67108864 (64 MiB)
   */
  maxPayload?: number;
}

/** Header block contents: key (case as on the wire) to its values in wire order. */
export type NatsHeaders = Record<string, string[]>;

interface HeaderFields {
  /**
   * The parsed block, or null when the block does not start with a `NATS/1.0` line or is not
   * CRLF-terminated (nats-server relays such blocks unchanged). An empty block gives `{}`.
   */
  headers: NatsHeaders | null;
  /** The status code on the version line (`NATS/1.0 503` → 503), else null. */
  status: number | null;
  /** The text after the status code (`NATS/1.0 408 Request Timeout` → 'Request Timeout'), else null. */
  description: string | null;
  /** The header block exactly as on the wire (its own copy). */
  headersRaw: Uint8Array;
}

/** Where the op was on the wire (decoded ops only; encoders ignore these). */
interface Wire {
  /** Stream offset of the op's first byte. */
  offset?: number;
  /** Bytes of the whole op: control line, CRLF, and for messages the header block, payload and CRLF. */
  wireLength?: number;
}

export type NatsInfoOp = { op: 'INFO'; info: Record<string, unknown> } & Wire;
export type NatsConnectOp = { op: 'CONNECT'; options: Record<string, unknown> } & Wire;
export type NatsMsgOp = { op: 'MSG'; subject: string; sid: string; replyTo: string | null; payload: Uint8Array } & Wire;
export type NatsHmsgOp = { op: 'HMSG'; subject: string; sid: string; replyTo: string | null; payload: Uint8Array } & HeaderFields & Wire;
export type NatsPubOp = { op: 'PUB'; subject: string; replyTo: string | null; payload: Uint8Array } & Wire;
export type NatsHpubOp = { op: 'HPUB'; subject: string; replyTo: string | null; payload: Uint8Array } & HeaderFields & Wire;
export type NatsSubOp = { op: 'SUB'; subject: string; queue: string | null; sid: string } & Wire;
export type NatsUnsubOp = { op: 'UNSUB'; sid: string; max: number | null } & Wire;
export type NatsPingOp = { op: 'PING' } & Wire;
export type NatsPongOp = { op: 'PONG' } & Wire;
export type NatsOkOp = { op: '+OK' } & Wire;
export type NatsErrOp = { op: '-ERR'; message: string } & Wire;

/** Every op of the protocol, as decoded. */
export type NatsOp =
  | NatsInfoOp | NatsConnectOp | NatsMsgOp | NatsHmsgOp | NatsPubOp | NatsHpubOp
  | NatsSubOp | NatsUnsubOp | NatsPingOp | NatsPongOp | NatsOkOp | NatsErrOp;

/** Header input for encoding HMSG/HPUB: a raw block, or fields to format. */
export interface NatsHeaderInput {
  /** Used as-is when given (byte-exact re-encoding of a decoded op, even a block without NATS/1.0). */
  headersRaw?: Uint8Array;
  headers?: NatsHeaders | null;
  status?: number | null;
  description?: string | null;
}

/** What the encoder accepts: any op, with HMSG/HPUB headers raw or as fields. */
export type NatsOpInput =
  | Omit<NatsInfoOp, 'offset' | 'wireLength'>
  | Omit<NatsConnectOp, 'offset' | 'wireLength'>
  | Omit<NatsMsgOp, 'offset' | 'wireLength'>
  | ({ op: 'HMSG'; subject: string; sid: string; replyTo?: string | null; payload: Uint8Array } & NatsHeaderInput)
  | (Omit<NatsPubOp, 'offset' | 'wireLength' | 'replyTo'> & { replyTo?: string | null })
  | ({ op: 'HPUB'; subject: string; replyTo?: string | null; payload: Uint8Array } & NatsHeaderInput)
  | (Omit<NatsSubOp, 'offset' | 'wireLength' | 'queue'> & { queue?: string | null })
  | (Omit<NatsUnsubOp, 'offset' | 'wireLength' | 'max'> & { max?: number | null })
  | { op: 'PING' } | { op: 'PONG' } | { op: '+OK' } | { op: '-ERR'; message: string };

const KiB = 1024;
const MiB = 1024 * KiB;

function bad(message: string): never {
  throw new RangeError(`nats: ${message}`);
}

function limit(v: number | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !(v === Infinity || (Number.isSafeInteger(v) && v >= 0))) bad(`${name} must be an integer >= 0 (bytes), got ${String(v)}`);
  // The scanners keep numbers in f64: Infinity works in both.
  return v;
}

export function resolveNats(o: NatsOptions): NatsScanParams {
  if (o.role !== 'client' && o.role !== 'server') bad(`role must be 'client' or 'server', got ${JSON.stringify(o.role)}`);
  return {
    role: o.role === 'client' ? 0 : 1,
    maxControlLine: limit(o.maxControlLine, 'maxControlLine', 4096),
    maxInfoLine: limit(o.maxInfoLine, 'maxInfoLine', 1 * MiB),
    maxPayload: limit(o.maxPayload, 'maxPayload', 64 * MiB),
  };
}

// ---------------------------------------------------------------------------------------------
// Decoding

const utf8 = new TextDecoder('utf-8');

/** ASCII fast path: control lines are almost always ASCII. */
function text(b: Uint8Array, from: number, to: number): string {
  // Building short strings char by char is cheaper than a TextDecoder call per field.
  if (to - from < 64) {
    let s = '';
    for (let i = from; i < to; i++) {
      const c = b[i]!;
      if (c >= 0x80) return utf8.decode(b.subarray(from, to));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(b.subarray(from, to));
}

/** Field bounds of the last `split` (start, end pairs); reused, the sink is synchronous. */
const bounds = new Int32Array(16);

/** Splits b[from..to) at runs of spaces and tabs into `bounds`; returns the field count (at most 8 recorded). */
function split(b: Uint8Array, from: number, to: number): number {
  let n = 0;
  let i = from;
  while (i < to) {
    while (i < to && (b[i] === 0x20 || b[i] === 0x09)) i++;
    if (i >= to) break;
    const s = i;
    while (i < to && b[i] !== 0x20 && b[i] !== 0x09) i++;
    if (n < 8) {
      bounds[2 * n] = s;
      bounds[2 * n + 1] = i;
    }
    n++;
  }
  return n;
}

/** Field k of the last `split`, as a string. */
function field(b: Uint8Array, k: number): string {
  return text(b, bounds[2 * k]!, bounds[2 * k + 1]!);
}

/** Splits b[from..to) at runs of spaces and tabs. */
function fields(b: Uint8Array, from: number, to: number): string[] {
  const n = split(b, from, to);
  const out: string[] = [];
  for (let k = 0; k < Math.min(n, 8); k++) out.push(field(b, k));
  return out;
}

function malformed(rec: RecordView, why: string, code: FrameErrorCode = FrameErrorCode.Malformed, cause?: unknown): never {
  throw new FrameError(code, why, { offset: rec.offset, format: FORMAT, cause });
}

/**
 * Parses a header block (ADR-4): `NATS/1.0[ <status>[ <description>]]\r\n`, then `Key: value\r\n`
 * lines, then `\r\n`. Values are trimmed of spaces and tabs; keys keep their case and may repeat.
 */
export function parseNatsHeaders(raw: Uint8Array): HeaderFields {
  const headersRaw = raw;
  if (raw.length === 0) return { headers: {}, status: null, description: null, headersRaw };
  const s = utf8.decode(raw);
  if (!s.startsWith('NATS/1.0') || !s.endsWith('\r\n\r\n')) return { headers: null, status: null, description: null, headersRaw };
  const lines = s.slice(0, -4).split('\r\n');
  const version = lines[0]!;
  let status: number | null = null;
  let description: string | null = null;
  const rest = version.slice(8);
  if (rest.length > 0) {
    const m = /^[ \t]+(\d{3})(?:[ \t]+(.*?))?[ \t]*$/.exec(rest);
    if (!m) return { headers: null, status: null, description: null, headersRaw };
    status = Number(m[1]);
    description = m[2] ? m[2] : null;
  }
  const headers: NatsHeaders = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon <= 0) return { headers: null, status, description, headersRaw };
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    (headers[key] ??= []).push(value);
  }
  return { headers, status, description, headersRaw };
}

/** The sink: one op object per record. */
function natsSink() {
  return {
    frame(rec: RecordView, payload: Uint8Array, out: NatsOp[]): void {
      const head = rec.head;
      const op = rec.m0;
      const lineEnd = rec.m2;
      const argStart = rec.m4;
      const wireLength = head.length + payload.length;
      const offset = rec.offset;
      switch (op) {
        case NatsOpCode.MSG:
        case NatsOpCode.HMSG:
        case NatsOpCode.PUB:
        case NatsOpCode.HPUB: {
          const n = payload.length - 2;
          if (payload[n] !== 0x0d || payload[n + 1] !== 0x0a) {
            const got = payload.length >= 2 ? `0x${payload[n]!.toString(16).padStart(2, '0')} 0x${payload[n + 1]!.toString(16).padStart(2, '0')}` : 'nothing';
            malformed(rec, `${OP_NAMES[op]} declared ${n + rec.m1} bytes after its control line, but they are followed by ${got} instead of CR LF: the declared size is wrong`);
          }
          const body = payload.subarray(0, n);
          // The scanner checked the field counts.
          const nf = split(head, argStart, lineEnd);
          if (op === NatsOpCode.MSG) {
            out.push({ op: 'MSG', subject: field(head, 0), sid: field(head, 1), replyTo: nf === 4 ? field(head, 2) : null, payload: body, offset, wireLength });
          } else if (op === NatsOpCode.PUB) {
            out.push({ op: 'PUB', subject: field(head, 0), replyTo: nf === 3 ? field(head, 1) : null, payload: body, offset, wireLength });
          } else {
            const f = fields(head, argStart, lineEnd);
            // The head is a view of the engine's buffer: the raw block gets its own copy.
            const h = parseNatsHeaders(head.slice(rec.m3, rec.m3 + rec.m1));
            if (op === NatsOpCode.HMSG) {
              out.push({ op: 'HMSG', subject: f[0]!, sid: f[1]!, replyTo: f.length === 5 ? f[2]! : null, ...h, payload: body, offset, wireLength });
            } else {
              out.push({ op: 'HPUB', subject: f[0]!, replyTo: f.length === 4 ? f[1]! : null, ...h, payload: body, offset, wireLength });
            }
          }
          return;
        }
        case NatsOpCode.PING: out.push({ op: 'PING', offset, wireLength }); return;
        case NatsOpCode.PONG: out.push({ op: 'PONG', offset, wireLength }); return;
        case NatsOpCode.OK: out.push({ op: '+OK', offset, wireLength }); return;
        case NatsOpCode.ERR: {
          let msg = text(head, argStart, lineEnd).trim();
          if (msg.length >= 2 && msg.startsWith("'") && msg.endsWith("'")) msg = msg.slice(1, -1);
          out.push({ op: '-ERR', message: msg, offset, wireLength });
          return;
        }
        case NatsOpCode.INFO:
        case NatsOpCode.CONNECT: {
          const json = text(head, argStart, lineEnd);
          let value: unknown;
          try {
            value = JSON.parse(json);
          } catch (e) {
            malformed(rec, `${OP_NAMES[op]} arguments are not valid JSON`, FrameErrorCode.InvalidJson, e);
          }
          if (typeof value !== 'object' || value === null || Array.isArray(value)) malformed(rec, `${OP_NAMES[op]} arguments are not a JSON object`, FrameErrorCode.InvalidJson);
          if (op === NatsOpCode.INFO) out.push({ op: 'INFO', info: value as Record<string, unknown>, offset, wireLength });
          else out.push({ op: 'CONNECT', options: value as Record<string, unknown>, offset, wireLength });
          return;
        }
        case NatsOpCode.SUB: {
          const f = fields(head, argStart, lineEnd);
          if (f.length < 2 || f.length > 3) malformed(rec, `SUB needs <subject> [queue] <sid>, got ${f.length} fields`);
          out.push({ op: 'SUB', subject: f[0]!, queue: f.length === 3 ? f[1]! : null, sid: f[f.length - 1]!, offset, wireLength });
          return;
        }
        case NatsOpCode.UNSUB: {
          const f = fields(head, argStart, lineEnd);
          if (f.length < 1 || f.length > 2) malformed(rec, `UNSUB needs <sid> [max], got ${f.length} fields`);
          let max: number | null = null;
          if (f.length === 2) {
            if (!/^\d{1,15}$/.test(f[1]!)) malformed(rec, `UNSUB max must be a decimal number, got ${JSON.stringify(f[1])}`);
            max = Number(f[1]);
          }
          out.push({ op: 'UNSUB', sid: f[0]!, max, offset, wireLength });
          return;
        }
        default:
          malformed(rec, `scanner reported unknown op code ${op}`);
      }
    },
  };
}

const OP_NAMES: Record<number, string> = {
  [NatsOpCode.INFO]: 'INFO', [NatsOpCode.MSG]: 'MSG', [NatsOpCode.HMSG]: 'HMSG', [NatsOpCode.PING]: 'PING',
  [NatsOpCode.PONG]: 'PONG', [NatsOpCode.OK]: '+OK', [NatsOpCode.ERR]: '-ERR', [NatsOpCode.CONNECT]: 'CONNECT',
  [NatsOpCode.PUB]: 'PUB', [NatsOpCode.HPUB]: 'HPUB', [NatsOpCode.SUB]: 'SUB', [NatsOpCode.UNSUB]: 'UNSUB',
};

/** The decoding side, as the engine sees it. Frames are `NatsOp` objects. */
export function natsFormat(o: NatsOptions): FormatDef<NatsOp> {
  const p = resolveNats(o);
  return {
    name: FORMAT,
    scannerId: ScannerId.NATS,
    params: natsParamSlots(p),
    createScanner: () => new NatsScanner(p),
    payload: 'owned',
    needsHead: true,
    describeError(num, detail) {
      switch (num) {
        case ErrorNum.UNKNOWN_OP:
          return `unknown protocol operation for role '${o.role}' (the server answers -ERR 'Unknown Protocol Operation')`;
        case ErrorNum.LINE_TOO_LONG:
          return `control line arguments of ${detail} bytes (or more) exceed maxControlLine (${p.maxControlLine}) / maxInfoLine (${p.maxInfoLine})`;
        case ErrorNum.FRAME_TOO_LARGE:
          return `declared size ${detail} is larger than maxPayload (${p.maxPayload})`;
        case ErrorNum.BAD_LENGTH:
          return detail < 0 ? 'a size field is not a decimal number' : `header size ${detail} is larger than the total size`;
        case ErrorNum.MALFORMED:
          return detail === NatsMalformed.FIELD_COUNT ? 'wrong number of fields for MSG/HMSG/PUB/HPUB' : undefined;
        case ErrorNum.TRUNCATED:
          return `stream ended inside an op (${detail} bytes of it received)`;
        default:
          return undefined;
      }
    },
    createSink: natsSink,
  };
}

// ---------------------------------------------------------------------------------------------
// Encoding

const enc = new TextEncoder();

function unencodable(why: string): never {
  throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: FORMAT });
}

/** A field must be non-empty and free of spaces, tabs, CR and LF, or it would split or end the line. */
function token(v: unknown, what: string): string {
  if (typeof v !== 'string' || v.length === 0 || /[ \t\r\n]/.test(v)) unencodable(`${what} must be a non-empty string without spaces, tabs, CR or LF, got ${JSON.stringify(v)}`);
  return v;
}

function optToken(v: unknown, what: string): string {
  return v === null || v === undefined ? '' : ' ' + token(v, what);
}

function bytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) unencodable(`${what} must be a Uint8Array`);
  return v;
}

/** Formats a header block from fields (ADR-4); `{}` with no status gives `NATS/1.0\r\n\r\n`. */
export function formatNatsHeaders(h: NatsHeaderInput): Uint8Array {
  if (h.headersRaw !== undefined) return bytes(h.headersRaw, 'headersRaw');
  let s = 'NATS/1.0';
  if (h.status !== null && h.status !== undefined) {
    if (!Number.isInteger(h.status) || h.status < 100 || h.status > 999) unencodable(`status must be a 3-digit number, got ${h.status}`);
    s += ' ' + h.status;
    if (h.description) {
      if (/[\r\n]/.test(h.description)) unencodable('description must not contain CR or LF');
      s += ' ' + h.description;
    }
  }
  s += '\r\n';
  for (const [k, values] of Object.entries(h.headers ?? {})) {
    if (k.length === 0 || /[:\s]/.test(k)) unencodable(`header key ${JSON.stringify(k)} must be non-empty, without ':' or whitespace`);
    for (const v of values) {
      if (/[\r\n]/.test(v)) unencodable(`header ${k} value must not contain CR or LF`);
      s += `${k}: ${v}\r\n`;
    }
  }
  return enc.encode(s + '\r\n');
}

function withPayload(line: string, block: Uint8Array | null, payload: Uint8Array): Uint8Array {
  const head = enc.encode(line);
  const h = block?.length ?? 0;
  const out = new Uint8Array(head.length + h + payload.length + 2);
  out.set(head);
  if (block) out.set(block, head.length);
  out.set(payload, head.length + h);
  out[out.length - 2] = 0x0d;
  out[out.length - 1] = 0x0a;
  return out;
}

const CRLF = '\r\n';

/**
 * Encodes one op, canonically: upper-case op names, single spaces, CRLF. Accepts every op of
 * both roles whatever the `role` option. Byte-exact with nats-server's output and nats.js's
 * requests, except: the server writes INFO as `INFO {...} \r\n` (trailing space; reproduced
 * here) with Go's JSON encoding (which escapes `<`, `>`, `&` as \u003c...; JSON.stringify does
 * not), and writes an empty reply field in JetStream acks as two spaces (`MSG s 1  28`), which
 * this encoder writes as one.
 */
export function encodeNatsOp(v: NatsOpInput): Uint8Array {
  if (typeof v !== 'object' || v === null) unencodable('expected an op object');
  switch (v.op) {
    case 'INFO':
      return enc.encode(`INFO ${JSON.stringify(v.info)} ${CRLF}`);
    case 'CONNECT':
      return enc.encode(`CONNECT ${JSON.stringify(v.options)}${CRLF}`);
    case 'PING':
    case 'PONG':
    case '+OK':
      return enc.encode(v.op + CRLF);
    case '-ERR':
      if (/[\r\n]/.test(v.message)) unencodable('-ERR message must not contain CR or LF');
      return enc.encode(`-ERR '${v.message}'${CRLF}`);
    case 'SUB':
      return enc.encode(`SUB ${token(v.subject, 'subject')}${optToken(v.queue, 'queue')} ${token(v.sid, 'sid')}${CRLF}`);
    case 'UNSUB': {
      if (v.max !== null && v.max !== undefined && !(Number.isSafeInteger(v.max) && v.max >= 0)) unencodable(`UNSUB max must be an integer >= 0, got ${v.max}`);
      return enc.encode(`UNSUB ${token(v.sid, 'sid')}${v.max === null || v.max === undefined ? '' : ' ' + v.max}${CRLF}`);
    }
    case 'MSG': {
      const p = bytes(v.payload, 'payload');
      return withPayload(`MSG ${token(v.subject, 'subject')} ${token(v.sid, 'sid')}${optToken(v.replyTo, 'replyTo')} ${p.length}${CRLF}`, null, p);
    }
    case 'PUB': {
      const p = bytes(v.payload, 'payload');
      return withPayload(`PUB ${token(v.subject, 'subject')}${optToken(v.replyTo, 'replyTo')} ${p.length}${CRLF}`, null, p);
    }
    case 'HMSG': {
      const p = bytes(v.payload, 'payload');
      const block = formatNatsHeaders(v);
      return withPayload(`HMSG ${token(v.subject, 'subject')} ${token(v.sid, 'sid')}${optToken(v.replyTo, 'replyTo')} ${block.length} ${block.length + p.length}${CRLF}`, block, p);
    }
    case 'HPUB': {
      const p = bytes(v.payload, 'payload');
      const block = formatNatsHeaders(v);
      return withPayload(`HPUB ${token(v.subject, 'subject')}${optToken(v.replyTo, 'replyTo')} ${block.length} ${block.length + p.length}${CRLF}`, block, p);
    }
    default:
      return unencodable(`unknown op ${JSON.stringify((v as { op: unknown }).op)}`);
  }
}

/** The encoder for `encodeFrame`/`FrameEncoderStream` (options are validated; the role does not restrict ops). */
export function createNatsEncoder(o: NatsOptions): (v: NatsOpInput) => Uint8Array {
  resolveNats(o);
  return encodeNatsOp;
}
