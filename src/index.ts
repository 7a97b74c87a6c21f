export { FrameStream, type FrameStreamStrategies } from './frame_stream.ts';
export { createDecoder, type Decoder } from './create_decoder.ts';
export { encodeFrame, FrameEncoderStream } from './encode.ts';
export { FrameError, FrameErrorCode } from './errors.ts';
export type { CommonOptions } from './options.ts';
export type { FormatName, FormatOptions, FrameOf, ValueOf } from './formats/registry.ts';
export type { LengthPrefixedOptions } from './formats/length_prefixed.ts';
export type { DelimitedOptions, LinesOptions } from './formats/lines.ts';
export type { NdjsonOptions } from './formats/ndjson.ts';
