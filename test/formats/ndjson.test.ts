import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame, FrameEncoderStream, FrameError, FrameStream } from '../../src/index.ts';
import { at, CHUNKINGS, concat, hexBytes, oneByte, whole } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { decodeChunks, streamChunks } from '../support/run.ts';
import { ndjsonBad, ndjsonGood, tx } from '../vectors/lines.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe.each(ENGINES)('ndjson, %s engine', (engine) => {
  describe.each(CHUNKINGS.map((c) => [c.name, c] as const))('chunking %s', (_name, chunking) => {
    it.each(ndjsonGood.map((v) => [v.name, v] as const))('decodes %s', (_n, v) => {
      const r = decodeChunks({ format: 'ndjson', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(r.frames).toEqual(v.frames);
    });
    it.each(ndjsonBad.map((v) => [v.name, v] as const))('rejects %s', (_n, v) => {
      const r = decodeChunks({ format: 'ndjson', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.frames).toEqual(v.framesBefore);
      expect(r.error).toBeInstanceOf(FrameError);
      expect({ code: r.error!.code, offset: r.error!.offset, format: r.error!.format }).toEqual({ code: v.code, offset: v.offset, format: 'ndjson' });
      if (v.details) expect(r.error!.details).toEqual(v.details);
    });
  });

  describe.each([whole, oneByte].map((c) => [c.name, c] as const))('FrameStream, chunking %s', (_name, chunking) => {
    it.each(ndjsonGood.map((v) => [v.name, v] as const))('streams %s', async (_n, v) => {
      const r = await streamChunks({ format: 'ndjson', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(r.frames).toEqual(v.frames);
    });
    it.each(ndjsonBad.map((v) => [v.name, v] as const))('delivers the values before %s, then errors', async (_n, v) => {
      const r = await streamChunks({ format: 'ndjson', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.frames).toEqual(v.framesBefore);
      expect([r.error?.code, r.error?.offset]).toEqual([v.code, v.offset]);
    });
  });

  it('an invalid line names its line number, offset and the JSON error', () => {
    const r = decodeChunks({ format: 'ndjson', engine }, [text('{"a":1}\n\n{"b":\n')]);
    expect(r.frames).toEqual([{ a: 1 }]);
    expect(r.error).toMatchObject({ code: 'invalid-json', offset: 9, details: { line: 3 } });
    expect(r.error!.message).toMatch(/^line 3 is not valid JSON: .* \(ndjson, code invalid-json, at stream offset 9\)$/);
    expect(r.error!.cause).toBeInstanceOf(SyntaxError);
  });

  it("invalidLine: 'deliver' puts the FrameError in the value's place and goes on", () => {
    // The option's diagram.
    for (const chunking of CHUNKINGS) {
      const r = decodeChunks({ format: 'ndjson', engine, invalidLine: 'deliver' }, chunking.cut(text('1\nnope\n2\n{\n')));
      expect(r.error).toBeUndefined();
      expect(r.frames).toHaveLength(4);
      expect(r.frames[0]).toBe(1);
      expect(r.frames[2]).toBe(2);
      expect(r.frames[1]).toBeInstanceOf(FrameError);
      expect(r.frames[1]).toMatchObject({ code: 'invalid-json', offset: 2, details: { line: 2 } });
      expect(r.frames[3]).toMatchObject({ code: 'invalid-json', offset: 9, details: { line: 4 } });
    }
  });

  it('CRLF split between chunks', () => {
    const bytes = text('{"a":1}\r\n[2]\r\n');
    for (let i = 1; i < bytes.length; i++) {
      expect([i, decodeChunks({ format: 'ndjson', engine }, at([i]).cut(bytes)).frames]).toEqual([i, [{ a: 1 }, [2]]]);
    }
  });

  it('a 3-byte UTF-8 character split 1+2 and 2+1 between chunks', () => {
    const bytes = text('"€"\n'); // 22 e2 82 ac 22 0a
    expect(decodeChunks({ format: 'ndjson', engine, fatal: true }, at([2]).cut(bytes)).frames).toEqual(['€']);
    expect(decodeChunks({ format: 'ndjson', engine, fatal: true }, at([3]).cut(bytes)).frames).toEqual(['€']);
  });

  it('passes reviver to JSON.parse', () => {
    const r = decodeChunks({ format: 'ndjson', engine, reviver: (_k, v) => (typeof v === 'number' ? v * 10 : v) }, [text('{"a":1}\n2\n')]);
    expect(r.frames).toEqual([{ a: 10 }, 20]);
  });

  it('round trip: encode, cut anywhere, decode (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 15 }), fc.array(fc.nat(), { maxLength: 8 }), (values, cuts) => {
        const bytes = concat(values.map((v) => encodeFrame({ format: 'ndjson' }, v)));
        const r = decodeChunks({ format: 'ndjson', engine }, at(cuts.map((c) => c % (bytes.length + 1))).cut(bytes));
        expect(r.error).toBeUndefined();
        // What JSON can carry (-0 becomes 0).
        expect(r.frames).toEqual(values.map((v) => JSON.parse(JSON.stringify(v))));
      }),
      { seed: 0x7d7503, numRuns: 200 },
    );
  });
});

describe('ndjson encoder', () => {
  it('writes JSON.stringify and a newline', () => {
    expect(toHex(encodeFrame({ format: 'ndjson' }, { a: [1, 'x\ny'] }))).toBe(tx('{"a":[1,"x\\ny"]}\n'));
    expect(toHex(encodeFrame({ format: 'ndjson' }, null))).toBe(tx('null\n'));
  });

  it('refuses what JSON cannot hold, with reasons', () => {
    expect(() => encodeFrame({ format: 'ndjson' }, undefined)).toThrow(/undefined has no JSON form/);
    expect(() => encodeFrame({ format: 'ndjson' }, () => 1)).toThrow(/function has no JSON form/);
    expect(() => encodeFrame({ format: 'ndjson' }, 1n)).toThrow(/JSON.stringify failed/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeFrame({ format: 'ndjson' }, cyclic)).toThrow(expect.objectContaining({ code: 'unencodable', format: 'ndjson' }));
    expect(() => encodeFrame({ format: 'ndjson', maxLineLength: 3 }, [1, 2])).toThrow(/longer than maxLineLength \(3\)/);
  });

  it('FrameEncoderStream writes one line per value', async () => {
    const input = new ReadableStream<unknown>({ start(c) { c.enqueue({ a: 1 }); c.enqueue(2); c.close(); } });
    const out: string[] = [];
    for await (const c of input.pipeThrough(new FrameEncoderStream({ format: 'ndjson' }))) out.push(new TextDecoder().decode(c));
    expect(out).toEqual(['{"a":1}\n', '2\n']);
  });
});

describe('ndjson options', () => {
  it.each([
    [{ invalidLine: 'skip' }, /invalidLine must be 'error' or 'deliver'/],
    [{ reviver: 1 }, /reviver must be a function/],
    [{ maxLineLength: 1.5 }, /maxLineLength must be an integer >= 0/],
  ])('rejects %o when the decoder is built', (opts, msg) => {
    expect(() => createDecoder({ format: 'ndjson', ...(opts as object) })).toThrow(msg);
    expect(() => new FrameStream({ format: 'ndjson', ...(opts as object) })).toThrow(msg);
  });
});
