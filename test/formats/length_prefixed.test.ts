import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame, FrameEncoderStream, FrameError, FrameErrorCode, FrameStream } from '../../src/index.ts';
import { framesDiff } from '../support/bytes.ts';
import { CHUNKINGS, concat, hexBytes, oneByte, seededRandom, whole } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { batchChunks, decodeChunks, streamChunks, streamOf } from '../support/run.ts';
import { bad, good } from '../vectors/length_prefixed.ts';

const hexes = (frames: unknown[]) => frames.map((f) => toHex(f as Uint8Array));

describe.each(ENGINES)('length-prefixed, %s engine', (engine) => {
  describe.each(CHUNKINGS.map((c) => [c.name, c] as const))('chunking %s', (_name, chunking) => {
    it.each(good.map((v) => [v.name, v] as const))('decodes %s', (_n, v) => {
      const r = decodeChunks({ format: 'length-prefixed', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(hexes(r.frames)).toEqual(v.frames);
    });
    it.each(bad.map((v) => [v.name, v] as const))('rejects %s', (_n, v) => {
      const r = decodeChunks({ format: 'length-prefixed', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(hexes(r.frames)).toEqual(v.framesBefore);
      expect(r.error).toBeInstanceOf(FrameError);
      expect({ code: r.error!.code, offset: r.error!.offset, format: r.error!.format }).toEqual({ code: v.code, offset: v.offset, format: 'length-prefixed' });
    });
  });

  describe.each([whole, oneByte].map((c) => [c.name, c] as const))('FrameStream, chunking %s', (_name, chunking) => {
    it.each(good.map((v) => [v.name, v] as const))('streams %s', async (_n, v) => {
      const r = await streamChunks({ format: 'length-prefixed', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(hexes(r.frames)).toEqual(v.frames);
    });
    it.each(bad.map((v) => [v.name, v] as const))('delivers the frames before %s, then errors', async (_n, v) => {
      const r = await streamChunks({ format: 'length-prefixed', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(hexes(r.frames)).toEqual(v.framesBefore);
      expect([r.error?.code, r.error?.offset]).toEqual([v.code, v.offset]);
    });
  });

  describe.each([whole, oneByte, seededRandom(9, 16)].map((c) => [c.name, c] as const))('FrameBatchStream, chunking %s', (_name, chunking) => {
    it.each(good.map((v) => [v.name, v] as const))('batches %s: one non-empty array per chunk that completed frames', async (_n, v) => {
      const chunks = chunking.cut(hexBytes(v.bytes));
      const r = await batchChunks({ format: 'length-prefixed', engine, ...v.options }, chunks);
      expect(r.error).toBeUndefined();
      expect(r.batches.every((b) => b.length > 0)).toBe(true);
      expect(r.batches.length).toBeLessThanOrEqual(chunks.length + 1);
      expect(hexes(r.batches.flat())).toEqual(v.frames);
    });
    it.each(bad.map((v) => [v.name, v] as const))('delivers the frames before %s, then errors', async (_n, v) => {
      const r = await batchChunks({ format: 'length-prefixed', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(hexes(r.batches.flat())).toEqual(v.framesBefore);
      expect([r.error?.code, r.error?.offset]).toEqual([v.code, v.offset]);
    });
  });

  it('frames inside one chunk are views of it; frames across chunks and copy:true frames own their bytes', () => {
    const a = hexBytes('00000002aabb000000');
    const b = hexBytes('02ccdd00000002ee');
    const c = hexBytes('ff');
    const dec = createDecoder({ format: 'length-prefixed', engine });
    const [f1] = dec.push(a);
    const [f2] = dec.push(b); // its header began in `a`, its payload lies inside `b`
    const [f3] = dec.push(c); // its payload spans `b` and `c`
    expect(f1!.buffer).toBe(a.buffer);
    expect(f2!.buffer).toBe(b.buffer);
    expect(toHex(f2!)).toBe('ccdd');
    expect(f3!.buffer).not.toBe(b.buffer);
    expect(f3!.buffer).not.toBe(c.buffer);
    expect(toHex(f3!)).toBe('eeff');
    const owned = createDecoder({ format: 'length-prefixed', engine, copy: true }).push(a);
    expect(owned[0]!.buffer).not.toBe(a.buffer);
    expect(owned[0]!.byteLength).toBe(owned[0]!.buffer.byteLength);
  });

  it('a large frame arriving in small chunks is assembled without buffering it in the core', () => {
    const payload = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7) & 255);
    const wire = encodeFrame({ format: 'length-prefixed' }, payload);
    const dec = createDecoder({ format: 'length-prefixed', engine });
    const frames: Uint8Array[] = [];
    let maxBuffered = 0;
    for (let i = 0; i < wire.length; i += 16 * 1024) {
      frames.push(...dec.push(wire.slice(i, i + 16 * 1024)));
      maxBuffered = Math.max(maxBuffered, dec.bufferedBytes);
    }
    frames.push(...dec.end());
    expect(framesDiff(frames, [payload])).toBeUndefined();
    expect(maxBuffered).toBeLessThanOrEqual(payload.length);
    expect(dec.bufferedBytes).toBe(0);
  });

  it('one huge chunk holding many frames is fed window by window', () => {
    const payloads = Array.from({ length: 5000 }, (_, i) => new Uint8Array(i % 300).fill(i & 255));
    const wire = concat(payloads.map((p) => encodeFrame({ format: 'length-prefixed', lengthFieldLength: 'varint' }, p)));
    const r = decodeChunks({ format: 'length-prefixed', lengthFieldLength: 'varint', engine }, [wire]);
    expect(r.error).toBeUndefined();
    expect(framesDiff(r.frames, payloads)).toBeUndefined();
  });

  it('accepts every BufferSource and rejects anything else with a clear invalid-chunk error', () => {
    const dec = createDecoder({ format: 'length-prefixed', lengthFieldLength: 1, engine });
    expect(hexes(dec.push(new Uint8Array([1, 0xaa])))).toEqual(['aa']);
    expect(hexes(dec.push(new Uint8Array([1, 0xbb]).buffer))).toEqual(['bb']);
    expect(hexes(dec.push(new DataView(new Uint8Array([9, 1, 0xcc, 9]).buffer, 1, 2)))).toEqual(['cc']);
    expect(hexes(dec.push(new Uint16Array([0xdd01])))).toEqual(['dd']);
    let err: unknown;
    try {
      dec.push('hello' as unknown as Uint8Array);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FrameError);
    expect((err as FrameError).code).toBe(FrameErrorCode.InvalidChunk);
    expect((err as FrameError).message).toMatch(/expected a BufferSource.*got string/);
    expect((err as FrameError).offset).toBe(8);
  });

  it('a FrameStream fed a non-BufferSource errors with invalid-chunk', async () => {
    const src = new ReadableStream<unknown>({ start(c) { c.enqueue(42); c.close(); } });
    const reader = (src as ReadableStream<Uint8Array>).pipeThrough(new FrameStream({ format: 'length-prefixed', engine })).getReader();
    await expect(reader.read()).rejects.toMatchObject({ code: 'invalid-chunk' });
  });

  it('refuses use after it failed or ended', () => {
    const dec = createDecoder({ format: 'length-prefixed', engine });
    expect(dec.end()).toEqual([]);
    expect(() => dec.push(new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'closed' }));
  });
});

describe('length-prefixed encoder', () => {
  it.each(good.filter((v) => {
    const o = v.options;
    return !o.lengthFieldOffset && o.initialBytesToStrip === undefined && v.frames.length > 0 && v.canonical !== false;
  }).map((v) => [v.name, v] as const))('encodes %s byte-exactly', (_n, v) => {
    const wire = concat(v.frames.map((f) => encodeFrame({ format: 'length-prefixed', ...v.options }, hexBytes(f))));
    expect(toHex(wire)).toBe(v.bytes);
  });

  it('matches Netty LengthFieldPrepender(2, lengthIncludesLengthFieldLength=true)', () => {
    // Netty's prepender with "includes" writes payload + 2; our decoder calls that lengthAdjustment -2.
    expect(toHex(encodeFrame({ format: 'length-prefixed', lengthFieldLength: 2, lengthAdjustment: -2 }, hexBytes('aabbcc')))).toBe('0005aabbcc');
  });

  it('refuses what it cannot write, with reasons', () => {
    expect(() => encodeFrame({ format: 'length-prefixed', lengthFieldLength: 1 }, new Uint8Array(256))).toThrow(/does not fit a 1-byte length field/);
    expect(() => encodeFrame({ format: 'length-prefixed', maxFrameLength: 5 }, new Uint8Array(2))).toThrow(/longer than maxFrameLength/);
    expect(() => encodeFrame({ format: 'length-prefixed', lengthFieldOffset: 2 }, new Uint8Array(2))).toThrow(/lengthFieldOffset must be 0/);
    expect(() => encodeFrame({ format: 'length-prefixed', lengthAdjustment: 5 }, new Uint8Array(2))).toThrow(/negative length field/);
  });

  it('FrameEncoderStream writes one frame per value and reports where a bad value would go', async () => {
    const input = streamOf([hexBytes('aa'), hexBytes('bbcc')]) as ReadableStream<Uint8Array>;
    const out: Uint8Array[] = [];
    for await (const c of input.pipeThrough(new FrameEncoderStream({ format: 'length-prefixed', lengthFieldLength: 1 }))) out.push(c);
    expect(out.map(toHex)).toEqual(['01aa', '02bbcc']);
    const failing = streamOf([hexBytes('aa'), new Uint8Array(300)]).pipeThrough(new FrameEncoderStream({ format: 'length-prefixed', lengthFieldLength: 1 }));
    const reader = failing.getReader();
    expect(toHex((await reader.read()).value!)).toBe('01aa');
    await expect(reader.read()).rejects.toMatchObject({ code: 'unencodable', offset: 2 });
  });
});

describe('options', () => {
  it.each([
    [{ lengthFieldLength: 5 }, /lengthFieldLength must be 1, 2, 3, 4, 8 or 'varint'/],
    [{ lengthFieldOffset: -1 }, /lengthFieldOffset must be an integer >= 0/],
    [{ byteOrder: 'middle' }, /byteOrder must be 'big' or 'little'/],
    [{ maxFrameLength: 1.5 }, /maxFrameLength must be an integer/],
    [{ engine: 'gpu' }, /engine must be 'auto', 'wasm' or 'js'/],
  ])('rejects %o when the decoder is built', (opts, msg) => {
    expect(() => createDecoder({ format: 'length-prefixed', ...(opts as object) })).toThrow(msg);
    expect(() => new FrameStream({ format: 'length-prefixed', ...(opts as object) })).toThrow(msg);
  });
  it('names the known formats for an unknown one', () => {
    expect(() => createDecoder({ format: 'morse' } as never)).toThrow(/unknown format "morse"; expected one of 'length-prefixed'/);
  });
});
