/**
 * Runs the library in a realm without WebAssembly and reports what happened as plain data, so the
 * same checks work in-process (Node, Deno, Bun: vi.resetModules + dynamic import) and in a module
 * Worker (Chromium, where vitest cannot reset modules: without_wasm_worker.ts).
 *
 * It must not import the library statically: the library has to be evaluated after WebAssembly
 * is gone, because the wasm check is cached per module instance.
 */
export interface WithoutWasmReport {
  /** `typeof WebAssembly` when the library was imported. */
  webAssembly: string;
  /** Per engine option: the engine the decoder and the FrameStream got, and the frames (hex) each decoded. */
  results: { engine: string; decoderEngine: string; streamEngine: string; decoded: string[]; streamed: string[] }[];
  /** The error `engine: 'wasm'` threw (createDecoder, then FrameStream), or 'no error'. */
  wasmErrors: string[];
}

const WIRE = [0, 0, 0, 1, 0xaa, 0, 0, 0, 0, 0, 0, 0, 2, 0xbb, 0xcc];

function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function message(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Removes globalThis.WebAssembly (the caller restores it), then loads and exercises the library. */
export async function runWithoutWasm(): Promise<WithoutWasmReport> {
  delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
  const webAssembly = typeof WebAssembly;
  const lib = await import('../../src/index.ts');
  const wire = Uint8Array.from(WIRE);
  const results: WithoutWasmReport['results'] = [];
  for (const engine of ['js', 'auto'] as const) {
    const dec = lib.createDecoder({ format: 'length-prefixed', engine });
    const decoded = [...dec.push(wire.subarray(0, 7)), ...dec.push(wire.subarray(7)), ...dec.end()].map(hex);
    const stream = new lib.FrameStream({ format: 'length-prefixed', engine });
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(wire.slice(0, 3));
        c.enqueue(wire.slice(3));
        c.close();
      },
    });
    const streamed: string[] = [];
    for (const reader = source.pipeThrough(stream).getReader(); ;) {
      const r = await reader.read();
      if (r.done) break;
      streamed.push(hex(r.value));
    }
    results.push({ engine, decoderEngine: dec.engine, streamEngine: stream.engine, decoded, streamed });
  }
  const wasmErrors = [
    message(() => lib.createDecoder({ format: 'length-prefixed', engine: 'wasm' })),
    message(() => new lib.FrameStream({ format: 'length-prefixed', engine: 'wasm' })),
  ];
  return { webAssembly, results, wasmErrors };
}
