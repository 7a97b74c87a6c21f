export { FrameStream, type FrameStreamStrategies } from './frame_stream.ts';
export { createDecoder, type Decoder } from './create_decoder.ts';
export { encodeFrame, FrameEncoderStream } from './encode.ts';
export { FrameError, FrameErrorCode } from './errors.ts';
export type { ByteChunk, CommonOptions } from './options.ts';
export type { FormatName, FormatOptions, FrameOf, ValueOf } from './formats/registry.ts';
export type { LengthPrefixedOptions } from './formats/length_prefixed.ts';
export type {
  NatsOptions, NatsOp, NatsOpInput, NatsHeaders, NatsHeaderInput, NatsInfoOp, NatsConnectOp, NatsMsgOp, NatsHmsgOp,
  NatsPubOp, NatsHpubOp, NatsSubOp, NatsUnsubOp, NatsPingOp, NatsPongOp, NatsOkOp, NatsErrOp,
} from './formats/nats.ts';
export { encodeNatsOp, parseNatsHeaders, formatNatsHeaders } from './formats/nats.ts';
export {
  isValidSubject, subjectMatches, parseDynamoSubject, parseDynamoQuery, dynamoSubjectMatcher, findDynamoInstances,
  dynamoServiceNameA, dynamoServiceNameB, dynamoServiceHash, dynamoNamespaceComponentSplits,
  type DynamoSubject, type DynamoQuery,
} from './formats/nats_subject.ts';
export {
  decodeStatsResponse, decodeForwardPassMetrics, dynamoEndpoints, findDynamoEndpoints, NatsStatsError,
  type ServiceStats, type EndpointStats, type ForwardPassMetrics, type ForwardPassMetricsV0, type ForwardPassMetricsV1,
  type ForwardPassMetricsV2, type ForwardPassMetricsV3, type DynamoEndpoint,
} from './formats/nats_stats.ts';
