/**
 * Which engine each runtime gets: 'auto' must load the wasm core in Node, Deno, Bun and Chromium,
 * and the library must still work (on the js engine) where WebAssembly is missing.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDecoder, FrameStream } from '../../src/index.ts';
import { hexBytes } from '../support/chunkings.ts';
import { toHex } from '../support/hex.ts';
import { readAll } from '../support/loopback.ts';
import { streamOf } from '../support/run.ts';
import { expectedRuntime, runtimeName } from '../support/runtime.ts';
import type { WithoutWasmReport } from './without_wasm.ts';

const WIRE = hexBytes('00000001aa0000000000000002bbcc');
const FRAMES = ['aa', '', 'bbcc'];
const hexes = (frames: unknown[]) => frames.map((f) => toHex(f as Uint8Array));

describe(`runtime ${runtimeName()}`, () => {
  it('is the runtime this run was started for', () => {
    // Guards the runner setup: e.g. `bun` without `--bun` would quietly run the suite in Node.
    expect(runtimeName()).toBe(expectedRuntime());
  });

  it("engine 'auto' loads the wasm core", async () => {
    expect(typeof WebAssembly).toBe('object');
    const stream = new FrameStream({ format: 'length-prefixed' });
    expect(stream.engine).toBe('wasm');
    const dec = createDecoder({ format: 'length-prefixed', engine: 'auto' });
    expect(dec.engine).toBe('wasm');
    expect(hexes([...dec.push(WIRE), ...dec.end()])).toEqual(FRAMES);
    const r = await readAll(streamOf([WIRE]).pipeThrough(stream));
    expect(r.error).toBeUndefined();
    expect(hexes(r.values)).toEqual(FRAMES);
  });
});

/** In Chromium: a module Worker is a fresh realm, so the library is evaluated there without WebAssembly. */
function inWorker(): Promise<WithoutWasmReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./without_wasm_worker.ts', import.meta.url), { type: 'module' });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error('the without-WebAssembly worker did not answer in 20 s'));
    }, 20_000);
    worker.onmessage = (e: MessageEvent<{ report?: WithoutWasmReport; error?: string }>) => {
      clearTimeout(timer);
      worker.terminate();
      if (e.data.report) resolve(e.data.report);
      else reject(new Error(e.data.error));
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(`worker error: ${e.message}`));
    };
  });
}

/** In Node, Deno and Bun: drop the module cache so the dynamic import evaluates the library afresh. */
async function inProcess(): Promise<WithoutWasmReport> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly')!;
  vi.resetModules();
  try {
    const { runWithoutWasm } = await import('./without_wasm.ts');
    return await runWithoutWasm();
  } finally {
    Object.defineProperty(globalThis, 'WebAssembly', saved);
    vi.resetModules();
  }
}

describe(`runtime ${runtimeName()} without WebAssembly`, () => {
  it("engines 'js' and 'auto' decode on the pure-TS engine; 'wasm' throws a clear error", async () => {
    const report = runtimeName() === 'browser' ? await inWorker() : await inProcess();
    expect(report.webAssembly).toBe('undefined');
    expect(report.results).toEqual(['js', 'auto'].map((engine) => ({
      engine, decoderEngine: 'js', streamEngine: 'js', decoded: FRAMES, streamed: FRAMES,
    })));
    expect(report.wasmErrors).toEqual([
      expect.stringMatching(/engine: 'wasm' was requested, but this runtime has no WebAssembly/),
      expect.stringMatching(/engine: 'wasm' was requested, but this runtime has no WebAssembly/),
    ]);
    // WebAssembly is back, and the library loaded at the top of this file still uses it.
    expect(typeof WebAssembly).toBe('object');
    expect(createDecoder({ format: 'length-prefixed' }).engine).toBe('wasm');
  });
});
