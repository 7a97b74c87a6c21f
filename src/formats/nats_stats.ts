/**
 * Typed decoding of NATS micro-service `$SRV.STATS` replies (`io.nats.micro.v1.stats_response`,
 * as async-nats and nats.js write them) and of ai-dynamo's `ForwardPassMetrics` carried in an
 * endpoint's `data`, in each schema generation (test/fixtures/nats/README.md#dynamo-stats).
 *
 * @module
 */
import { findDynamoInstances, parseDynamoSubject, type DynamoQuery, type DynamoSubject } from './nats_subject.ts';

/** A reply that is not what it claims to be; `path` names the offending field. */
export class NatsStatsError extends TypeError {
  override readonly name = 'NatsStatsError';
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

export interface EndpointStats {
  /** async-nats: the subject with `.` replaced by `-`; nats.js: the endpoint name. */
  name: string;
  subject: string;
  /** Absent in nats.js replies of older versions. */
  queue_group: string | null;
  num_requests: number;
  num_errors: number;
  /** Nanoseconds. */
  processing_time: number;
  /** Nanoseconds. */
  average_processing_time: number;
  /** `""` or `"<code>:<description>"`; nats.js omits the key until an error happened (then `""` here). */
  last_error: string;
  /** What the service's stats handler returned for this endpoint; `undefined` when the key is absent. */
  data: unknown;
}

export interface ServiceStats {
  type: 'io.nats.micro.v1.stats_response';
  name: string;
  id: string;
  version: string;
  /** RFC 3339 as sent (async-nats: nanoseconds, trailing zeros trimmed; nats.js: milliseconds). */
  started: string;
  metadata: Record<string, string> | null;
  endpoints: EndpointStats[];
}

function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new NatsStatsError(path, `expected an object, got ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`);
  return v as Record<string, unknown>;
}
function str(o: Record<string, unknown>, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new NatsStatsError(`${path}.${k}`, `expected a string, got ${JSON.stringify(v)}`);
  return v;
}
function num(o: Record<string, unknown>, k: string, path: string, integer = true): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < 0) {
    throw new NatsStatsError(`${path}.${k}`, `expected a ${integer ? 'non-negative integer' : 'non-negative number'}, got ${JSON.stringify(v)}`);
  }
  return v;
}
function optNum(o: Record<string, unknown>, k: string, path: string, integer = true): number | null {
  return o[k] === undefined || o[k] === null ? null : num(o, k, path, integer);
}

const utf8 = new TextDecoder();

/** Decodes one `$SRV.STATS` reply payload (bytes, JSON text or an already parsed value). */
export function decodeStatsResponse(reply: Uint8Array | string | unknown): ServiceStats {
  let v: unknown = reply;
  if (reply instanceof Uint8Array) v = utf8.decode(reply);
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new NatsStatsError('$', `not JSON: ${(e as Error).message}`);
    }
  }
  const o = obj(v, '$');
  if (o.type !== 'io.nats.micro.v1.stats_response') throw new NatsStatsError('$.type', `expected "io.nats.micro.v1.stats_response", got ${JSON.stringify(o.type)}`);
  if (!Array.isArray(o.endpoints)) throw new NatsStatsError('$.endpoints', 'expected an array');
  const endpoints = o.endpoints.map((e, i): EndpointStats => {
    const path = `$.endpoints[${i}]`;
    const eo = obj(e, path);
    return {
      name: str(eo, 'name', path),
      subject: str(eo, 'subject', path),
      queue_group: eo.queue_group === undefined ? null : str(eo, 'queue_group', path),
      num_requests: num(eo, 'num_requests', path),
      num_errors: num(eo, 'num_errors', path),
      processing_time: num(eo, 'processing_time', path),
      average_processing_time: num(eo, 'average_processing_time', path),
      last_error: eo.last_error === undefined ? '' : str(eo, 'last_error', path),
      data: eo.data,
    };
  });
  let metadata: Record<string, string> | null = null;
  if (o.metadata !== undefined && o.metadata !== null) {
    const m = obj(o.metadata, '$.metadata');
    metadata = {};
    for (const k of Object.keys(m)) metadata[k] = str(m, k, '$.metadata');
  }
  return {
    type: 'io.nats.micro.v1.stats_response',
    name: str(o, 'name', '$'), id: str(o, 'id', '$'), version: str(o, 'version', '$'), started: str(o, 'started', '$'),
    metadata, endpoints,
  };
}

// ---------------------------------------------------------------------------------------------
// ForwardPassMetrics (lib/llm/src/kv_router/protocols.rs), by generation

/** triton_distributed, March 2025. */
export interface ForwardPassMetricsV0 {
  request_active_slots: number;
  request_total_slots: number;
  kv_active_blocks: number;
  kv_total_blocks: number;
}
/** dynamo spring 2025 (the time of issue ai-dynamo/dynamo#538). */
export interface ForwardPassMetricsV1 extends ForwardPassMetricsV0 {
  num_requests_waiting: number;
  /** 0..1 */
  gpu_cache_usage_perc: number;
  /** 0..1 */
  gpu_prefix_cache_hit_rate: number;
}
/** later 2025: adds the data-parallel rank (`Option<u32>`). */
export interface ForwardPassMetricsV2 extends ForwardPassMetricsV1 {
  data_parallel_rank: number | null;
}
/** From ai-dynamo/dynamo#1549 (July 2025): nested. */
export interface ForwardPassMetricsV3 {
  worker_stats: { data_parallel_rank: number | null; request_active_slots: number; request_total_slots: number; num_requests_waiting: number };
  kv_stats: { kv_active_blocks: number; kv_total_blocks: number; gpu_cache_usage_perc: number; gpu_prefix_cache_hit_rate: number };
  spec_decode_stats: {
    num_spec_tokens: number | null; num_drafts: number | null; num_draft_tokens: number | null;
    num_accepted_tokens: number | null; num_accepted_tokens_per_pos: number[] | null;
  } | null;
}

export type ForwardPassMetrics =
  | { schema: 'flat-4'; metrics: ForwardPassMetricsV0 }
  | { schema: 'flat-7'; metrics: ForwardPassMetricsV1 }
  | { schema: 'flat-8'; metrics: ForwardPassMetricsV2 }
  | { schema: 'nested'; metrics: ForwardPassMetricsV3 };

/**
 * Decodes an endpoint's `data` as ForwardPassMetrics, recognizing the generation by its keys.
 * Returns null when `data` is null or absent (an endpoint without a stats handler, which dynamo
 * skips); throws a NatsStatsError when it is something else that is not ForwardPassMetrics.
 */
export function decodeForwardPassMetrics(data: unknown, path = 'data'): ForwardPassMetrics | null {
  if (data === null || data === undefined) return null;
  const o = obj(data, path);
  if ('worker_stats' in o || 'kv_stats' in o) {
    const w = obj(o.worker_stats, `${path}.worker_stats`);
    const k = obj(o.kv_stats, `${path}.kv_stats`);
    const wp = `${path}.worker_stats`;
    const kp = `${path}.kv_stats`;
    let spec: ForwardPassMetricsV3['spec_decode_stats'] = null;
    if (o.spec_decode_stats !== null && o.spec_decode_stats !== undefined) {
      const sp = `${path}.spec_decode_stats`;
      const s = obj(o.spec_decode_stats, sp);
      const perPos = s.num_accepted_tokens_per_pos;
      if (perPos !== null && perPos !== undefined && !(Array.isArray(perPos) && perPos.every((x) => Number.isInteger(x) && x >= 0))) {
        throw new NatsStatsError(`${sp}.num_accepted_tokens_per_pos`, 'expected an array of non-negative integers or null');
      }
      spec = {
        num_spec_tokens: optNum(s, 'num_spec_tokens', sp), num_drafts: optNum(s, 'num_drafts', sp),
        num_draft_tokens: optNum(s, 'num_draft_tokens', sp), num_accepted_tokens: optNum(s, 'num_accepted_tokens', sp),
        num_accepted_tokens_per_pos: (perPos as number[] | null | undefined) ?? null,
      };
    }
    return {
      schema: 'nested',
      metrics: {
        worker_stats: {
          data_parallel_rank: optNum(w, 'data_parallel_rank', wp), request_active_slots: num(w, 'request_active_slots', wp),
          request_total_slots: num(w, 'request_total_slots', wp), num_requests_waiting: num(w, 'num_requests_waiting', wp),
        },
        kv_stats: {
          kv_active_blocks: num(k, 'kv_active_blocks', kp), kv_total_blocks: num(k, 'kv_total_blocks', kp),
          gpu_cache_usage_perc: num(k, 'gpu_cache_usage_perc', kp, false), gpu_prefix_cache_hit_rate: num(k, 'gpu_prefix_cache_hit_rate', kp, false),
        },
        spec_decode_stats: spec,
      },
    };
  }
  const v0: ForwardPassMetricsV0 = {
    request_active_slots: num(o, 'request_active_slots', path), request_total_slots: num(o, 'request_total_slots', path),
    kv_active_blocks: num(o, 'kv_active_blocks', path), kv_total_blocks: num(o, 'kv_total_blocks', path),
  };
  if (!('num_requests_waiting' in o) && !('gpu_cache_usage_perc' in o)) return { schema: 'flat-4', metrics: v0 };
  const v1: ForwardPassMetricsV1 = {
    ...v0, num_requests_waiting: num(o, 'num_requests_waiting', path),
    gpu_cache_usage_perc: num(o, 'gpu_cache_usage_perc', path, false), gpu_prefix_cache_hit_rate: num(o, 'gpu_prefix_cache_hit_rate', path, false),
  };
  if (!('data_parallel_rank' in o)) return { schema: 'flat-7', metrics: v1 };
  return { schema: 'flat-8', metrics: { ...v1, data_parallel_rank: optNum(o, 'data_parallel_rank', path) } };
}

// ---------------------------------------------------------------------------------------------
// What dynamo's metrics tool extracts

export interface DynamoEndpoint {
  serviceName: string;
  /** The replying service instance's id (`id` of the stats reply). */
  serviceInstanceId: string;
  endpointName: string;
  subject: string;
  parse: DynamoSubject | null;
  /** `worker-<lease id in decimal>`, as dynamo's metrics name it; null for a static endpoint. */
  workerName: string | null;
  stats: EndpointStats;
  /** The decoded `data`, or null (no data); `error` says why it did not decode, if it did not. */
  forwardPassMetrics: ForwardPassMetrics | null;
  error: NatsStatsError | null;
}

/** Flattens stats replies into endpoints with their subject parse and decoded metrics. */
export function dynamoEndpoints(replies: Iterable<ServiceStats>): DynamoEndpoint[] {
  const out: DynamoEndpoint[] = [];
  for (const r of replies) {
    r.endpoints.forEach((e, i) => {
      const parse = parseDynamoSubject(e.subject);
      let forwardPassMetrics: ForwardPassMetrics | null = null;
      let error: NatsStatsError | null = null;
      try {
        forwardPassMetrics = decodeForwardPassMetrics(e.data, `$.endpoints[${i}].data`);
      } catch (err) {
        if (!(err instanceof NatsStatsError)) throw err;
        error = err;
      }
      out.push({
        serviceName: r.name, serviceInstanceId: r.id, endpointName: e.name, subject: e.subject, parse,
        workerName: parse && parse.instanceId !== null ? `worker-${String(parse.instanceId)}` : null,
        stats: e, forwardPassMetrics, error,
      });
    });
  }
  return out;
}

/** The endpoints of the replies that are instances of the query (dynamo/my_component/my_endpoint, ...). */
export function findDynamoEndpoints(query: string | DynamoQuery, replies: Iterable<ServiceStats>): DynamoEndpoint[] {
  const all = dynamoEndpoints(replies);
  const hits = new Set(findDynamoInstances(query, all.map((e) => e.subject)));
  return all.filter((e) => hits.has(e.subject));
}
