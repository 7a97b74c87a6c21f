import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame, FrameError, type NatsOp } from '../../src/index.ts';
import { oneByte, seededRandom, whole, type Chunking } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { captures, fixtureBytes, recordedChunks, type Capture, type CaptureSide } from '../support/nats_fixtures.ts';
import { decodeChunks } from '../support/run.ts';
import { bad as badVectors, good as goodVectors } from '../vectors/nats.ts';

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

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe.each(ENGINES)('nats vectors, %s engine', (engine) => {
  describe.each([whole, oneByte, seededRandom(3, 9)].map((c) => [c.name, c] as const))('chunking %s', (_c, chunking) => {
    it.each(badVectors.map((v) => [v.name, v] as const))('rejects: %s', (_n, v) => {
      const r = decodeChunks({ format: 'nats', engine, ...v.options }, chunking.cut(ascii(v.text)));
      expect((r.frames as NatsOp[]).map((f) => f.op)).toEqual(v.framesBefore);
      expect(r.error).toBeInstanceOf(FrameError);
      expect({ code: r.error!.code, offset: r.error!.offset, format: r.error!.format }).toEqual({ code: v.code, offset: v.offset, format: 'nats' });
    });
    it.each(goodVectors.map((v) => [v.name, v] as const))('decodes: %s', (_n, v) => {
      const r = decodeChunks({ format: 'nats', engine, ...v.options }, chunking.cut(ascii(v.text)));
      expect(r.error).toBeUndefined();
      expect(r.frames).toHaveLength(v.ops.length);
      v.ops.forEach((o, i) => expect(r.frames[i]).toMatchObject(o));
    });
  });

  it('fails on an over-long line as soon as it is too long, without its LF', () => {
    const dec = createDecoder({ format: 'nats', role: 'server', engine });
    expect(dec.push(ascii('PUB '))).toEqual([]);
    expect(() => dec.push(ascii('x'.repeat(4097)))).toThrow(expect.objectContaining({ code: 'control-line-too-long', offset: 0 }));
  });

  it('a 1 MiB payload in 1 KiB chunks is taken from the input, not buffered in the core', () => {
    const payload = new Uint8Array(1024 * 1024).map((_, i) => (i * 31) & 255);
    const wire = encodeFrame({ format: 'nats', role: 'client' }, { op: 'MSG', subject: 'big', sid: '1', replyTo: null, payload });
    const dec = createDecoder({ format: 'nats', role: 'client', engine });
    const out: NatsOp[] = [];
    let maxBuffered = 0;
    for (let i = 0; i < wire.length; i += 1024) {
      out.push(...dec.push(wire.subarray(i, i + 1024) as Uint8Array<ArrayBuffer>));
      maxBuffered = Math.max(maxBuffered, dec.bufferedBytes);
    }
    out.push(...dec.end());
    expect(out).toHaveLength(1);
    const m = out[0] as Extract<NatsOp, { op: 'MSG' }>;
    expect(m.payload.length).toBe(payload.length);
    expect(toHex(sha256(m.payload))).toBe(toHex(sha256(payload)));
    expect(maxBuffered).toBeLessThanOrEqual(payload.length + 2);
  });
});

describe('nats encoder', () => {
  const enc = (v: Parameters<typeof encodeFrame<{ format: 'nats'; role: 'client' }>>[1]) => latin1(encodeFrame({ format: 'nats', role: 'client' }, v));
  it.each([
    [{ op: 'SUB', subject: 'a.*', queue: 'q', sid: '2' }, 'SUB a.* q 2\r\n'],
    [{ op: 'SUB', subject: 'a.>', sid: '3' }, 'SUB a.> 3\r\n'],
    [{ op: 'UNSUB', sid: '3', max: 1 }, 'UNSUB 3 1\r\n'],
    [{ op: 'PUB', subject: 'a', replyTo: 'r', payload: ascii('hi') }, 'PUB a r 2\r\nhi\r\n'],
    [{ op: 'HPUB', subject: 'a', payload: ascii('hi'), headers: { K: ['v1', 'v2'] } }, 'HPUB a 26 28\r\nNATS/1.0\r\nK: v1\r\nK: v2\r\n\r\nhi\r\n'],
    [{ op: 'HMSG', subject: 'i', sid: '3', payload: new Uint8Array(0), status: 503, headers: {} }, 'HMSG i 3 16 16\r\nNATS/1.0 503\r\n\r\n\r\n'],
    [{ op: '-ERR', message: 'Invalid Subject' }, "-ERR 'Invalid Subject'\r\n"],
    [{ op: '+OK' }, '+OK\r\n'],
  ] as const)('encodes %o', (v, wire) => {
    expect(enc(v as never)).toBe(wire);
  });
  it.each([
    [{ op: 'PUB', subject: 'a b', payload: new Uint8Array(0) }, /subject must be a non-empty string without spaces/],
    [{ op: 'SUB', subject: '', sid: '1' }, /subject must be a non-empty string/],
    [{ op: 'HPUB', subject: 'a', payload: new Uint8Array(0), headers: { 'Bad Key': ['x'] } }, /header key/],
    [{ op: 'HPUB', subject: 'a', payload: new Uint8Array(0), headers: { K: ['a\r\nInjected: 1'] } }, /must not contain CR or LF/],
    [{ op: 'NOPE' }, /unknown op/],
  ] as const)('refuses %o', (v, msg) => {
    expect(() => enc(v as never)).toThrow(msg);
  });
});
