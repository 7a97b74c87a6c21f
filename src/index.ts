export { FrameStream, type FrameStreamStrategies } from './frame_stream.ts';
export { createDecoder, type Decoder } from './create_decoder.ts';
export { encodeFrame, FrameEncoderStream } from './encode.ts';
export { FrameError, FrameErrorCode } from './errors.ts';
export type { CommonOptions } from './options.ts';
export type { FormatName, FormatOptions, FrameOf, ValueOf } from './formats/registry.ts';
export type { LengthPrefixedOptions } from './formats/length_prefixed.ts';
export type {
  NatsOptions, NatsOp, NatsOpInput, NatsHeaders, NatsHeaderInput, NatsInfoOp, NatsConnectOp, NatsMsgOp, NatsHmsgOp,
  NatsPubOp, NatsHpubOp, NatsSubOp, NatsUnsubOp, NatsPingOp, NatsPongOp, NatsOkOp, NatsErrOp,
} from './formats/nats.ts';
export { encodeNatsOp, parseNatsHeaders, formatNatsHeaders } from './formats/nats.ts';
