/**
 * Seeded NATS server→client streams for the benchmarks (checked by test/bench_fixtures.test.ts):
 * MSG-heavy streams as a busy subscriber receives them, and large single payloads.
 *
 * @module
 */
import { encodeNatsOp } from '../src/formats/nats.ts';
import { ExpectedChecksum, Pattern, type Expected } from './checksum.ts';

export interface NatsStream extends Expected {
  wire: Uint8Array;
  /** Each MSG payload as [start, end) stream offsets. */
  bounds: Uint32Array;
}

/**
 * `count` MSGs of `payloadBytes` each, on 16 subjects, every 4th with a reply subject; a PING
 * every 1000 messages (not counted as a frame: contenders count MSG payloads only).
 */
export function msgStream(count: number, payloadBytes: number): NatsStream {
  const parts: Uint8Array[] = [];
  const sum = new ExpectedChecksum();
  const bounds = new Uint32Array(count * 2);
  let off = 0;
  const ping = encodeNatsOp({ op: 'PING' });
  for (let i = 0; i < count; i++) {
    const payload = new Uint8Array(payloadBytes);
    new Pattern(i).fill(payload);
    const m = encodeNatsOp({ op: 'MSG', subject: `bench.orders.${i & 15}`, sid: String(1 + (i & 3)), replyTo: i % 4 === 0 ? `_INBOX.bench.${i}` : null, payload });
    bounds[2 * i] = off + m.length - 2 - payloadBytes;
    bounds[2 * i + 1] = off + m.length - 2;
    parts.push(m);
    off += m.length;
    sum.frame(payload);
    if (i % 1000 === 999) {
      parts.push(ping);
      off += ping.length;
    }
  }
  const wire = new Uint8Array(off);
  let o = 0;
  for (const p of parts) {
    wire.set(p, o);
    o += p.length;
  }
  return { wire, bounds, ...sum.done() };
}
