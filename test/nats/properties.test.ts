import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameError, type NatsOp, type NatsOpInput } from '../../src/index.ts';
import { concat, seededRandom } from '../support/chunkings.ts';
import { decodeChunks } from '../support/run.ts';

const token = fc.stringMatching(/^[A-Za-z0-9_.$>*-]{1,20}$/);
const bytes = fc.uint8Array({ maxLength: 300 });
const headers = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,10}$/), fc.array(fc.stringMatching(/^[ -~]{0,12}$/).map((s) => s.trim()), { minLength: 1, maxLength: 3 }), { maxKeys: 3 });

/** Ops a server sends (decoded with role 'client'). */
const serverOp: fc.Arbitrary<NatsOpInput> = fc.oneof(
  fc.record({ op: fc.constant('MSG' as const), subject: token, sid: fc.stringMatching(/^[0-9]{1,4}$/), replyTo: fc.option(token, { nil: null }), payload: bytes }),
  fc.record({ op: fc.constant('HMSG' as const), subject: token, sid: fc.stringMatching(/^[0-9]{1,4}$/), replyTo: fc.option(token, { nil: null }), payload: bytes,
    status: fc.option(fc.integer({ min: 100, max: 999 }), { nil: null }), headers }),
  fc.constantFrom<NatsOpInput>({ op: 'PING' }, { op: 'PONG' }, { op: '+OK' }, { op: '-ERR', message: 'Stale Connection' }),
  fc.record({ op: fc.constant('INFO' as const), info: fc.record({ server_id: token, max_payload: fc.nat(), headers: fc.boolean() }) }),
);

/** What the decoder should give back for an encoded op (offsets aside). */
function expectedOp(o: NatsOpInput): Record<string, unknown> {
  if (o.op === 'HMSG') return { op: 'HMSG', subject: o.subject, sid: o.sid, replyTo: o.replyTo ?? null, payload: o.payload, status: o.status ?? null, description: null, headers: o.headers };
  return { ...o };
}

function strip(ops: unknown[]): unknown[] {
  return (ops as NatsOp[]).map((o) => {
    const { offset: _o, wireLength: _w, ...rest } = o as NatsOp & { headersRaw?: Uint8Array };
    delete (rest as { headersRaw?: unknown }).headersRaw;
    return rest;
  });
}

describe('nats properties', () => {
  it('encode → any chunking → decode is the identity, and both engines agree', () => {
    fc.assert(
      fc.property(fc.array(serverOp, { maxLength: 12 }), fc.integer({ min: 1, max: 1 << 30 }), fc.integer({ min: 1, max: 40 }), (ops, seed, max) => {
        const wire = concat(ops.map((o) => encodeFrame({ format: 'nats', role: 'client' }, o)));
        const chunks = seededRandom(seed, max).cut(wire);
        const wasm = decodeChunks({ format: 'nats', role: 'client', engine: 'wasm' }, chunks);
        const js = decodeChunks({ format: 'nats', role: 'client', engine: 'js' }, chunks);
        expect(wasm.error).toBeUndefined();
        expect(strip(wasm.frames)).toEqual(ops.map(expectedOp));
        expect(wasm.frames).toEqual(js.frames);
      }),
      { numRuns: 150, seed: 0x5eed },
    );
  });

  it('random bytes give frames then at most one FrameError inside the stream, the same on both engines', () => {
    const alphabet = fc.constantFrom(...'MSG HMSG PING PONG +OK -ERR INFO {} 0 1 5 12 a.b r \r \n \t  x'.split(' ').map((s) => s || ' '));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), fc.integer({ min: 1, max: 1 << 30 }), (parts, seed) => {
        const wire = new TextEncoder().encode(parts.join(''));
        const chunks = seededRandom(seed, 9).cut(wire);
        const wasm = decodeChunks({ format: 'nats', role: 'client', engine: 'wasm' }, chunks);
        const js = decodeChunks({ format: 'nats', role: 'client', engine: 'js' }, chunks);
        expect(wasm.frames).toEqual(js.frames);
        expect([wasm.error?.code, wasm.error?.offset]).toEqual([js.error?.code, js.error?.offset]);
        if (wasm.error) {
          expect(wasm.error).toBeInstanceOf(FrameError);
          expect(wasm.error.offset).toBeGreaterThanOrEqual(0);
          expect(wasm.error.offset).toBeLessThanOrEqual(wire.length);
        }
      }),
      { numRuns: 300, seed: 0xbad },
    );
  });
});
