/**
 * Client side of the loopback server (test/setup/loopback_server.ts), usable in every runtime:
 * it needs only `fetch`, `WebSocket` and `inject`.
 *
 * @example
 * ```ts
 * const s = await serveChunks([a, b, c]);          // the server will send exactly these chunks
 * const res = await fetch(s.httpUrl);              // chunked transfer encoding, one flush per chunk
 * const ws = webSocketStream(s.wsUrl);             // one binary message per chunk
 * ```
 */
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL (`http://127.0.0.1:<port>`) of the loopback server in test/setup/loopback_server.ts. */
    loopbackUrl: string;
  }
}

export interface ServeOptions {
  /** Pause between chunks, so they leave the server as separate writes. @defaultValue 0 (ms: next event-loop turn) */
  delayMs?: number;
  /** Send the chunks, then keep the response (or socket) open forever. @defaultValue false */
  hold?: boolean;
}

export interface StreamStatus {
  requests: number;
  chunksWritten: number;
  bytesWritten: number;
  finished: boolean;
  clientClosed: boolean;
}

export interface Served {
  httpUrl: string;
  wsUrl: string;
  /** What the server did with this stream so far. */
  status(): Promise<StreamStatus>;
}

export function loopbackUrl(): string {
  const url = inject('loopbackUrl');
  if (!url) throw new Error('no loopbackUrl: is test/setup/loopback_server.ts in this project\'s globalSetup?');
  return url;
}

/** Registers a stream the server will send as exactly these chunks. */
export async function serveChunks(chunks: readonly Uint8Array[], options: ServeOptions = {}): Promise<Served> {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const body = new Uint8Array(4 + 4 * chunks.length + total);
  const view = new DataView(body.buffer);
  view.setUint32(0, chunks.length);
  let off = 4 + 4 * chunks.length;
  chunks.forEach((c, i) => {
    view.setUint32(4 + 4 * i, c.length);
    body.set(c, off);
    off += c.length;
  });
  const base = loopbackUrl();
  const query = new URLSearchParams();
  if (options.delayMs) query.set('delay', String(options.delayMs));
  if (options.hold) query.set('hold', '1');
  const res = await fetch(`${base}/streams?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body,
  });
  if (!res.ok) throw new Error(`registering a stream failed: ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: number };
  const httpUrl = `${base}/streams/${id}`;
  return {
    httpUrl,
    wsUrl: httpUrl.replace(/^http/, 'ws'),
    async status() {
      const r = await fetch(`${httpUrl}/status`);
      return (await r.json()) as StreamStatus;
    },
  };
}

/**
 * The runtime's own WebSocket as a ReadableStream of its binary messages. A clean close (1000)
 * closes the stream; any other close or an error event errors it. WebSocket has no backpressure,
 * so messages queue in the stream; `cancel` closes the socket.
 */
export function webSocketStream(url: string): ReadableStream<Uint8Array> {
  if (typeof WebSocket !== 'function') throw new Error('this runtime has no global WebSocket');
  let ws: WebSocket;
  // Set once the stream is closed, errored or cancelled: later socket events must not touch it.
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onmessage = (e: MessageEvent) => {
        if (done) return;
        if (e.data instanceof ArrayBuffer) controller.enqueue(new Uint8Array(e.data));
        else {
          done = true;
          controller.error(new TypeError(`expected a binary message, got ${typeof e.data}`));
          ws.close();
        }
      };
      ws.onerror = () => {
        if (done) return;
        done = true;
        controller.error(new Error(`WebSocket ${url} failed`));
      };
      ws.onclose = (e: CloseEvent) => {
        if (done) return;
        done = true;
        if (e.code === 1000) controller.close();
        else controller.error(new Error(`WebSocket ${url} closed with code ${e.code} ${e.reason}`));
      };
    },
    cancel() {
      done = true;
      ws.close();
    },
  });
}

/** Reads a stream to its end: everything it yielded, and the error that ended it, if any. */
export async function readAll<T>(stream: ReadableStream<T>): Promise<{ values: T[]; error?: unknown }> {
  const values: T[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return { values };
      values.push(r.value);
    }
  } catch (error) {
    return { values, error };
  }
}
