/// <reference types="node" />
/**
 * The runtime's own TCP client API, reduced to what the NATS tests need: Deno.connect in Deno,
 * Bun.connect in Bun, node:net in Node. Bytes in arrive through `onData`.
 */
import { connect as netConnect } from 'node:net';

export interface RawSocket {
  api: 'Deno.connect' | 'Bun.connect' | 'node:net';
  write(bytes: Uint8Array): void;
  close(): void;
}

declare const Deno: any;
declare const Bun: any;

export async function openSocket(host: string, port: number, onData: (chunk: Uint8Array) => void): Promise<RawSocket> {
  if (typeof Deno !== 'undefined' && typeof Deno.connect === 'function') {
    const conn = await Deno.connect({ hostname: host, port, transport: 'tcp' });
    (async () => {
      const buf = new Uint8Array(64 * 1024);
      try {
        for (;;) {
          const n = await conn.read(buf);
          if (n === null) return;
          onData(buf.slice(0, n));
        }
      } catch {
        // closed
      }
    })();
    return { api: 'Deno.connect', write: (b) => void conn.write(b), close: () => conn.close() };
  }
  if (typeof Bun !== 'undefined' && typeof Bun.connect === 'function') {
    const socket = await Bun.connect({ hostname: host, port, socket: { data: (_s: unknown, d: Uint8Array) => onData(new Uint8Array(d)) } });
    const pending: Uint8Array[] = [];
    // Bun's write may take only part of the bytes; keep the rest for drain.
    const flush = () => {
      while (pending.length) {
        const b = pending[0]!;
        const n = socket.write(b);
        if (n < b.length) {
          pending[0] = b.subarray(n);
          return;
        }
        pending.shift();
      }
    };
    const timer = setInterval(flush, 1);
    return { api: 'Bun.connect', write: (b) => { pending.push(b); flush(); }, close: () => { clearInterval(timer); socket.end(); } };
  }
  const s = netConnect({ host, port });
  await new Promise<void>((resolve, reject) => { s.once('connect', resolve); s.once('error', reject); });
  s.on('data', (d: Uint8Array) => onData(d));
  return { api: 'node:net', write: (b) => void s.write(b), close: () => s.end() };
}
