/**
 * Every format, by the value of its `format` option. Adding a format: one entry in
 * `FormatTypes` (options type, frame type, encoder input type) and one in `FORMATS`.
 */
import type { CommonOptions } from '../options.ts';
import type { FormatDef } from './format.ts';
import { aimFormat, createAimEncoder, type AimRecord, type AimRecordInput, type AimRtOptions, type AimWebOptions } from './aim.ts';
import { createLengthPrefixedEncoder, lengthPrefixedFormat, type LengthPrefixedOptions } from './length_prefixed.ts';
import { createNatsEncoder, natsFormat, type NatsOp, type NatsOpInput, type NatsOptions } from './nats.ts';

import { createLinesEncoder, linesFormat, type LinesOptions } from './lines.ts';
import { createNdjsonEncoder, ndjsonFormat, type NdjsonOptions } from './ndjson.ts';

export interface FormatTypes {
  'length-prefixed': { options: LengthPrefixedOptions; frame: Uint8Array; value: Uint8Array };
  nats: { options: NatsOptions; frame: NatsOp; value: NatsOpInput };
  'aim-rt': { options: AimRtOptions; frame: AimRecord; value: AimRecordInput };
  'aim-web': { options: AimWebOptions; frame: AimRecord; value: AimRecordInput };
  /** Strings, or Uint8Arrays with `output: 'bytes'` (see FrameOf). */
  lines: { options: LinesOptions; frame: string; value: string | Uint8Array };
  /** JSON values; with `invalidLine: 'deliver'` also FrameErrors. */
  ndjson: { options: NdjsonOptions; frame: unknown; value: unknown };
}

export type FormatName = keyof FormatTypes;
/** Options of one format, plus the common ones. */
export type FormatOptions<F extends FormatName = FormatName> = FormatTypes[F]['options'] & CommonOptions;
/** What a decoder of these options yields. */
export type FrameOf<O> = O extends { format: 'lines'; output: 'bytes' } ? Uint8Array
  : O extends { format: 'lines'; output?: undefined | 'text' } ? string
  : O extends { format: 'lines' } ? string | Uint8Array
  : O extends { format: infer F extends FormatName } ? FormatTypes[F]['frame'] : never;
/** What an encoder of these options accepts. */
export type ValueOf<O> = O extends { format: infer F extends FormatName } ? FormatTypes[F]['value'] : never;

interface FormatEntry {
  decoder(options: any): FormatDef<any>;
  encoder(options: any): (value: any) => Uint8Array;
}

const FORMATS: Record<FormatName, FormatEntry> = {
  'length-prefixed': { decoder: lengthPrefixedFormat, encoder: createLengthPrefixedEncoder },
  nats: { decoder: natsFormat, encoder: createNatsEncoder },
  'aim-rt': { decoder: aimFormat, encoder: createAimEncoder },
  'aim-web': { decoder: aimFormat, encoder: createAimEncoder },
  lines: { decoder: linesFormat, encoder: createLinesEncoder },
  ndjson: { decoder: ndjsonFormat, encoder: createNdjsonEncoder },
};

export function formatEntry(options: { format?: unknown } | undefined): FormatEntry {
  const name = options?.format;
  const entry = typeof name === 'string' && Object.hasOwn(FORMATS, name) ? FORMATS[name as FormatName] : undefined;
  if (!entry) {
    throw new TypeError(`unknown format ${JSON.stringify(name)}; expected one of ${Object.keys(FORMATS).map((f) => `'${f}'`).join(', ')}`);
  }
  return entry;
}
