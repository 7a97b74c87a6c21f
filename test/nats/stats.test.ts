import { describe, expect, it } from 'vitest';
import {
  decodeForwardPassMetrics, decodeStatsResponse, dynamoEndpoints, findDynamoEndpoints, NatsStatsError, type NatsOp, type ServiceStats,
} from '../../src/index.ts';
import { ENGINES } from '../support/engines.ts';
import { fixtureBytes, fixtureJson } from '../support/nats_fixtures.ts';
import { decodeChunks } from '../support/run.ts';
import { oneByte, whole } from '../support/chunkings.ts';

const examples = fixtureJson('dynamo-stats.examples.json');
const utf8 = new TextDecoder();

/** The stats replies in a capture's server→client stream, decoded by framestream. */
function statsReplies(capture: string, engine: 'wasm' | 'js', chunked: (b: Uint8Array) => Uint8Array[]): ServiceStats[] {
  const r = decodeChunks({ format: 'nats', role: 'client', engine }, chunked(fixtureBytes(`${capture}.server.bin`)));
  expect(r.error).toBeUndefined();
  return (r.frames as NatsOp[])
    .filter((o): o is Extract<NatsOp, { op: 'MSG' }> => o.op === 'MSG' && utf8.decode(o.payload).includes('"io.nats.micro.v1.stats_response"'))
    .map((m) => decodeStatsResponse(m.payload));
}

describe.each(ENGINES)('dynamo-stats capture, %s engine', (engine) => {
  it.each([whole, oneByte].map((c) => [c.name, c] as const))('replies decode to dynamo-stats.examples.json (chunking %s)', (_n, c) => {
    const replies = statsReplies('dynamo-stats', engine, c.cut);
    expect(replies.map(({ metadata: _m, ...r }) => r)).toEqual(examples.replies);
    const eps = dynamoEndpoints(replies);
    expect(eps.map((e) => ({
      service_name: e.serviceName, service_instance_id: e.serviceInstanceId, endpoint_name: e.endpointName, subject: e.subject,
      parse: e.parse && { service: e.parse.service, endpoint: e.parse.endpoint, instance_hex: e.parse.instanceHex, instance_id: String(e.parse.instanceId), service_hash: e.parse.serviceHash },
      worker_name_in_metrics: e.workerName,
      stats_with_data: { num_requests: e.stats.num_requests, num_errors: e.stats.num_errors, processing_time: e.stats.processing_time, average_processing_time: e.stats.average_processing_time, last_error: e.stats.last_error, data: e.stats.data, queue_group: e.stats.queue_group },
      forward_pass_metrics: e.forwardPassMetrics?.metrics ?? null,
    }))).toEqual(examples.endpoints);
    expect(eps.map((e) => e.forwardPassMetrics?.schema ?? null)).toEqual(['flat-7', 'flat-7', null]);
    // The issue's query finds both workers' my_endpoint, and not clear_kv_blocks.
    expect(findDynamoEndpoints('dynamo/my_component/my_endpoint', replies).map((e) => e.workerName)).toEqual(['worker-7587888657184927289', 'worker-7587888657184927323']);
    // The path-prefix test the warning was about finds nothing.
    expect(eps.filter((e) => e.subject.startsWith('dynamo/my_component/my_endpoint'))).toEqual([]);
  });
});

describe('micro-service capture (nats.js service framework)', () => {
  it('its $SRV.STATS reply decodes (no last_error key until an error; millisecond started)', () => {
    const [reply] = statsReplies('micro-service', 'js', (b) => [b]);
    expect(reply!.name).toBe('dynamo_my_component_5e37f4fe');
    expect(reply!.started).toBe('2026-11-23T08:52:04.336Z');
    expect(reply!.endpoints[0]!.last_error).toBe('');
    const [ep] = findDynamoEndpoints('dynamo/my_component/my_endpoint', [reply!]);
    expect(ep!.forwardPassMetrics).toEqual({ schema: 'flat-7', metrics: examples.endpoints[0].forward_pass_metrics });
  });
});

describe('ForwardPassMetrics generations', () => {
  const v0 = { request_active_slots: 1, request_total_slots: 8, kv_active_blocks: 5, kv_total_blocks: 64 };
  const v1 = { ...v0, num_requests_waiting: 2, gpu_cache_usage_perc: 0.5, gpu_prefix_cache_hit_rate: 0.1 };
  const nested = {
    worker_stats: { data_parallel_rank: 1, request_active_slots: 1, request_total_slots: 8, num_requests_waiting: 0 },
    kv_stats: { kv_active_blocks: 5, kv_total_blocks: 64, gpu_cache_usage_perc: 0.08, gpu_prefix_cache_hit_rate: 0 },
    spec_decode_stats: { num_spec_tokens: 3, num_drafts: 10, num_draft_tokens: 30, num_accepted_tokens: 21, num_accepted_tokens_per_pos: [9, 7, 5] },
  };
  it.each([
    ['triton_distributed 2025-03', v0, 'flat-4'],
    ['dynamo spring 2025', v1, 'flat-7'],
    ['later 2025, dp rank null', { ...v1, data_parallel_rank: null }, 'flat-8'],
    ['later 2025, dp rank 2', { ...v1, data_parallel_rank: 2 }, 'flat-8'],
    ['July 2025 nested', nested, 'nested'],
    ['July 2025 nested, no spec decode', { ...nested, spec_decode_stats: null }, 'nested'],
  ] as const)('%s', (_n, data, schema) => {
    expect(decodeForwardPassMetrics(data)).toEqual({ schema, metrics: data });
  });
  it('null data is no metrics; anything else that is not ForwardPassMetrics is an error naming the field', () => {
    expect(decodeForwardPassMetrics(null)).toBeNull();
    expect(() => decodeForwardPassMetrics({ request_active_slots: 'x' })).toThrow(NatsStatsError);
    expect(() => decodeForwardPassMetrics({ ...v0, kv_total_blocks: -1 })).toThrow(/data\.kv_total_blocks/);
    expect(() => decodeForwardPassMetrics({ worker_stats: {}, kv_stats: {} })).toThrow(/worker_stats\.request_active_slots/);
  });
  it('rejects replies that are not stats responses', () => {
    expect(() => decodeStatsResponse('{"type":"io.nats.micro.v1.ping_response"}')).toThrow(/\$\.type/);
    expect(() => decodeStatsResponse('nope')).toThrow(/not JSON/);
    expect(() => decodeStatsResponse({ type: 'io.nats.micro.v1.stats_response', name: 'n', id: 'i', version: '1', started: 's', endpoints: [{ name: 'e' }] }))
      .toThrow(/\$\.endpoints\[0\]\.subject/);
  });
  it('an endpoint whose data does not decode is kept, with the reason', () => {
    const reply = decodeStatsResponse({ type: 'io.nats.micro.v1.stats_response', name: 'dynamo_backend', id: 'x', version: '0.0.1', started: 's',
      endpoints: [{ name: 'dynamo_backend-generate-2c', subject: 'dynamo_backend.generate-2c', num_requests: 0, num_errors: 0, processing_time: 0, average_processing_time: 0, last_error: '', data: { foo: 1 }, queue_group: 'q' }] });
    const [ep] = findDynamoEndpoints('dynamo/backend/generate', [reply]);
    expect(ep!.forwardPassMetrics).toBeNull();
    expect(ep!.error).toBeInstanceOf(NatsStatsError);
    expect(ep!.workerName).toBe('worker-44');
  });
});
