/**
 * vitest globalSetup: one loopback HTTP + WebSocket server for the whole run, so transport tests in
 * every runtime (Node, Deno, Bun and Chromium) decode real `fetch` and `WebSocket` streams.
 *
 * Runs in the runner process (Node, or Deno/Bun through their Node compatibility), never in the
 * browser: tests reach it through `inject('loopbackUrl')`; see test/support/loopback.ts for the
 * client side and the protocol.
 *
 * Protocol (all on 127.0.0.1, CORS open because the browser page has another origin):
 * - `POST /streams?delay=<ms>&hold=1` with body `u32 count, count x u32 chunk length, bytes`
 *   (big-endian) registers a stream; answers `{ "id": n }`.
 * - `GET /streams/<id>`: 200, no Content-Length (so chunked transfer encoding), each chunk written
 *   and flushed on its own, `delay` ms apart (default: next event-loop turn). With `hold=1` the
 *   response never ends (for abort tests); teardown destroys it.
 * - WebSocket upgrade on `/streams/<id>`: each chunk one binary message, then close 1000 (or hold).
 * - `GET /streams/<id>/status`: `{ requests, chunksWritten, bytesWritten, finished, clientClosed }`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TestProject } from 'vitest/node';
import { WebSocketServer, type WebSocket } from 'ws';

interface Registered {
  chunks: Uint8Array[];
  delayMs: number;
  hold: boolean;
  requests: number;
  chunksWritten: number;
  bytesWritten: number;
  finished: boolean;
  clientClosed: boolean;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-private-network': 'true',
};

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/** Splits a registration body: u32 count, the chunk lengths, then the bytes (big-endian). */
function parseChunks(body: Uint8Array): Uint8Array[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const count = view.getUint32(0);
  let off = 4 + 4 * count;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const n = view.getUint32(4 + 4 * i);
    if (off + n > body.length) throw new RangeError(`chunk ${i} runs past the body`);
    chunks.push(body.slice(off, off + n));
    off += n;
  }
  if (off !== body.length) throw new RangeError(`${body.length - off} bytes after the last chunk`);
  return chunks;
}

async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const p of req) parts.push(p as Uint8Array);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const streams = new Map<number, Registered>();
  const open = new Set<{ destroy(): void }>();
  let nextId = 1;

  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { ...CORS, 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  async function serveHttp(s: Registered, res: ServerResponse): Promise<void> {
    s.requests++;
    const handle = { destroy: () => res.destroy() };
    open.add(handle);
    res.on('close', () => {
      open.delete(handle);
      if (!res.writableFinished) s.clientClosed = true;
    });
    res.writeHead(200, { ...CORS, 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
    res.flushHeaders();
    for (const chunk of s.chunks) {
      if (res.destroyed) return;
      // Wait for each write to be handed to the socket before the next, so chunks are not coalesced here.
      await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
      s.chunksWritten++;
      s.bytesWritten += chunk.length;
      await pause(s.delayMs);
    }
    if (s.hold) return;
    res.end(() => { s.finished = true; });
  }

  async function serveWs(s: Registered, ws: WebSocket): Promise<void> {
    s.requests++;
    const handle = { destroy: () => ws.terminate() };
    open.add(handle);
    ws.on('close', () => {
      open.delete(handle);
      if (!s.finished) s.clientClosed = true;
    });
    for (const chunk of s.chunks) {
      if (ws.readyState !== ws.OPEN) return;
      await new Promise<void>((resolve, reject) => ws.send(chunk, { binary: true }, (e?: Error) => (e ? reject(e) : resolve())));
      s.chunksWritten++;
      s.bytesWritten += chunk.length;
      await pause(s.delayMs);
    }
    if (s.hold) return;
    s.finished = true;
    ws.close(1000, 'done');
  }

  function lookup(url: URL): { s: Registered | undefined; rest: string } {
    const m = /^\/streams\/(\d+)(\/status)?$/.exec(url.pathname);
    return { s: m ? streams.get(Number(m[1])) : undefined, rest: m?.[2] ?? '' };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    void (async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, CORS);
        res.end();
      } else if (req.method === 'POST' && url.pathname === '/streams') {
        const chunks = parseChunks(await readBody(req));
        const id = nextId++;
        streams.set(id, {
          chunks,
          delayMs: Number(url.searchParams.get('delay') ?? 0),
          hold: url.searchParams.get('hold') === '1',
          requests: 0, chunksWritten: 0, bytesWritten: 0, finished: false, clientClosed: false,
        });
        json(res, 200, { id });
      } else if (req.method === 'GET') {
        const { s, rest } = lookup(url);
        if (!s) json(res, 404, { error: `no stream at ${url.pathname}` });
        else if (rest === '/status') {
          const { requests, chunksWritten, bytesWritten, finished, clientClosed } = s;
          json(res, 200, { requests, chunksWritten, bytesWritten, finished, clientClosed });
        } else await serveHttp(s, res);
      } else {
        json(res, 405, { error: `${req.method} ${url.pathname}` });
      }
    })().catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(e) });
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const { s, rest } = lookup(new URL(req.url ?? '/', 'http://127.0.0.1'));
    if (!s || rest) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => void serveWs(s, ws).catch(() => ws.terminate()));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the loopback server has no TCP address');
  project.provide('loopbackUrl', `http://127.0.0.1:${address.port}`);

  return async () => {
    for (const h of open) h.destroy();
    wss.close();
    (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    // Never let a stuck connection hang the run: close, but give up waiting after 2 s.
    await Promise.race([
      new Promise<void>((resolve) => server.close(() => resolve())),
      new Promise<void>((resolve) => setTimeout(resolve, 2000).unref?.()),
    ]);
  };
}
