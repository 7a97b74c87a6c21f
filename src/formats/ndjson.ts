/**
 * NDJSON (newline-delimited JSON, also JSON Lines): one JSON text per `'\n'`-terminated line,
 * each parsed with `JSON.parse`. A `'\r'` before the `'\n'` is stripped, blank lines (empty or
 * only spaces, tabs and `'\r'`) are skipped, a BOM at the very start is removed, and a last line
 * without `'\n'` is parsed like the others (unless `unterminatedLastLine: 'error'`).
 *
 *   +----------+----+----+----+---------+
 *   | {"a":1}  | \n | \r | \n | [2,3]   |   ->  { a: 1 }, [2, 3]
 *   +----------+----+----+----+---------+
 *
 * A line that is not JSON is an `invalid-json` FrameError at the line's byte offset, with its
 * 1-based line number in `details.line`, after every earlier value; or, with
 * `invalidLine: 'deliver'`, that same FrameError delivered as an item in the value's place.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import type { FormatDef, RecordView } from './format.ts';
import { delimitedScanner, LineText, resolveDelimited, type DelimitedOptions } from './lines.ts';

export interface NdjsonOptions extends DelimitedOptions {
  format: 'ndjson';
  /**
   * What a line that is not valid JSON does: `'error'` ends the stream with an `invalid-json`
   * FrameError (offset = the line's first byte, `details.line` = its 1-based line number, `cause`
   * = the SyntaxError), after every earlier value was delivered. `'deliver'` puts that same
   * FrameError into the output in the value's place and goes on: the consumer checks
   * `item instanceof FrameError`. Never a silent skip. Decoding only.
   *
   *   invalidLine: 'deliver'
   *   +-----+----+------+----+-----+----+
   *   |  1  | \n | nope | \n |  2  | \n |   ->  1, FrameError(invalid-json, offset 2, line 2), 2
   *   +-----+----+------+----+-----+----+
   *
   * @defaultValue 'error'
   */
  invalidLine?: 'error' | 'deliver';
  /**
   * Passed to `JSON.parse` for every line. Decoding only.
   *
   * @defaultValue undefined
   */
  reviver?: (this: unknown, key: string, value: unknown) => unknown;
}

/** Whether a line holds only JSON whitespace that a blank line may have (space, tab, '\r'). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** The decoding side, as the engine sees it. Values are whatever `JSON.parse` returns. */
export function ndjsonFormat(o: NdjsonOptions): FormatDef<unknown> {
  const p = resolveDelimited('ndjson', { ...o, delimiter: '\n', stripCR: true, keepDelimiter: false });
  const invalidLine = o.invalidLine ?? 'error';
  if (invalidLine !== 'error' && invalidLine !== 'deliver') throw new RangeError(`ndjson: invalidLine must be 'error' or 'deliver', got ${String(invalidLine)}`);
  const reviver = o.reviver;
  if (reviver !== undefined && typeof reviver !== 'function') throw new RangeError('ndjson: reviver must be a function');
  return {
    name: 'ndjson',
    ...delimitedScanner(p),
    payload: 'transient',
    needsHead: false,
    createSink() {
      const text = new LineText('ndjson', p);
      let line = 0; // every record is one line, in order, so this is the 1-based line number
      const where = () => ({ line });
      const take = (rec: RecordView, s: string, out: unknown[]): void => {
        let value: unknown;
        try {
          value = reviver === undefined ? JSON.parse(s) : JSON.parse(s, reviver);
        } catch (e) {
          if (isBlank(s)) return;
          const err = new FrameError(FrameErrorCode.InvalidJson, `line ${line} is not valid JSON: ${(e as Error).message}`,
            { offset: rec.offset, format: 'ndjson', cause: e, details: { line } });
          if (invalidLine === 'error') throw err;
          out.push(err);
          return;
        }
        out.push(value);
      };
      return {
        batch: (span) => text.batch(span),
        frameInBatch(rec, start, end, out) {
          line++;
          if (end > start) take(rec, text.decodeAt(rec, start, end, where), out);
        },
        frame(rec, payload, out) {
          line++;
          if (payload.length > 0) take(rec, text.decodeBytes(rec, payload, where), out);
        },
      };
    },
  };
}

/**
 * Encodes one value as `JSON.stringify(value) + '\n'` (JSON text never holds a raw newline).
 * Refuses what JSON cannot hold at the top level (`undefined`, a function, a symbol) and what
 * `JSON.stringify` throws on (a BigInt, a cycle).
 */
export function createNdjsonEncoder(o: NdjsonOptions): (value: unknown) => Uint8Array {
  const p = resolveDelimited('ndjson', o);
  const enc = new TextEncoder();
  const fail = (why: string, cause?: unknown): never => {
    throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: 'ndjson', cause });
  };
  return (value) => {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch (e) {
      return fail(`JSON.stringify failed: ${(e as Error).message}`, e);
    }
    if (json === undefined) return fail(`${typeof value} has no JSON form`);
    const out = enc.encode(json + '\n');
    if (out.length - 1 > p.maxLine) fail(`line of ${out.length - 1} bytes is longer than maxLineLength (${p.maxLine})`);
    return out;
  };
}
