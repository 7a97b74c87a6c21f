/**
 * Lines and NDJSON vectors. Wire bytes are hex (`tx()` writes text as UTF-8 hex, so invalid
 * UTF-8 can be spliced in as raw hex). Each diagram in src/formats/lines.ts and
 * src/formats/ndjson.ts is one of these.
 */
import type { LinesOptions, NdjsonOptions } from '../../src/index.ts';
import { toHex } from '../support/hex.ts';

/** Text as UTF-8 hex. */
export const tx = (s: string): string => toHex(new TextEncoder().encode(s));

export type LinesVectorOptions = Omit<LinesOptions, 'format'>;
export type NdjsonVectorOptions = Omit<NdjsonOptions, 'format'>;

export interface GoodVector<O, F> {
  name: string;
  options: O;
  bytes: string;
  /** Strings for text output; hex for `output: 'bytes'`; JSON values for NDJSON. */
  frames: F[];
}

export interface BadVector<O, F> {
  name: string;
  options: O;
  bytes: string;
  code: string;
  offset: number;
  framesBefore: F[];
  /** Extra facts the error must carry (NDJSON's line number). */
  details?: Record<string, unknown>;
}

const EURO = 'e282ac'; // '€', 3 bytes
const BOM = 'efbbbf';
const many = Array.from({ length: 3000 }, (_, i) => `line ${i}`);

export const linesGood: GoodVector<LinesVectorOptions, string>[] = [
  // Module diagram
  { name: 'defaults: CRLF and LF, an empty line, unterminated last line delivered', options: {}, bytes: tx('one\r\ntwo\n\nx'), frames: ['one', 'two', '', 'x'] },
  { name: 'terminal delimiter: no empty line after it', options: {}, bytes: tx('a\nb\n'), frames: ['a', 'b'] },
  { name: 'empty stream', options: {}, bytes: '', frames: [] },
  { name: 'a lone delimiter is one empty line', options: {}, bytes: tx('\n'), frames: [''] },
  { name: 'empty lines only', options: {}, bytes: tx('\n\r\n\n'), frames: ['', '', ''] },
  { name: 'stripCR false keeps the CR', options: { stripCR: false }, bytes: tx('a\r\nb\r'), frames: ['a\r', 'b\r'] },
  { name: 'a CR not before LF stays', options: {}, bytes: tx('a\rb\n\r\r\n'), frames: ['a\rb', '\r'] },
  { name: 'a CR right before the end of the stream is stripped', options: {}, bytes: tx('a\nb\r'), frames: ['a', 'b'] },
  { name: 'a lone CR at the end is an empty last line', options: {}, bytes: tx('a\n\r'), frames: ['a', ''] },
  // keepDelimiter diagram
  { name: 'keepDelimiter', options: { keepDelimiter: true }, bytes: tx('one\r\ntwo\n'), frames: ['one\r\n', 'two\n'] },
  { name: 'keepDelimiter, unterminated last line as it is', options: { keepDelimiter: true }, bytes: tx('one\nx\r'), frames: ['one\n', 'x\r'] },
  { name: 'NUL delimiter', options: { delimiter: '\0' }, bytes: tx('a\0b\0\0c'), frames: ['a', 'b', '', 'c'] },
  { name: 'stripCR applies only to the LF delimiter', options: { delimiter: '\0' }, bytes: tx('a\r\0b\r'), frames: ['a\r', 'b\r'] },
  // delimiter diagram
  { name: 'CRLFCRLF delimiter', options: { delimiter: '\r\n\r\n' }, bytes: tx('a\r\n\r\nb\r\n\r\n'), frames: ['a', 'b'] },
  { name: 'CRLFCRLF delimiter, partial matches inside lines', options: { delimiter: '\r\n\r\n' }, bytes: tx('a\r\n\r b\r\nc\r\n\r\n\r\n\r\n\r\n'), frames: ['a\r\n\r b\r\nc', '', '\r\n'] },
  { name: 'delimiter whose prefix repeats (aab in xaaab)', options: { delimiter: 'aab' }, bytes: tx('xaaabyaab'), frames: ['xa', 'y'] },
  { name: 'delimiter as bytes', options: { delimiter: new Uint8Array([0xff, 0xfe]) }, bytes: tx('a') + 'fffe' + tx('b') + 'fffe', frames: ['a', 'b'] },
  { name: 'multi-byte keepDelimiter', options: { delimiter: '||', keepDelimiter: true }, bytes: tx('a||b|'), frames: ['a||', 'b|'] },
  // Text
  { name: 'BOM at the start is stripped', options: {}, bytes: BOM + tx('hi\nthere'), frames: ['hi', 'there'] },
  { name: 'BOM after the start stays', options: {}, bytes: tx('a\n') + BOM + tx('b'), frames: ['a', '\ufeffb'] },
  { name: 'BOM alone on the first line', options: {}, bytes: BOM + tx('\nb'), frames: ['', 'b'] },
  { name: 'multi-byte UTF-8', options: {}, bytes: tx('x€y\n€\n😀'), frames: ['x€y', '€', '😀'] },
  { name: 'non-ASCII lines with CRLF, a CR kept inside a line', options: {}, bytes: tx('é\r\nx€\r\r\n\r\n😀\r'), frames: ['é', 'x€\r', '', '😀'] },
  { name: 'non-ASCII lines, keepDelimiter', options: { keepDelimiter: true }, bytes: tx('é\r\nx€\n😀'), frames: ['é\r\n', 'x€\n', '😀'] },
  { name: 'non-ASCII lines, stripCR false', options: { stripCR: false }, bytes: tx('é\r\nx€\r'), frames: ['é\r', 'x€\r'] },
  { name: 'non-ASCII delimiter', options: { delimiter: '€' }, bytes: tx('a€é€€😀'), frames: ['a', 'é', '', '😀'] },
  { name: 'invalid UTF-8 becomes U+FFFD by default', options: {}, bytes: tx('a') + 'ff' + tx('b\n') + 'e282' + tx('\n'), frames: ['a\ufffdb', '\ufffd'] },
  { name: 'fatal: valid UTF-8 decodes', options: { fatal: true }, bytes: BOM + EURO + tx('\n'), frames: ['€'] },
  // Bytes (frames in hex)
  { name: 'output bytes keeps the BOM and invalid UTF-8', options: { output: 'bytes' }, bytes: BOM + tx('a\r\n') + 'ff' + tx('\n'), frames: [BOM + tx('a'), 'ff'] },
  { name: 'output bytes, keepDelimiter', options: { output: 'bytes', keepDelimiter: true }, bytes: tx('a\r\nb'), frames: [tx('a\r\n'), tx('b')] },
  // maxLineLength
  { name: 'a line exactly maxLineLength long', options: { maxLineLength: 4 }, bytes: tx('abcd\nab\n'), frames: ['abcd', 'ab'] },
  { name: 'maxLineLength does not count a stripped CR', options: { maxLineLength: 4 }, bytes: tx('abcd\r\nabcd\r'), frames: ['abcd', 'abcd'] },
  { name: 'maxLineLength does not count the delimiter', options: { maxLineLength: 2, delimiter: '\r\n\r\n' }, bytes: tx('ab\r\n\r\nab'), frames: ['ab', 'ab'] },
  { name: 'maxLineLength does not count a kept delimiter', options: { maxLineLength: 2, keepDelimiter: true }, bytes: tx('ab\r\n'), frames: ['ab\r\n'] },
  { name: 'an unterminated last line exactly maxLineLength long', options: { maxLineLength: 4 }, bytes: tx('a\nabcd'), frames: ['a', 'abcd'] },
  { name: 'maxLineLength 0 allows empty lines', options: { maxLineLength: 0 }, bytes: tx('\n\r\n'), frames: ['', ''] },
  { name: 'unterminatedLastLine error, clean end', options: { unterminatedLastLine: 'error' }, bytes: tx('a\n\n'), frames: ['a', ''] },
  // Sizes around the engine's 64 KiB window and record table
  { name: 'a line longer than one 64 KiB window', options: {}, bytes: tx('a'.repeat(70000) + '\nb'), frames: ['a'.repeat(70000), 'b'] },
  { name: '3000 lines (more than one record table)', options: {}, bytes: tx(many.join('\n') + '\n'), frames: many },
];

export const linesBad: BadVector<LinesVectorOptions, string>[] = [
  { name: 'a line one byte longer than maxLineLength', options: { maxLineLength: 4 }, bytes: tx('ab\nabcde\nx'), code: 'frame-too-large', offset: 3, framesBefore: ['ab'] },
  { name: 'a CRLF line one byte longer than maxLineLength', options: { maxLineLength: 4 }, bytes: tx('abcde\r\n'), code: 'frame-too-large', offset: 0, framesBefore: [] },
  { name: 'an unterminated last line one byte longer than maxLineLength', options: { maxLineLength: 4 }, bytes: tx('a\nabcde'), code: 'frame-too-large', offset: 2, framesBefore: ['a'] },
  { name: 'a long line without a delimiter fails before the stream ends', options: { maxLineLength: 10 }, bytes: tx('ok\n' + 'x'.repeat(100000)), code: 'frame-too-large', offset: 3, framesBefore: ['ok'] },
  { name: 'too long with a multi-byte delimiter', options: { maxLineLength: 3, delimiter: '\r\n\r\n' }, bytes: tx('abc\r\n\r\nabcd\r\n\r\n'), code: 'frame-too-large', offset: 7, framesBefore: ['abc'] },
  // unterminatedLastLine diagram
  { name: 'unterminatedLastLine error', options: { unterminatedLastLine: 'error' }, bytes: tx('one\ntwo'), code: 'truncated', offset: 4, framesBefore: ['one'] },
  { name: 'unterminatedLastLine error, a lone CR', options: { unterminatedLastLine: 'error' }, bytes: tx('one\n\r'), code: 'truncated', offset: 4, framesBefore: ['one'] },
  { name: 'fatal: invalid UTF-8', options: { fatal: true }, bytes: tx('ok\na') + 'ff' + tx('b\nc\n'), code: 'invalid-utf8', offset: 3, framesBefore: ['ok'] },
  { name: 'fatal: a truncated 3-byte sequence', options: { fatal: true }, bytes: tx('ok\n') + 'e282' + tx('\n'), code: 'invalid-utf8', offset: 3, framesBefore: ['ok'] },
  { name: 'fatal: a UTF-8 sequence cut by the delimiter', options: { fatal: true }, bytes: 'e2' + tx('\n') + '82ac' + tx('\n'), code: 'invalid-utf8', offset: 0, framesBefore: [] },
];

export const ndjsonGood: GoodVector<NdjsonVectorOptions, unknown>[] = [
  // Module diagram
  { name: 'values, a CRLF blank line, unterminated last line', options: {}, bytes: tx('{"a":1}\n\r\n[2,3]'), frames: [{ a: 1 }, [2, 3]] },
  { name: 'CRLF line ends', options: {}, bytes: tx('{"a":1}\r\n{"b":2}\r\n'), frames: [{ a: 1 }, { b: 2 }] },
  { name: 'blank lines of spaces, tabs and CRs are skipped', options: {}, bytes: tx('\n\n  \n\t\r\r\n1\n \n'), frames: [1] },
  { name: 'a lone CR at the end is skipped', options: {}, bytes: tx('1\n\r'), frames: [1] },
  { name: 'every JSON type, null included', options: {}, bytes: tx('1\n"s"\ntrue\nnull\n-2.5e3\n{}\n[]\n'), frames: [1, 's', true, null, -2500, {}, []] },
  { name: 'whitespace around a value', options: {}, bytes: tx(' {"a" : 1} \t\n'), frames: [{ a: 1 }] },
  { name: 'BOM at the start is stripped', options: {}, bytes: BOM + tx('{"x":"é€"}\n'), frames: [{ x: 'é€' }] },
  { name: 'escaped newline inside a string', options: {}, bytes: tx('"a\\nb"\n'), frames: ['a\nb'] },
  { name: 'empty stream', options: {}, bytes: '', frames: [] },
  { name: 'a value exactly maxLineLength long', options: { maxLineLength: 7 }, bytes: tx('[1,2,3]\r\n'), frames: [[1, 2, 3]] },
  { name: 'replacement character by default', options: {}, bytes: tx('"') + 'ff' + tx('"\n'), frames: ['\ufffd'] },
];

export const ndjsonBad: BadVector<NdjsonVectorOptions, unknown>[] = [
  { name: 'a line that is not JSON, after earlier values', options: {}, bytes: tx('1\n2\nnope\n3\n'), code: 'invalid-json', offset: 4, framesBefore: [1, 2], details: { line: 3 } },
  { name: 'blank lines count in the line number', options: {}, bytes: tx('1\n\r\n\n{\n'), code: 'invalid-json', offset: 5, framesBefore: [1], details: { line: 4 } },
  { name: 'two values on one line', options: {}, bytes: tx('{"a":1}{"b":2}\n'), code: 'invalid-json', offset: 0, framesBefore: [], details: { line: 1 } },
  { name: 'a value cut off by the end of the stream', options: {}, bytes: tx('1\n{"a":'), code: 'invalid-json', offset: 2, framesBefore: [1], details: { line: 2 } },
  { name: 'unterminatedLastLine error', options: { unterminatedLastLine: 'error' }, bytes: tx('1\n2'), code: 'truncated', offset: 2, framesBefore: [1] },
  { name: 'a value one byte longer than maxLineLength', options: { maxLineLength: 7 }, bytes: tx('1\n[1,2,3,4]\n'), code: 'frame-too-large', offset: 2, framesBefore: [1] },
  { name: 'fatal: invalid UTF-8 in a string', options: { fatal: true }, bytes: tx('1\n"') + 'ff' + tx('"\n'), code: 'invalid-utf8', offset: 2, framesBefore: [1], details: { line: 2 } },
];
