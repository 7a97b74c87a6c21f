/// <reference types="node" />
/**
 * The ai-dynamo scene of issue 8, end to end against a real nats-server:
 *
 * - stand-in workers (the official `nats` client's micro-services API) register services named
 *   the way dynamo names them (generation A `dynamo_my_component_5e37f4fe`, and a later
 *   generation-B worker `dynamo_my_component`), with endpoint instances `my_endpoint-<lease hex>`
 *   (one lease id above 2^53), a decoy endpoint `my_endpoint_v2-…`, and an unrelated component;
 *   their stats handlers answer with dynamo's ForwardPassMetrics;
 * - framestream, over a raw socket, sends one request through an inbox, then scrapes
 *   `$SRV.STATS` and finds the instances of `dynamo/my_component/my_endpoint`, which a prefix
 *   test on that path misses entirely ("No endpoints found matching …").
 */
import { connect, type NatsConnection } from 'nats';
import {
  decodeStatsResponse, dynamoEndpoints, dynamoServiceNameA, dynamoServiceNameB, findDynamoEndpoints,
  type DynamoEndpoint, type NatsOp, type ServiceStats,
} from '../index.ts';
import { startNatsServer, findNatsServer } from './nats_server.ts';
import { RawNatsClient } from './raw_nats_client.ts';

export const SCENE_QUERY = 'dynamo/my_component/my_endpoint';

interface Worker {
  namespace: string;
  component: string;
  generation: 'A' | 'B';
  endpoints: string[];
  lease: bigint;
  metrics: Record<string, number>;
}

const WORKERS: Worker[] = [
  { namespace: 'dynamo', component: 'my_component', generation: 'A', endpoints: ['my_endpoint', 'clear_kv_blocks'], lease: 0x694d988806b92e39n,
    metrics: { request_active_slots: 3, request_total_slots: 100, kv_active_blocks: 57, kv_total_blocks: 100, num_requests_waiting: 0, gpu_cache_usage_perc: 0.57, gpu_prefix_cache_hit_rate: 0.25 } },
  { namespace: 'dynamo', component: 'my_component', generation: 'A', endpoints: ['my_endpoint'], lease: 0x2cn,
    metrics: { request_active_slots: 0, request_total_slots: 100, kv_active_blocks: 0, kv_total_blocks: 100, num_requests_waiting: 1, gpu_cache_usage_perc: 0, gpu_prefix_cache_hit_rate: 0 } },
  { namespace: 'dynamo', component: 'my_component', generation: 'B', endpoints: ['my_endpoint'], lease: 0x1a2b3c4d5e6f7081n,
    metrics: { request_active_slots: 7, request_total_slots: 64, kv_active_blocks: 12, kv_total_blocks: 512, num_requests_waiting: 2, gpu_cache_usage_perc: 0.0234375, gpu_prefix_cache_hit_rate: 0.5 } },
  { namespace: 'dynamo', component: 'my_component', generation: 'A', endpoints: ['my_endpoint_v2'], lease: 0x3f2an,
    metrics: { request_active_slots: 1, request_total_slots: 8, kv_active_blocks: 1, kv_total_blocks: 8, num_requests_waiting: 0, gpu_cache_usage_perc: 0.125, gpu_prefix_cache_hit_rate: 0 } },
  { namespace: 'dynamo', component: 'backend', generation: 'A', endpoints: ['generate'], lease: 0x7587887298c21a04n,
    metrics: { request_active_slots: 2, request_total_slots: 16, kv_active_blocks: 4, kv_total_blocks: 32, num_requests_waiting: 0, gpu_cache_usage_perc: 0.125, gpu_prefix_cache_hit_rate: 0.75 } },
];

function serviceName(w: Worker): string {
  return w.generation === 'A' ? dynamoServiceNameA(w.namespace, w.component) : dynamoServiceNameB(w.namespace, w.component);
}

/** Starts one stand-in worker: its own connection and micro service, endpoints `<ep>-<lease hex>` in group `<service>`. */
async function startWorker(host: string, port: number, w: Worker): Promise<NatsConnection> {
  const nc = await connect({ servers: `${host}:${port}`, name: `mock_worker ${serviceName(w)} ${w.lease.toString(16)}` });
  const name = serviceName(w);
  const srv = await nc.services.add({
    name, version: '0.0.1', description: `Dynamo component ${w.component} in namespace ${w.namespace}`,
    // dynamo answers stats per endpoint with ForwardPassMetrics (null for endpoints without a handler).
    statsHandler: async (ep) => (ep.subject.includes('.clear_kv_blocks-') ? null : w.metrics),
  });
  const group = srv.addGroup(name);
  for (const ep of w.endpoints) {
    group.addEndpoint(`${ep}-${w.lease.toString(16)}`, { handler: (_err, msg) => msg.respond(new TextEncoder().encode(`handled by ${w.lease.toString(16)}: ${msg.string()}`)) });
  }
  await nc.flush();
  return nc;
}

export interface SceneResult {
  replies: ServiceStats[];
  endpoints: DynamoEndpoint[];
  /** `subject.startsWith('dynamo/my_component/my_endpoint')`: what the warning was about. */
  pathPrefixMatches: DynamoEndpoint[];
  /** dynamo's own filter, `subject.startsWith('<service>.my_endpoint')` for each generation's service name. */
  servicePrefixMatches: DynamoEndpoint[];
  /** framestream's finder. */
  found: DynamoEndpoint[];
  /** The reply to the request sent through an inbox. */
  requestReply: string;
}

/** Runs the scene against a running server; the workers are stopped before it returns. */
export async function runDynamoScene(host: string, port: number, log: (line: string) => void): Promise<SceneResult> {
  const workers: NatsConnection[] = [];
  const client = await RawNatsClient.connect(host, port);
  try {
    for (const w of WORKERS) workers.push(await startWorker(host, port, w));
    log(`${WORKERS.length} stand-in workers registered (nats.js micro services):`);
    for (const w of WORKERS) for (const ep of w.endpoints) log(`  ${serviceName(w)}.${ep}-${w.lease.toString(16)}   (generation ${w.generation}, lease ${w.lease})`);

    await client.handshake('framestream-scraper');
    log(`framestream connected over a raw socket (${client.engine} engine)`);

    // One request through an inbox, so the endpoint has served something.
    const inbox = `_INBOX.framestream${Date.now().toString(36)}`;
    let from = client.received.length;
    client.send({ op: 'SUB', subject: `${inbox}.*`, sid: '1' });
    const target = `${dynamoServiceNameA('dynamo', 'my_component')}.my_endpoint-${(0x2cn).toString(16)}`;
    client.send({ op: 'PUB', subject: target, replyTo: `${inbox}.req`, payload: new TextEncoder().encode('hello worker') });
    const reply = await client.next((o) => o.op === 'MSG' && o.subject === `${inbox}.req`, from);
    const requestReply = new TextDecoder().decode((reply as Extract<NatsOp, { op: 'MSG' }>).payload);
    log(`request ${target} → "${requestReply}"`);

    // Scrape every service's stats, as dynamo's collect_services does: one request, replies until a deadline.
    from = client.received.length;
    client.send({ op: 'PUB', subject: '$SRV.STATS', replyTo: `${inbox}.stats`, payload: new Uint8Array(0) });
    const msgs = await client.collect((o) => o.op === 'MSG' && o.subject === `${inbox}.stats`, from, 1000, WORKERS.length);
    const replies = msgs.map((m) => decodeStatsResponse((m as Extract<NatsOp, { op: 'MSG' }>).payload));
    const endpoints = dynamoEndpoints(replies);
    log(`$SRV.STATS: ${replies.length} replies, ${endpoints.length} endpoints`);

    const pathPrefixMatches = endpoints.filter((e) => e.subject.startsWith(SCENE_QUERY));
    log(`prefix test on "${SCENE_QUERY}": ${pathPrefixMatches.length} endpoints → WARN No endpoints found matching ${SCENE_QUERY}`);
    const [ns, comp, ep] = SCENE_QUERY.split('/') as [string, string, string];
    const prefixes = [`${dynamoServiceNameA(ns, comp)}.${ep}`, `${dynamoServiceNameB(ns, comp)}.${ep}`];
    const servicePrefixMatches = endpoints.filter((e) => prefixes.some((p) => e.subject.startsWith(p)));
    log(`dynamo's own prefix filter (${prefixes.join(' | ')}): ${servicePrefixMatches.length} endpoints, including ${servicePrefixMatches.filter((e) => e.parse?.endpoint !== ep).map((e) => e.subject).join(', ') || 'nothing else'}`);
    const found = findDynamoEndpoints(SCENE_QUERY, replies);
    log(`framestream findDynamoEndpoints("${SCENE_QUERY}"): ${found.length} instances`);
    for (const e of found) {
      const m = e.forwardPassMetrics?.metrics as Record<string, number> | undefined;
      log(`  ${e.workerName}  ${e.subject}  requests=${e.stats.num_requests}  ` +
        (m ? `slots ${m.request_active_slots}/${m.request_total_slots}  kv ${m.kv_active_blocks}/${m.kv_total_blocks}  gpu cache ${(m.gpu_cache_usage_perc! * 100).toFixed(1)}%` : 'no metrics'));
    }
    return { replies, endpoints, pathPrefixMatches, servicePrefixMatches, found, requestReply };
  } finally {
    await client.close();
    for (const nc of workers) await nc.close();
  }
}

/** `npm start`: the scene against a nats-server started (and stopped) here. */
export async function runNatsScene(log: (line: string) => void): Promise<void> {
  if (!findNatsServer()) {
    log('FAILED: nats-server is not installed, so the NATS scene cannot run.');
    log('  Install it (Debian/Ubuntu: apt-get install -y nats-server) or set NATS_SERVER_BIN to its path.');
    throw new Error('nats-server is not installed');
  }
  const server = await startNatsServer();
  log(`nats-server started on ${server.host}:${server.port}`);
  try {
    await runDynamoScene(server.host, server.port, log);
  } finally {
    const { code, signal } = await server.stop();
    log(`nats-server stopped (${code !== null ? `exit ${code}` : `signal ${signal}`})`);
  }
}
