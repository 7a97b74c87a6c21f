import { describe, expect, it } from 'vitest';
import { createDecoder, encodeFrame } from '../../src/index.ts';
import * as layout from '../../src/engine/layout.ts';
import { instantiateCore, wasmAvailable } from '../../src/engine/wasm_module.ts';
import { ENGINES } from '../support/engines.ts';

describe('wasm core', () => {
  it('is available here and agrees with src/engine/layout.ts', () => {
    expect(wasmAvailable()).toBe(true);
    const x = instantiateCore();
    expect(x.recSlots()).toBe(layout.REC_SLOTS);
    expect(x.recCapacity()).toBe(layout.REC_CAPACITY);
    expect(x.paramSlots()).toBe(layout.PARAM_SLOTS);
    expect(x.configBytes()).toBe(layout.CONFIG_BYTES);
    // Regions in order, 16-byte aligned, not overlapping: params, config, records, buffer.
    expect(x.configPtr()).toBe(x.paramsPtr() + layout.PARAM_SLOTS * 8);
    expect(x.outPtr()).toBeGreaterThanOrEqual(x.configPtr() + layout.CONFIG_BYTES);
    expect(x.bufPtr()).toBeGreaterThanOrEqual(x.outPtr() + layout.REC_CAPACITY * layout.REC_SLOTS * 8);
    expect(x.bufPtr() % 16).toBe(0);
  });

  it('each decoder has its own instance and memory', () => {
    const a = createDecoder({ format: 'length-prefixed', lengthFieldLength: 1, engine: 'wasm' });
    const b = createDecoder({ format: 'length-prefixed', lengthFieldLength: 1, engine: 'wasm' });
    a.push(new Uint8Array([3, 1]));
    expect(b.push(new Uint8Array([1, 9]))).toEqual([new Uint8Array([9])]);
    expect(a.push(new Uint8Array([2, 3]))).toEqual([new Uint8Array([1, 2, 3])]);
  });

  it('memory.copy compaction keeps a frame split at every window edge intact', () => {
    // 64 KiB + 3 windows with frames straddling each window edge: compaction moves partial headers.
    const payloads = Array.from({ length: 9000 }, (_, i) => new Uint8Array(20 + (i % 13)).fill(i & 255));
    const wire = new Uint8Array(payloads.reduce((n, p) => n + 2 + p.length, 0));
    let o = 0;
    for (const p of payloads) {
      wire.set(encodeFrame({ format: 'length-prefixed', lengthFieldLength: 2 }, p), o);
      o += 2 + p.length;
    }
    for (const size of [65535, 65536, 65537, 100_000]) {
      const dec = createDecoder({ format: 'length-prefixed', lengthFieldLength: 2, engine: 'wasm' });
      const got: Uint8Array[] = [];
      for (let i = 0; i < wire.length; i += size) got.push(...dec.push(wire.slice(i, i + size)));
      got.push(...dec.end());
      expect(got).toEqual(payloads);
    }
  });
});

describe.each(ENGINES)('bounded memory, %s engine', (engine) => {
  it('many small frames in 64 KiB chunks: the buffer stays at one window', () => {
    const frame = encodeFrame({ format: 'length-prefixed' }, new Uint8Array(12));
    // 64 KiB + 7 is not a multiple of the frame size: headers straddle chunk edges.
    const period = Array.from({ length: frame.length }, (_, phase) => {
      const c = new Uint8Array(64 * 1024 + 7);
      for (let i = 0; i < c.length; i++) c[i] = frame[(phase + i) % frame.length]!;
      return c;
    });
    const dec = createDecoder({ format: 'length-prefixed', engine });
    let frames = 0;
    let sent = 0;
    for (let i = 0; i < 200; i++) {
      const c = period[sent % frame.length]!.slice(); // ~13 MiB in all
      frames += dec.push(c).length;
      sent += c.length;
    }
    expect(frames).toBeGreaterThan(800_000);
    expect(dec.bufferCapacity).toBeLessThanOrEqual(2 * 64 * 1024);
    expect(dec.bufferedBytes).toBeLessThan(frame.length);
  });

  it('a 24 MiB frame in 64 KiB chunks never enters the core buffer', () => {
    const size = 24 * 1024 * 1024;
    const dec = createDecoder({ format: 'length-prefixed', maxFrameLength: 32 * 1024 * 1024, engine });
    const header = new Uint8Array([size >>> 24, (size >>> 16) & 255, (size >>> 8) & 255, size & 255]);
    const chunk = new Uint8Array(64 * 1024).fill(0x5a);
    const first = new Uint8Array(64 * 1024);
    first.set(header);
    first.fill(0x5a, 4);
    let got: Uint8Array[] = dec.push(first);
    for (let sent = first.length - 4; sent < size; sent += chunk.length) {
      const rest = Math.min(chunk.length, size - sent);
      got = got.concat(dec.push(chunk.subarray(0, rest)));
    }
    expect(got).toHaveLength(1);
    expect(got[0]!.length).toBe(size);
    expect(dec.bufferCapacity).toBeLessThanOrEqual(2 * 64 * 1024);
  });
});
