/**
 * Delimited lines: text (or bytes) separated by a delimiter, `'\n'` by default. A line is
 * everything before its delimiter; the delimiter itself is dropped unless `keepDelimiter`.
 *
 *   defaults (delimiter '\n', a '\r' before it stripped)
 *   +-----+----+----+-------+----+----+----+
 *   | one | \r | \n |  two  | \n | \n | x  |   ->  'one', 'two', '', 'x'
 *   +-----+----+----+-------+----+----+----+
 *
 * End of stream: a last line without a delimiter is delivered (`'x'` above) unless
 * `unterminatedLastLine: 'error'`; a stream that ends with its delimiter has no extra empty line
 * after it (as Deno's TextLineStream). Every diagram here is a vector in `test/vectors/lines.ts`.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import { ErrorNum, ScannerId, CONFIG_BYTES } from '../engine/layout.ts';
import { DelimitedScanner, delimitedParamSlots, type DelimitedParams } from '../engine/scan/delimited.ts';
import type { FormatDef, FrameSink, RecordView } from './format.ts';

const MiB = 1024 * 1024;

/** Options the `lines` and `ndjson` formats share. */
export interface DelimitedOptions {
  /**
   * Longest accepted line, in bytes of its content: the delimiter (and a stripped `'\r'`) not
   * counted. Checked while the line is still arriving, so a longer line fails as soon as enough
   * of it is here, without buffering the rest. A longer line is a `frame-too-large` FrameError at
   * the line's offset; fatal: the stream ends there. Applies to decoding and encoding.
   *
   * @defaultValue 16 MiB (16777216 bytes)
   */
  maxLineLength?: number;
  /**
   * What a last line without a delimiter at the end of the stream is: `'deliver'` it as a line,
   * or an `'error'` (a `truncated` FrameError at the line's offset, after every earlier line).
   * Decoding only.
   *
   *   unterminatedLastLine: 'error'
   *   +-----+----+-----+
   *   | one | \n | two |  <end>   ->  'one', then FrameError truncated at offset 4
   *   +-----+----+-----+
   *
   * @defaultValue 'deliver'
   */
  unterminatedLastLine?: 'deliver' | 'error';
  /**
   * Bytes that are not valid UTF-8: `false` decodes them as U+FFFD, as `TextDecoder` does;
   * `true` makes them an `invalid-utf8` FrameError at the line's offset. Decoding only (text).
   *
   * @defaultValue false
   */
  fatal?: boolean;
}

export interface LinesOptions extends DelimitedOptions {
  format: 'lines';
  /**
   * What separates lines: a string (written as UTF-8) or bytes, 1 to 256 bytes long, found even
   * when it is split across chunks. Applies to decoding and encoding.
   *
   *   delimiter: '\r\n\r\n'
   *   +-----+-------------+-----+-------------+
   *   |  a  | \r\n\r\n    |  b  | \r\n\r\n    |   ->  'a', 'b'
   *   +-----+-------------+-----+-------------+
   *
   * @defaultValue '\n'
   */
  delimiter?: string | Uint8Array;
  /**
   * With the default `'\n'` delimiter: whether a `'\r'` right before it is part of the delimiter
   * (stripped: `"a\r\n"` is `'a'`), also before the end of the stream. `false` keeps it in the
   * line (`'a\r'`). Ignored for other delimiters. Decoding only: the encoder writes `'\n'`.
   *
   * @defaultValue true
   */
  stripCR?: boolean;
  /**
   * Keep each line's delimiter (and a `'\r'` before it) at its end. A last line without one is
   * delivered as it is. Decoding only.
   *
   *   keepDelimiter: true
   *   +-----+----+----+-----+----+
   *   | one | \r | \n | two | \n |   ->  'one\r\n', 'two\n'
   *   +-----+----+----+-----+----+
   *
   * @defaultValue false
   */
  keepDelimiter?: boolean;
  /**
   * `'text'`: each line is a string, decoded as UTF-8, with a byte order mark (EF BB BF) at the
   * very start of the stream removed. `'bytes'`: each line is a `Uint8Array`, BOM and all
   * (see the `copy` option for who owns it). Decoding; the encoder accepts either.
   *
   * @defaultValue 'text'
   */
  output?: 'text' | 'bytes';
}

function bad(format: string, message: string): never {
  throw new RangeError(`${format}: ${message}`);
}

function isInt(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

const utf8 = new TextEncoder();

export interface ResolvedDelimited extends DelimitedParams {
  format: string;
  fatal: boolean;
}

/** Validates options once, with messages that name the option. */
export function resolveDelimited(format: string, o: DelimitedOptions & Partial<Pick<LinesOptions, 'delimiter' | 'stripCR' | 'keepDelimiter'>>): ResolvedDelimited {
  const d = o.delimiter ?? '\n';
  let delimiter: Uint8Array;
  if (typeof d === 'string') delimiter = utf8.encode(d);
  else if (d instanceof Uint8Array) delimiter = d.slice();
  else bad(format, `delimiter must be a string or a Uint8Array, got ${typeof d}`);
  if (delimiter.length < 1 || delimiter.length > CONFIG_BYTES) bad(format, `delimiter must be 1 to ${CONFIG_BYTES} bytes, got ${delimiter.length}`);
  const maxLine = o.maxLineLength ?? 16 * MiB;
  if (!isInt(maxLine, 0)) bad(format, `maxLineLength must be an integer >= 0, got ${String(o.maxLineLength)}`);
  const stripCR = o.stripCR ?? true;
  if (typeof stripCR !== 'boolean') bad(format, `stripCR must be a boolean, got ${String(stripCR)}`);
  const keepDelimiter = o.keepDelimiter ?? false;
  if (typeof keepDelimiter !== 'boolean') bad(format, `keepDelimiter must be a boolean, got ${String(keepDelimiter)}`);
  const last = o.unterminatedLastLine ?? 'deliver';
  if (last !== 'deliver' && last !== 'error') bad(format, `unterminatedLastLine must be 'deliver' or 'error', got ${String(last)}`);
  const fatal = o.fatal ?? false;
  if (typeof fatal !== 'boolean') bad(format, `fatal must be a boolean, got ${String(fatal)}`);
  return {
    format,
    delimiter,
    maxLine,
    stripCR: stripCR && delimiter.length === 1 && delimiter[0] === 0x0a,
    keepDelimiter,
    unterminatedError: last === 'error',
    fatal,
  };
}

/** The scanner side of a delimited format, shared by `lines` and `ndjson`. */
export function delimitedScanner(p: ResolvedDelimited): Pick<FormatDef<unknown>, 'scannerId' | 'params' | 'config' | 'createScanner' | 'describeError'> {
  return {
    scannerId: ScannerId.DELIMITED,
    params: delimitedParamSlots(p),
    config: p.delimiter,
    createScanner: () => new DelimitedScanner(p),
    describeError(num, detail) {
      switch (num) {
        case ErrorNum.FRAME_TOO_LARGE:
          return `line of at least ${detail} bytes is longer than maxLineLength (${p.maxLine})`;
        case ErrorNum.TRUNCATED:
          return `stream ended inside a line (${detail} bytes without a delimiter; unterminatedLastLine is 'error')`;
        default:
          return undefined;
      }
    },
  };
}

/**
 * Decodes lines' UTF-8, one instance per stream.
 *
 * Every line is complete, so a character split across chunks is whole by the time its line is
 * decoded, and no `stream: true` state is needed. The BOM is removed here, only at stream offset
 * 0, so that TextDecoder never strips one from a later line.
 *
 * Fast path: the engine announces each run of lines (`batch`); the run is decoded once and each
 * line is a slice of that string (one TextDecoder call per run instead of one per line). It is
 * taken only when the run is valid UTF-8 and the delimiter is whole characters: then the
 * delimiter's bytes match exactly where its text matches, every line boundary is a character
 * boundary, and the slice equals the line decoded on its own. An ASCII run is sliced at the byte
 * positions; any other run is walked with `indexOf` of the delimiter's text, applying the
 * scanner's rules (a stripped '\r', keepDelimiter). Otherwise each line is decoded by itself
 * (with replacement characters, or an error when `fatal`).
 */
export class LineText {
  private readonly td: TextDecoder;
  /** For runs: fatal, so a decoded run is known to be valid UTF-8. */
  private readonly strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** The delimiter as text, or null when it is not whole characters (no fast path). */
  private readonly delimText: string | null;
  private span: Uint8Array | null = null;
  /** The run decoded, or null when it is not valid UTF-8 (or there is no run). */
  private spanText: string | null = null;
  /** The run is ASCII: byte positions are character positions. */
  private ascii = false;
  /** Where the next line starts in spanText (the walk for non-ASCII runs). */
  private cursor = 0;

  constructor(private readonly format: string, private readonly p: ResolvedDelimited) {
    this.td = new TextDecoder('utf-8', { fatal: p.fatal, ignoreBOM: true });
    let delimText: string | null;
    try {
      delimText = this.strict.decode(p.delimiter);
    } catch {
      delimText = null;
    }
    this.delimText = delimText;
  }

  /** Whether runs can be decoded at once (the engine then calls `batch`). */
  get batchable(): boolean {
    return this.delimText !== null;
  }

  batch(span: Uint8Array): void {
    this.span = span;
    this.cursor = 0;
    try {
      this.spanText = this.strict.decode(span);
    } catch {
      this.spanText = null; // invalid UTF-8 somewhere in the run: its lines are decoded one by one
      return;
    }
    this.ascii = this.spanText.length === span.length;
  }

  /** The line at `[start, end)` of the current run (see `FrameSink.frameInBatch`). */
  decodeAt(rec: RecordView, start: number, end: number, details?: () => Record<string, unknown>): string {
    if (this.spanText === null) return this.decodeBytes(rec, this.span!.subarray(start, end), details);
    let text = this.ascii ? this.spanText.slice(start, end) : this.walk();
    if (rec.offset === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  }

  /** The next line of a non-ASCII run: up to the delimiter's text, as the scanner cut it. */
  private walk(): string {
    const text = this.spanText!;
    const d = this.delimText!;
    const from = this.cursor;
    const at = text.indexOf(d, from);
    // The run ends where the last line's payload ends: no delimiter (or '\r') left to handle.
    if (at < 0) {
      this.cursor = text.length;
      return text.slice(from);
    }
    this.cursor = at + d.length;
    if (this.p.keepDelimiter) return text.slice(from, at + d.length);
    const end = this.p.stripCR && at > from && text.charCodeAt(at - 1) === 0x0d ? at - 1 : at;
    return text.slice(from, end);
  }

  /** One line on its own (outside a run). */
  decodeBytes(rec: RecordView, bytes: Uint8Array, details?: () => Record<string, unknown>): string {
    if (rec.offset === 0 && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    if (!this.p.fatal) return this.td.decode(bytes);
    try {
      return this.td.decode(bytes);
    } catch (e) {
      throw new FrameError(FrameErrorCode.InvalidUtf8, 'line is not valid UTF-8', { offset: rec.offset, format: this.format, cause: e, details: details?.() });
    }
  }
}

/** The decoding side, as the engine sees it. Lines are strings, or `Uint8Array`s with `output: 'bytes'`. */
export function linesFormat(o: LinesOptions): FormatDef<string | Uint8Array> {
  const p = resolveDelimited('lines', o);
  const output = o.output ?? 'text';
  if (output !== 'text' && output !== 'bytes') bad('lines', `output must be 'text' or 'bytes', got ${String(output)}`);
  const scanner = delimitedScanner(p);
  if (output === 'bytes') {
    return {
      name: 'lines',
      ...scanner,
      payload: 'owned',
      needsHead: false,
      createSink: () => ({ frame(_rec, payload, out) { out.push(payload); } }),
    };
  }
  return {
    name: 'lines',
    ...scanner,
    // Text is decoded straight out of the engine's buffer: no copy of the bytes.
    payload: 'transient',
    needsHead: false,
    createSink() {
      const text = new LineText('lines', p);
      const frame: FrameSink<string>['frame'] = (rec, payload, out) => { out.push(text.decodeBytes(rec, payload)); };
      if (!text.batchable) return { frame };
      return {
        frame,
        batch: (span) => text.batch(span),
        frameInBatch: (rec, start, end, out) => { out.push(text.decodeAt(rec, start, end)); },
      };
    },
  };
}

/**
 * Encodes one line: the value, then the delimiter (`'\n'` by default, never `'\r\n'`). Refuses a
 * value that holds the delimiter, one that ends in `'\r'` when the decoder would strip it, and one
 * longer than `maxLineLength`, since none of them would decode back to itself.
 */
export function createLinesEncoder(o: LinesOptions): (line: string | Uint8Array) => Uint8Array {
  const p = resolveDelimited('lines', o);
  const d = p.delimiter;
  const fail = (why: string): never => {
    throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: 'lines' });
  };
  const scanner = new DelimitedScanner({ ...p, keepDelimiter: false, unterminatedError: false });
  return (line) => {
    let bytes: Uint8Array;
    if (typeof line === 'string') bytes = utf8.encode(line);
    else if (line instanceof Uint8Array) bytes = line;
    else return fail(`expected a string or a Uint8Array, got ${line === null ? 'null' : typeof line}`);
    const out = new Uint8Array(bytes.length + d.length);
    out.set(bytes);
    out.set(d, bytes.length);
    const at = scanner.firstDelimiter(out);
    if (at < bytes.length) fail(`line holds the delimiter at byte ${at}`);
    if (p.stripCR && bytes[bytes.length - 1] === 0x0d) fail("line ends in '\\r', which the decoder strips (stripCR)");
    if (bytes.length > p.maxLine) fail(`line of ${bytes.length} bytes is longer than maxLineLength (${p.maxLine})`);
    return out;
  };
}
