// A loopback HTTP server that streams given bytes in chunk sizes the caller picks, flushing each
// chunk as its own write (chunked transfer encoding), so the client sees adversarial boundaries.
// Demo code: Node APIs are fine here, never in the library.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StreamPlan {
  bytes: Uint8Array;
  /** Chunk sizes to cut `bytes` into, cycled; the last chunk takes what is left. */
  sizes: (index: number) => number;
}

export interface LoopbackServer {
  url(path: string): string;
  /** Registers what GET `path` streams. */
  serve(path: string, plan: StreamPlan): void;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const plans = new Map<string, StreamPlan>();
  const server: Server = createServer(async (req, res) => {
    const plan = plans.get(req.url ?? '');
    if (!plan) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const { bytes } = plan;
    for (let off = 0, i = 0; off < bytes.length; i++) {
      const n = Math.max(1, plan.sizes(i));
      const ok = res.write(bytes.subarray(off, off + n));
      off += n;
      // Respect backpressure, and let tiny chunks go out as separate TCP writes now and then.
      if (!ok) await new Promise((r) => res.once('drain', r));
      else if (i % 64 === 63) await new Promise((r) => setImmediate(r));
    }
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serve: (path, plan) => void plans.set(path, plan),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
