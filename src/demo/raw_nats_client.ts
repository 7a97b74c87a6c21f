/// <reference types="node" />
/**
 * A NATS connection over a raw node:net socket, spoken entirely with framestream: bytes in go
 * through `createDecoder({ format: 'nats', role: 'client' })`, ops out through `encodeFrame`.
 * Node-only (demo and tests). Every byte sent is also kept, so tests can decode it back with
 * role 'server'.
 */
import { connect, type Socket } from 'node:net';
import { createDecoder, encodeFrame, FrameError, type NatsOp, type NatsOpInput } from '../index.ts';

export class RawNatsClient {
  readonly received: NatsOp[] = [];
  readonly sent: Uint8Array[] = [];
  error: FrameError | null = null;
  closed = false;
  private waiters: (() => void)[] = [];
  private readonly decoder = createDecoder({ format: 'nats', role: 'client' });

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk) => {
      try {
        this.received.push(...this.decoder.push(chunk));
      } catch (e) {
        if (!(e instanceof FrameError)) throw e;
        this.received.push(...(e.frames as NatsOp[]));
        this.error = e;
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static async connect(host: string, port: number): Promise<RawNatsClient> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    socket.setNoDelay(true);
    return new RawNatsClient(socket);
  }

  get engine(): 'wasm' | 'js' {
    return this.decoder.engine;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(...ops: NatsOpInput[]): void {
    for (const op of ops) this.writeRaw(encodeFrame({ format: 'nats', role: 'client' }, op));
  }

  /** Writes bytes as they are (for protocol the encoder refuses to write, like an unknown op). */
  writeRaw(bytes: Uint8Array): void {
    this.sent.push(bytes);
    this.socket.write(bytes);
  }

  /**
   * Waits for the first op, from index `from` on, that satisfies `pred`; resolves with it and its
   * index. Rejects after `timeoutMs`, or when the connection closes first.
   */
  async next<T extends NatsOp>(pred: (o: NatsOp) => o is T, from?: number, timeoutMs?: number): Promise<T>;
  async next(pred: (o: NatsOp) => boolean, from?: number, timeoutMs?: number): Promise<NatsOp>;
  async next(pred: (o: NatsOp) => boolean, from = 0, timeoutMs = 5000): Promise<NatsOp> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.received.length; i++) if (pred(this.received[i]!)) return this.received[i]!;
      if (this.closed) throw new Error('connection closed before the expected op arrived');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching op within ${timeoutMs} ms (received: ${this.received.map((o) => o.op).join(' ')})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Collects every op satisfying `pred` that arrives from index `from` within `ms`. */
  async collect(pred: (o: NatsOp) => boolean, from: number, ms: number, enough = Infinity): Promise<NatsOp[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const got = this.received.slice(from).filter(pred);
      const left = deadline - Date.now();
      if (got.length >= enough || left <= 0 || this.closed) return got;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** CONNECT (no verbose, headers on) and a PING/PONG round trip: the server has then seen everything sent. */
  async handshake(name: string): Promise<void> {
    await this.next((o) => o.op === 'INFO');
    this.send({ op: 'CONNECT', options: { verbose: false, pedantic: false, protocol: 1, headers: true, no_responders: true, name, lang: 'framestream', version: '0.1.0' } });
    await this.flush();
  }

  /** PING, then wait for the PONG that answers it. */
  async flush(): Promise<void> {
    const from = this.received.length;
    this.send({ op: 'PING' });
    await this.next((o) => o.op === 'PONG', from);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }
}
