/**
 * framestream against a real nats-server (Debian's 2.9.10), over raw node:net sockets: every op
 * is written with encodeFrame and every byte read goes through createDecoder. Runs in Node,
 * Deno and Bun (node:net through their Node compatibility). In CI a missing nats-server fails
 * the suite (startNatsServer throws with the install hint); nothing is skipped.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDynamoScene, SCENE_QUERY } from '../../src/demo/nats_scene.ts';
import { startNatsServer, type NatsServer } from '../../src/demo/nats_server.ts';
import { RawNatsClient } from '../../src/demo/raw_nats_client.ts';
import { createDecoder, type NatsOp } from '../../src/index.ts';
import { toHex } from '../support/hex.ts';
import { openSocket } from '../support/runtime_socket.ts';
import { encodeFrame } from '../../src/index.ts';

type Msg = Extract<NatsOp, { op: 'MSG' }>;
type Hmsg = Extract<NatsOp, { op: 'HMSG' }>;
const te = new TextEncoder();
const td = new TextDecoder();
const isMsg = (subject: string, sid?: string) => (o: NatsOp): o is Msg => o.op === 'MSG' && o.subject === subject && (sid === undefined || o.sid === sid);

let server: NatsServer;
const clients: RawNatsClient[] = [];

async function client(name: string): Promise<RawNatsClient> {
  const c = await RawNatsClient.connect(server.host, server.port);
  clients.push(c);
  await c.handshake(name);
  return c;
}

beforeAll(async () => {
  server = await startNatsServer();
});

afterAll(async () => {
  for (const c of clients) await c.close();
  // SIGINT is nats-server's clean shutdown: exit status 0 (Deno reports the signal instead).
  const { code, signal } = await server.stop();
  expect(code === 0 || (code === null && signal === 'SIGINT')).toBe(true);
});

describe('framestream speaks NATS to a real nats-server over a raw socket', () => {
  it('INFO, CONNECT, PING/PONG', async () => {
    const c = await client('basic');
    const info = c.received[0]!;
    expect(info.op).toBe('INFO');
    expect(info).toMatchObject({ info: { version: '2.9.10', headers: true, max_payload: 1048576, host: '127.0.0.1', port: server.port } });
    const n = c.received.length;
    await c.flush();
    expect(c.received.slice(n).map((o) => o.op)).toEqual(['PONG']);
    expect(c.error).toBeNull();
  });

  it('SUB with and without a queue group, PUB, wildcards', async () => {
    const c = await client('pubsub');
    c.send(
      { op: 'SUB', subject: 'it.orders.*', sid: '1' },
      { op: 'SUB', subject: 'it.orders.created', queue: 'workers', sid: '2' },
      { op: 'SUB', subject: 'it.>', sid: '3' },
    );
    await c.flush();
    const from = c.received.length;
    c.send({ op: 'PUB', subject: 'it.orders.created', payload: te.encode('order 1\r\nPING\r\n') });
    const got = await c.collect((o) => o.op === 'MSG', from, 3000, 3);
    expect(got.map((m) => (m as Msg).sid).sort()).toEqual(['1', '2', '3']);
    for (const m of got as Msg[]) expect([m.subject, m.replyTo, td.decode(m.payload)]).toEqual(['it.orders.created', null, 'order 1\r\nPING\r\n']);
  });

  it('HPUB → HMSG with repeated header keys, a status line and key case kept', async () => {
    const c = await client('headers');
    c.send({ op: 'SUB', subject: 'it.hdr', sid: '1' });
    await c.flush();
    const from = c.received.length;
    c.send({ op: 'HPUB', subject: 'it.hdr', replyTo: 'it.reply', payload: te.encode('body'), status: 409, description: 'Custom Conflict', headers: { 'X-Trace': ['1'], Accept: ['text/plain', 'application/json'] } });
    const m = (await c.next((o): o is Hmsg => o.op === 'HMSG', from)) as Hmsg;
    expect({ subject: m.subject, sid: m.sid, replyTo: m.replyTo, status: m.status, description: m.description, headers: m.headers, payload: td.decode(m.payload) }).toEqual({
      subject: 'it.hdr', sid: '1', replyTo: 'it.reply', status: 409, description: 'Custom Conflict',
      headers: { 'X-Trace': ['1'], Accept: ['text/plain', 'application/json'] }, payload: 'body',
    });
  });

  it('request-reply through an inbox, to a queue-group responder on another connection', async () => {
    const responder = await client('responder');
    const requester = await client('requester');
    responder.send({ op: 'SUB', subject: 'it.svc.echo', queue: 'q', sid: '7' });
    await responder.flush();
    requester.send({ op: 'SUB', subject: '_INBOX.it.*', sid: '1' });
    await requester.flush();
    const rFrom = responder.received.length;
    const qFrom = requester.received.length;
    requester.send({ op: 'PUB', subject: 'it.svc.echo', replyTo: '_INBOX.it.r1', payload: te.encode('ping?') });
    const req = await responder.next(isMsg('it.svc.echo', '7'), rFrom);
    expect(req.replyTo).toBe('_INBOX.it.r1');
    responder.send({ op: 'PUB', subject: req.replyTo!, payload: te.encode(`echo: ${td.decode(req.payload)}`) });
    const rep = await requester.next(isMsg('_INBOX.it.r1', '1'), qFrom);
    expect(td.decode(rep.payload)).toBe('echo: ping?');
  });

  it('no responders: a request to nobody gets an HMSG with status 503 and no description', async () => {
    const c = await client('noresp');
    c.send({ op: 'SUB', subject: '_INBOX.nr.*', sid: '1' });
    await c.flush();
    const from = c.received.length;
    // Not under it.> (another connection of this suite subscribes there).
    c.send({ op: 'PUB', subject: 'nobody.home', replyTo: '_INBOX.nr.1', payload: new Uint8Array(0) });
    const m = (await c.next((o): o is Hmsg => o.op === 'HMSG', from)) as Hmsg;
    expect([m.status, m.description, m.headers, m.payload.length]).toEqual([503, null, {}, 0]);
  });

  it('a 1 MiB payload (= max_payload) arrives whole, in whatever reads the socket gives', async () => {
    const c = await client('large');
    c.send({ op: 'SUB', subject: 'it.big', sid: '1' });
    await c.flush();
    const payload = new Uint8Array(1024 * 1024).map((_, i) => (i * 7 + (i >> 10)) & 255);
    payload.set(te.encode('\r\nMSG fake 1 5\r\nPING\r\n'), 1000);
    const from = c.received.length;
    c.send({ op: 'PUB', subject: 'it.big', payload });
    const m = await c.next(isMsg('it.big'), from, 15_000);
    expect(m.payload.length).toBe(payload.length);
    expect(toHex(sha256(m.payload))).toBe(toHex(sha256(payload)));
    expect(c.error).toBeNull();
  });

  it('UNSUB with max: the server stops after max deliveries', async () => {
    const c = await client('unsub');
    c.send({ op: 'SUB', subject: 'it.once', sid: '4' }, { op: 'UNSUB', sid: '4', max: 2 });
    await c.flush();
    const from = c.received.length;
    for (let i = 0; i < 3; i++) c.send({ op: 'PUB', subject: 'it.once', payload: te.encode(String(i)) });
    await c.flush();
    expect(c.received.slice(from).filter((o) => o.op === 'MSG').map((m) => td.decode((m as Msg).payload))).toEqual(['0', '1']);
  });

  it('an unknown op gets -ERR \'Unknown Protocol Operation\' and the connection is closed', async () => {
    const c = await client('bad-op');
    const from = c.received.length;
    c.writeRaw(te.encode('FROB it.x 2\r\n'));
    const err = await c.next((o) => o.op === '-ERR', from);
    expect(err).toMatchObject({ op: '-ERR', message: 'Unknown Protocol Operation' });
    await c.collect(() => false, from, 2000); // returns once the server has closed the socket
    expect(c.closed).toBe(true);
  });

  it('-ERR \'Invalid Subject\' keeps the connection open', async () => {
    const c = await client('bad-subject');
    const from = c.received.length;
    c.writeRaw(te.encode('SUB it..bad 9\r\n'));
    // The server answers in order: the -ERR comes before the PONG that ends flush().
    await c.flush();
    expect(c.received.slice(from).map((o) => o.op)).toContain('-ERR');
    expect(c.received.find((o) => o.op === '-ERR')).toMatchObject({ message: 'Invalid Subject' });
    expect(c.closed).toBe(false);
  });

  it('everything the clients sent decodes back with role "server" (encoder output is valid protocol)', () => {
    for (const c of clients) {
      const dec = createDecoder({ format: 'nats', role: 'server' });
      const bytes = c.sent.filter((b) => !td.decode(b).startsWith('FROB'));
      const ops = bytes.flatMap((b) => dec.push(b as Uint8Array<ArrayBuffer>));
      ops.push(...dec.end());
      expect(ops.length).toBe(bytes.length);
      expect(ops[0]!.op).toBe('CONNECT');
    }
  });
});

describe("the runtime's own socket API", () => {
  it('Deno.connect / Bun.connect / node:net: handshake, a 200 KiB message to itself, PING/PONG', async () => {
    const dec = createDecoder({ format: 'nats', role: 'client' });
    const ops: NatsOp[] = [];
    let wake = () => {};
    const sock = await openSocket(server.host, server.port, (chunk) => {
      ops.push(...dec.push(chunk as Uint8Array<ArrayBuffer>));
      wake();
    });
    const until = async (pred: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`timed out on ${sock.api}; got ${ops.map((o) => o.op).join(' ')}`);
        await new Promise<void>((r) => { wake = r; setTimeout(r, 50); });
      }
    };
    const send = (op: Parameters<typeof encodeFrame<{ format: 'nats'; role: 'client' }>>[1]) => sock.write(encodeFrame({ format: 'nats', role: 'client' }, op));
    try {
      await until(() => ops.some((o) => o.op === 'INFO'));
      send({ op: 'CONNECT', options: { verbose: false, pedantic: false, headers: true, protocol: 1, name: sock.api } });
      send({ op: 'SUB', subject: 'it.native', sid: '1' });
      const payload = new Uint8Array(200 * 1024).map((_, i) => (i * 13) & 255);
      send({ op: 'PUB', subject: 'it.native', payload });
      send({ op: 'PING' });
      await until(() => ops.some((o) => o.op === 'PONG'));
      const m = ops.find((o): o is Msg => o.op === 'MSG')!;
      expect(toHex(sha256(m.payload))).toBe(toHex(sha256(payload)));
      expect(sock.api).toBe(typeof (globalThis as any).Deno !== 'undefined' ? 'Deno.connect' : typeof (globalThis as any).Bun !== 'undefined' ? 'Bun.connect' : 'node:net');
    } finally {
      sock.close();
    }
  });
});

describe('the dynamo scene, end to end', () => {
  it(`finds the instances of ${SCENE_QUERY} that a prefix test misses, with their ForwardPassMetrics`, async () => {
    const lines: string[] = [];
    const r = await runDynamoScene(server.host, server.port, (l) => lines.push(l));
    expect(r.requestReply).toBe('handled by 2c: hello worker');
    expect(r.replies).toHaveLength(5);
    expect(r.pathPrefixMatches).toEqual([]);
    // dynamo's prefix filter on service.endpoint also takes the decoy my_endpoint_v2.
    expect(r.servicePrefixMatches.map((e) => e.subject).sort()).toEqual([
      'dynamo_my_component.my_endpoint-1a2b3c4d5e6f7081',
      'dynamo_my_component_5e37f4fe.my_endpoint-2c',
      'dynamo_my_component_5e37f4fe.my_endpoint-694d988806b92e39',
      'dynamo_my_component_5e37f4fe.my_endpoint_v2-3f2a',
    ]);
    const found = r.found.map((e) => [e.subject, e.workerName, e.forwardPassMetrics?.schema, (e.forwardPassMetrics?.metrics as { kv_active_blocks: number }).kv_active_blocks] as const);
    expect(found.sort()).toEqual([
      ['dynamo_my_component.my_endpoint-1a2b3c4d5e6f7081', 'worker-1885667171979194497', 'flat-7', 12],
      ['dynamo_my_component_5e37f4fe.my_endpoint-2c', 'worker-44', 'flat-7', 0],
      ['dynamo_my_component_5e37f4fe.my_endpoint-694d988806b92e39', 'worker-7587888657184927289', 'flat-7', 57],
    ]);
    // The lease id above 2^53 is exact.
    expect(r.found.find((e) => e.subject.endsWith('694d988806b92e39'))!.parse!.instanceId).toBe(0x694d988806b92e39n);
    expect(r.found.find((e) => e.subject.endsWith('-2c'))!.stats.num_requests).toBe(1);
    expect(lines.some((l) => l.includes('No endpoints found matching dynamo/my_component/my_endpoint'))).toBe(true);
  });
});
