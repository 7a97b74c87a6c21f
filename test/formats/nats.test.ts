import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame, FrameError, type NatsOp } from '../../src/index.ts';
import { oneByte, seededRandom, whole, type Chunking } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { captures, fixtureBytes, recordedChunks, type Capture, type CaptureSide } from '../support/nats_fixtures.ts';
import { decodeChunks } from '../support/run.ts';

const latin1 = (b: Uint8Array) => Array.from(b, (c) => String.fromCharCode(c)).join('');

/** A decoded op in the JSON conventions of test/fixtures/nats/README.md. */
export function toVectorOp(o: NatsOp): Record<string, unknown> {
  const where = { offset: o.offset, length: o.wireLength };
  const payload = (p: Uint8Array) => ({ size: p.length, payload_hex: toHex(p), payload_sha256: toHex(sha256(p)) });
  switch (o.op) {
    case 'INFO': return { op: o.op, info: o.info, ...where };
    case 'CONNECT': return { op: o.op, options: o.options, ...where };
    case 'PING': case 'PONG': case '+OK': return { op: o.op, ...where };
    case '-ERR': return { op: o.op, message: o.message, ...where };
    case 'SUB': return { op: o.op, subject: o.subject, queue: o.queue, sid: o.sid, ...where };
    case 'UNSUB': return { op: o.op, sid: o.sid, max: o.max, ...where };
    case 'PUB': return { op: o.op, subject: o.subject, reply: o.replyTo, ...payload(o.payload), ...where };
    case 'MSG': return { op: o.op, subject: o.subject, sid: o.sid, reply: o.replyTo, ...payload(o.payload), ...where };
    case 'HPUB':
    case 'HMSG':
      return {
        op: o.op, subject: o.subject, ...(o.op === 'HMSG' ? { sid: o.sid } : {}), reply: o.replyTo,
        header_size: o.headersRaw.length, total_size: o.headersRaw.length + o.payload.length,
        headers_raw: latin1(o.headersRaw), status: o.status, description: o.description, headers: o.headers,
        ...payload(o.payload), ...where,
      };
  }
}

const ERROR_REASONS: Record<string, string> = { 'unknown-operation': 'unknown_operation', 'control-line-too-long': 'max_control_line_exceeded' };

/** Expected ops, with the decoder-side ERROR entry split off. */
function expected(side: CaptureSide) {
  const ops = side.ops.filter((o) => o.op !== 'ERROR');
  const error = side.ops.find((o) => o.op === 'ERROR');
  return { ops, error };
}

function check(side: CaptureSide, role: 'client' | 'server', engine: 'wasm' | 'js', chunks: Uint8Array[]) {
  const r = decodeChunks({ format: 'nats', role, engine }, chunks);
  const { ops, error } = expected(side);
  expect(r.frames.map((f) => toVectorOp(f as NatsOp))).toEqual(ops);
  if (error) {
    expect(r.error).toBeInstanceOf(FrameError);
    expect({ reason: ERROR_REASONS[r.error!.code], offset: r.error!.offset }).toEqual({ reason: error.reason, offset: error.offset });
    // Everything from the fault on is what the vectors call trailing bytes.
    expect(side.bytes - r.error!.offset).toBe(side.trailing_bytes);
  } else {
    expect(r.error).toBeUndefined();
  }
}

const all = captures();
/** The recorded reads, then whole, 1-byte and seeded random chunkings. */
function chunkings(c: Capture, side: CaptureSide): { name: string; cut: (b: Uint8Array) => Uint8Array[] }[] {
  const list: Chunking[] = [{ name: 'recorded TCP reads', cut: (b) => recordedChunks(side, b) }, whole, seededRandom(7, 13), seededRandom(0xc0ffee, 4096)];
  // 1-byte feeding of the 1.1 MB large-payload streams is 1.1 M push() calls per engine: the
  // random(max 13) chunking already cuts every small op at many places; the README's own
  // cross-check also used 1-byte feeding only up to 200 kB.
  if (side.bytes <= 200_000) list.push(oneByte);
  void c;
  return list;
}

describe.each(ENGINES)('nats captures, %s engine', (engine) => {
  describe.each(all.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    for (const [dir, role] of [['server', 'client'], ['client', 'server']] as const) {
      const side = c[dir];
      const bytes = fixtureBytes(side.file);
      it.each(chunkings(c, side).map((k) => [k.name, k] as const))(`${dir}→ stream (role '${role}') decodes to its ops, chunking %s`, (_k, k) => {
        check(side, role, engine, k.cut(bytes));
      });
    }
  });
});

describe('nats encoder against the captures', () => {
  // Byte-exact where the wire is canonical. Not canonical on the wire, so excluded:
  //  - ops sent in lower/mixed case or with tabs/multiple spaces (protocol-edge's raw client);
  //  - MSG with an empty reply field written as two spaces (jetstream publish acks);
  //  - INFO/CONNECT JSON whose re-serialization differs from the sender's (checked per op).
  for (const c of all) {
    for (const dir of ['server', 'client'] as const) {
      const side = c[dir];
      it(`${c.name} ${dir}→: every canonical op re-encodes to its exact bytes`, () => {
        const bytes = fixtureBytes(side.file);
        const r = decodeChunks({ format: 'nats', role: dir === 'server' ? 'client' : 'server', engine: 'js' }, [bytes]);
        let exact = 0;
        let skipped = 0;
        for (const op of r.frames as NatsOp[]) {
          const wire = bytes.subarray(op.offset!, op.offset! + op.wireLength!);
          const line = latin1(wire.subarray(0, wire.indexOf(0x0a)));
          const canonical = line.startsWith(op.op) && !/\t| {2}/.test(line) && !(op.op === 'PING' && line !== 'PING\r');
          if (!canonical) {
            skipped++;
            continue;
          }
          const got = encodeFrame({ format: 'nats', role: 'client' }, op);
          expect(latin1(got)).toBe(latin1(wire));
          exact++;
        }
        expect(exact + skipped).toBe(r.frames.length);
        expect(exact).toBeGreaterThan(0);
        // Only protocol-edge (raw, mixed-case client) and jetstream (double-space acks) have non-canonical ops.
        if (skipped > 0) expect(['protocol-edge', 'jetstream']).toContain(c.name);
      });
    }
  }
});
