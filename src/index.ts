export { FrameBatchStream, FrameStream, type FrameStreamStrategies } from './frame_stream.ts';
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
export { AimRecord, type AimOptions, type AimRtOptions, type AimWebOptions, type AimRecordInput } from './formats/aim.ts';
export {
  AimFloat, AimTypeByte, decodePath, decodeValue, encodePath, encodeValue, valueType,
  type AimFlag, type AimKey, type AimPath, type AimScalar, type AimType, type AimValue,
} from './formats/aim_codec.ts';
export {
  AimBlob, AimCustomObject, AimTreeBuilder, AimTreeStream, decodeTree, encodeTree, flattenTree,
  type AimDict, type AimNode, type AimTreeEvent, type AimTreeOptions,
} from './formats/aim_tree.ts';
export type { DelimitedOptions, LinesOptions } from './formats/lines.ts';
export type { NdjsonOptions } from './formats/ndjson.ts';
