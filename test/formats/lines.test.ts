import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame, FrameEncoderStream, FrameError, FrameStream, type LinesOptions } from '../../src/index.ts';
import { at, CHUNKINGS, concat, hexBytes, oneByte, whole } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { decodeChunks, streamChunks } from '../support/run.ts';
import { linesBad, linesGood, tx, type LinesVectorOptions } from '../vectors/lines.ts';

/** Frames as the vectors write them: strings, or hex for `output: 'bytes'`. */
const shown = (o: LinesVectorOptions, frames: unknown[]) => (o.output === 'bytes' ? frames.map((f) => toHex(f as Uint8Array)) : frames);
const text = (s: string) => new TextEncoder().encode(s);

describe.each(ENGINES)('lines, %s engine', (engine) => {
  describe.each(CHUNKINGS.map((c) => [c.name, c] as const))('chunking %s', (_name, chunking) => {
    it.each(linesGood.map((v) => [v.name, v] as const))('decodes %s', (_n, v) => {
      const r = decodeChunks({ format: 'lines', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(shown(v.options, r.frames)).toEqual(v.frames);
    });
    it.each(linesBad.map((v) => [v.name, v] as const))('rejects %s', (_n, v) => {
      const r = decodeChunks({ format: 'lines', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(shown(v.options, r.frames)).toEqual(v.framesBefore);
      expect(r.error).toBeInstanceOf(FrameError);
      expect({ code: r.error!.code, offset: r.error!.offset, format: r.error!.format }).toEqual({ code: v.code, offset: v.offset, format: 'lines' });
    });
  });

  describe.each([whole, oneByte].map((c) => [c.name, c] as const))('FrameStream, chunking %s', (_name, chunking) => {
    it.each(linesGood.map((v) => [v.name, v] as const))('streams %s', async (_n, v) => {
      const r = await streamChunks({ format: 'lines', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(r.error).toBeUndefined();
      expect(shown(v.options, r.frames)).toEqual(v.frames);
    });
    it.each(linesBad.map((v) => [v.name, v] as const))('delivers the lines before %s, then errors', async (_n, v) => {
      const r = await streamChunks({ format: 'lines', engine, ...v.options }, chunking.cut(hexBytes(v.bytes)));
      expect(shown(v.options, r.frames)).toEqual(v.framesBefore);
      expect([r.error?.code, r.error?.offset]).toEqual([v.code, v.offset]);
    });
  });

  it('CRLF split between chunks, at every cut', () => {
    const bytes = text('a\r\nb\r\n\r\nc\r');
    for (let i = 1; i < bytes.length; i++) {
      const r = decodeChunks({ format: 'lines', engine }, at([i]).cut(bytes));
      expect([i, r.frames]).toEqual([i, ['a', 'b', '', 'c']]);
    }
    expect(decodeChunks({ format: 'lines', engine }, [text('a\r'), text('\n')]).frames).toEqual(['a']);
    expect(decodeChunks({ format: 'lines', engine, stripCR: false }, [text('a\r'), text('\n')]).frames).toEqual(['a\r']);
  });

  it('a 3-byte UTF-8 character split 1+2 and 2+1 between chunks', () => {
    const bytes = text('x€y\n€'); // 78 e2 82 ac 79 0a e2 82 ac
    const split12 = at([2, 7]); // e2 | 82 ac in both characters
    const split21 = at([3, 8]); // e2 82 | ac
    for (const c of [split12, split21]) {
      const chunks = c.cut(bytes);
      expect(chunks.map((b) => b.length)).toEqual(c === split12 ? [2, 5, 2] : [3, 5, 1]);
      expect(decodeChunks({ format: 'lines', engine }, chunks).frames).toEqual(['x€y', '€']);
      expect(decodeChunks({ format: 'lines', engine, fatal: true }, chunks).frames).toEqual(['x€y', '€']);
    }
  });

  it('a multi-byte delimiter split across chunks, at every pair of cuts', () => {
    const bytes = text('ab\r\n\r\nc\r\n\r\r\n\r\nd');
    const want = ['ab', 'c\r\n\r', 'd'];
    for (let i = 1; i < bytes.length; i++) {
      for (let j = i + 1; j < bytes.length; j++) {
        const r = decodeChunks({ format: 'lines', engine, delimiter: '\r\n\r\n' }, at([i, j]).cut(bytes));
        expect([i, j, r.frames]).toEqual([i, j, want]);
      }
    }
  });

  it('maxLineLength around the 64 KiB window: exactly the limit passes, one byte more fails', () => {
    const max = 64 * 1024 + 3;
    const ok = decodeChunks({ format: 'lines', engine, maxLineLength: max }, seeded(text('x'.repeat(max) + '\r\nok\n')));
    expect(ok.error).toBeUndefined();
    expect(ok.frames.map((f) => (f as string).length)).toEqual([max, 2]);
    const tooLong = decodeChunks({ format: 'lines', engine, maxLineLength: max }, seeded(text('ok\n' + 'x'.repeat(max + 1) + '\n')));
    expect(tooLong.frames).toEqual(['ok']);
    expect([tooLong.error?.code, tooLong.error?.offset]).toEqual(['frame-too-large', 3]);
    expect(tooLong.error?.message).toMatch(`longer than maxLineLength (${max})`);
  });

  it('fails fast on a too-long line: never buffers much more than maxLineLength', () => {
    const dec = createDecoder({ format: 'lines', engine, maxLineLength: 100_000 });
    const chunk = new Uint8Array(64 * 1024).fill(0x78);
    let pushes = 0;
    let error: FrameError | undefined;
    try {
      for (; pushes < 1000; pushes++) dec.push(chunk);
    } catch (e) {
      error = e as FrameError;
    }
    expect(pushes).toBe(1); // the second chunk takes the line past 100000 bytes
    expect([error?.code, error?.offset]).toEqual(['frame-too-large', 0]);
  });

  it('a long line in small chunks: the buffer holds the line, not a multiple of it', () => {
    const line = 'y'.repeat(3 * 1024 * 1024);
    const bytes = text(line + '\n');
    const dec = createDecoder({ format: 'lines', engine });
    let maxBuffered = 0;
    const frames: string[] = [];
    for (let i = 0; i < bytes.length; i += 64 * 1024) {
      frames.push(...(dec.push(bytes.subarray(i, i + 64 * 1024)) as string[]));
      maxBuffered = Math.max(maxBuffered, dec.bufferedBytes);
    }
    frames.push(...(dec.end() as string[]));
    expect(frames).toEqual([line]);
    expect(maxBuffered).toBeLessThanOrEqual(bytes.length);
    expect(dec.bufferedBytes).toBe(0);
  });

  it('text lines are decoded from the engine buffer; bytes lines are views of the input chunk, or own copies', () => {
    const a = text('one\ntw');
    const b = text('o\nthree\n');
    const dec = createDecoder({ format: 'lines', engine, output: 'bytes' });
    const [one] = dec.push(a);
    const [two, three] = dec.push(b);
    expect(one!.buffer).toBe(a.buffer);
    expect(two!.buffer).not.toBe(a.buffer);
    expect(two!.buffer).not.toBe(b.buffer);
    expect(three!.buffer).toBe(b.buffer);
    expect([one, two, three].map((f) => new TextDecoder().decode(f))).toEqual(['one', 'two', 'three']);
    const copied = createDecoder({ format: 'lines', engine, output: 'bytes', copy: true }).push(a);
    expect(copied[0]!.buffer).not.toBe(a.buffer);
  });

  it('errors name the limit and the line', () => {
    const r = decodeChunks({ format: 'lines', engine, unterminatedLastLine: 'error' }, [text('a\nbc')]);
    expect(r.error?.message).toMatch(/stream ended inside a line \(2 bytes without a delimiter/);
    const u = decodeChunks({ format: 'lines', engine, fatal: true }, [hexBytes('61ff0a')]);
    expect(u.error?.cause).toBeInstanceOf(TypeError);
  });

  it('round trip: encode, cut anywhere, decode (fast-check)', () => {
    const delimiters = fc.constantFrom<LinesOptions['delimiter']>('\n', '\0', '\r\n\r\n', 'ab', new Uint8Array([0xff]));
    fc.assert(
      fc.property(delimiters, fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 8 }), (delimiter, values, cuts) => {
        const o = { format: 'lines', delimiter } as const;
        const encode = (v: string) => {
          try {
            return encodeFrame(o, v);
          } catch (e) {
            if (e instanceof FrameError && e.code === 'unencodable') return undefined;
            throw e;
          }
        };
        // Values the encoder refuses (holding the delimiter, ending in '\r') drop out.
        const kept: string[] = [];
        const wire: Uint8Array[] = [];
        for (const v of values) {
          const w = encode(v);
          if (w) { kept.push(v); wire.push(w); }
        }
        const bytes = concat(wire);
        const r = decodeChunks({ ...o, engine }, at(cuts.map((c) => c % (bytes.length + 1))).cut(bytes));
        expect(r.error).toBeUndefined();
        expect(r.frames).toEqual(kept);
      }),
      { seed: 0x11e5, numRuns: 200 },
    );
  });

  it('round trip of bytes lines (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }).filter((b) => !b.includes(0)), { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 8 }), (values, cuts) => {
        const o = { format: 'lines', delimiter: '\0', output: 'bytes' } as const;
        const bytes = concat(values.map((v) => encodeFrame(o, v)));
        const r = decodeChunks({ ...o, engine }, at(cuts.map((c) => c % (bytes.length + 1))).cut(bytes));
        expect(r.error).toBeUndefined();
        expect(r.frames.map((f) => toHex(f as Uint8Array))).toEqual(values.map(toHex));
      }),
      { seed: 0xb17e5, numRuns: 200 },
    );
  });
});

/** A seeded random chunking for inputs too big for 1-byte chunks. */
function seeded(bytes: Uint8Array): Uint8Array[] {
  return CHUNKINGS[4]!.cut(bytes);
}

describe('lines: wasm and js engines agree on any input (fast-check)', () => {
  it('same lines, same error code and offset', () => {
    const alphabet = fc.constantFrom(0x61, 0x0d, 0x0a, 0x00, 0xe2, 0x82, 0xac, 0xff, 0xef, 0xbb, 0xbf);
    const options = fc.record({
      delimiter: fc.constantFrom('\n', '\0', '\r\n', 'a\na'),
      maxLineLength: fc.integer({ min: 0, max: 12 }),
      stripCR: fc.boolean(),
      keepDelimiter: fc.boolean(),
      unterminatedLastLine: fc.constantFrom('deliver', 'error'),
      fatal: fc.boolean(),
      output: fc.constantFrom('text', 'bytes'),
    }) as fc.Arbitrary<LinesVectorOptions>;
    fc.assert(
      fc.property(options, fc.array(alphabet, { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 6 }), (o, bytes, cuts) => {
        const input = Uint8Array.from(bytes);
        const results = ENGINES.map((engine) => {
          const r = decodeChunks({ format: 'lines', engine, ...o }, at(cuts.map((c) => c % (input.length + 1))).cut(input));
          return { frames: shown(o, r.frames), error: r.error && [r.error.code, r.error.offset] };
        });
        expect(results[0]).toEqual(results[1]);
        // The same input, whole, gives the same result (chunking never changes the outcome).
        const r = decodeChunks({ format: 'lines', engine: 'js', ...o }, [input]);
        expect({ frames: shown(o, r.frames), error: r.error && [r.error.code, r.error.offset] }).toEqual(results[0]);
      }),
      { seed: 0xfa11, numRuns: 500 },
    );
  });
});

describe('lines: text output is each line decoded on its own (fast-check)', () => {
  it('equals TextDecoder over each bytes line, BOM stripped at offset 0 only', () => {
    // Runs of lines are decoded at once and sliced; this checks the slices against the oracle,
    // with delimiters that are whole characters (sliced) and one that is not (line by line).
    // Mostly whole characters (so that runs are often valid UTF-8), some stray bytes.
    const piece = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom([0x61], [0x0a], [0x0d], [0xe2, 0x82, 0xac], [0xc3, 0xa9], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0xc2, 0x82], [0x61, 0x0a]) },
      { weight: 1, arbitrary: fc.constantFrom([0xff], [0xe2, 0x82], [0x82], [0xbf]) },
      { weight: 4, arbitrary: fc.constantFrom([0x0d, 0x0a], [0xc3, 0xa9, 0x0d, 0x0a]) },
    );
    const delimiter = fc.constantFrom<LinesOptions['delimiter']>('\n', '€', 'é', new Uint8Array([0x82, 0x61]), new Uint8Array([0xbf]), new Uint8Array([0x82]));
    const oracle = new TextDecoder('utf-8', { ignoreBOM: false });
    fc.assert(
      fc.property(delimiter, fc.boolean(), fc.boolean(), fc.array(piece, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom(...ENGINES), (d, keepDelimiter, stripCR, pieces, cuts, engine) => {
        const input = Uint8Array.from(pieces.flat());
        const chunks = () => at(cuts.map((c) => c % (input.length + 1))).cut(input);
        const o = { format: 'lines', delimiter: d, keepDelimiter, stripCR, engine } as const;
        const asText = decodeChunks(o, chunks());
        const asBytes = decodeChunks({ ...o, output: 'bytes' }, chunks());
        // ignoreBOM: false strips a BOM at the start of each decode; only the first line may lose one.
        const want = asBytes.frames.map((f, i) => (i === 0 ? oracle.decode(f as Uint8Array) : new TextDecoder('utf-8', { ignoreBOM: true }).decode(f as Uint8Array)));
        expect(asText.frames).toEqual(want);
      }),
      { seed: 0x7e47, numRuns: 800 },
    );
  });
});

describe('lines encoder', () => {
  it('writes the line and the delimiter, byte-exactly', () => {
    expect(toHex(encodeFrame({ format: 'lines' }, 'a€'))).toBe(tx('a€\n'));
    expect(toHex(encodeFrame({ format: 'lines', delimiter: '\r\n\r\n' }, 'x'))).toBe(tx('x\r\n\r\n'));
    expect(toHex(encodeFrame({ format: 'lines', delimiter: '\0' }, new Uint8Array([1, 2])))).toBe('010200');
    expect(toHex(encodeFrame({ format: 'lines', stripCR: false }, 'a\r'))).toBe(tx('a\r\n'));
    expect(toHex(encodeFrame({ format: 'lines' }, ''))).toBe('0a');
  });

  it('refuses what would not decode back to itself, with reasons', () => {
    expect(() => encodeFrame({ format: 'lines' }, 'a\nb')).toThrow(/holds the delimiter at byte 1/);
    // 'a' + 'aa' would decode as '' then 'a': the delimiter starts inside the value.
    expect(() => encodeFrame({ format: 'lines', delimiter: 'aa' }, 'a')).toThrow(/holds the delimiter at byte 0/);
    expect(() => encodeFrame({ format: 'lines' }, 'a\r')).toThrow(/ends in '\\r'/);
    expect(() => encodeFrame({ format: 'lines', maxLineLength: 2 }, 'abc')).toThrow(/longer than maxLineLength \(2\)/);
    expect(() => encodeFrame({ format: 'lines' }, 42 as never)).toThrow(/expected a string or a Uint8Array, got number/);
    expect(() => encodeFrame({ format: 'lines' }, 'a\nb')).toThrow(expect.objectContaining({ code: 'unencodable', format: 'lines' }));
  });

  it('FrameEncoderStream writes one line per value and reports where a bad value would go', async () => {
    const input = new ReadableStream<string>({ start(c) { c.enqueue('one'); c.enqueue('two'); c.enqueue('bad\n'); c.close(); } });
    const reader = input.pipeThrough(new FrameEncoderStream({ format: 'lines' })).getReader();
    expect(toHex((await reader.read()).value!)).toBe(tx('one\n'));
    expect(toHex((await reader.read()).value!)).toBe(tx('two\n'));
    await expect(reader.read()).rejects.toMatchObject({ code: 'unencodable', offset: 8 });
  });
});

describe('lines options', () => {
  it.each([
    [{ delimiter: '' }, /delimiter must be 1 to 256 bytes, got 0/],
    [{ delimiter: 'x'.repeat(257) }, /delimiter must be 1 to 256 bytes, got 257/],
    [{ delimiter: 10 }, /delimiter must be a string or a Uint8Array/],
    [{ maxLineLength: -1 }, /maxLineLength must be an integer >= 0/],
    [{ output: 'json' }, /output must be 'text' or 'bytes'/],
    [{ unterminatedLastLine: 'drop' }, /unterminatedLastLine must be 'deliver' or 'error'/],
    [{ stripCR: 'yes' }, /stripCR must be a boolean/],
    [{ fatal: 1 }, /fatal must be a boolean/],
  ])('rejects %o when the decoder is built', (opts, msg) => {
    expect(() => createDecoder({ format: 'lines', ...(opts as object) })).toThrow(msg);
    expect(() => new FrameStream({ format: 'lines', ...(opts as object) })).toThrow(msg);
  });
});
