import { WASM_BASE64 } from '../../build/wasm_bytes.ts';

/** The core's exports (assembly/index.ts). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  paramsPtr(): number;
  configPtr(): number;
  outPtr(): number;
  bufPtr(): number;
  recSlots(): number;
  recCapacity(): number;
  paramSlots(): number;
  configBytes(): number;
  configure(id: number): number;
  reserve(bytes: number): number;
  compact(from: number, len: number): void;
  scan(pos: number, end: number): number;
  finish(pos: number, end: number): number;
  count(): number;
  consumed(): number;
  errorCode(): number;
  errorPos(): number;
  errorDetail(): number;
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  // atob is global in Node >= 16, Deno, Bun and browsers; Buffer is not.
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let compiled: WebAssembly.Module | undefined;
let availability: boolean | undefined;

/**
 * Whether this runtime can run the core: WebAssembly present and the module (which uses SIMD)
 * valid. Checked once.
 */
export function wasmAvailable(): boolean {
  if (availability === undefined) {
    try {
      availability = typeof WebAssembly === 'object' && typeof WebAssembly.validate === 'function' &&
        WebAssembly.validate(decodeBase64(WASM_BASE64));
    } catch {
      availability = false;
    }
  }
  return availability;
}

/**
 * A fresh instance (own memory) of the core. Compiled once, synchronously: the module is a few
 * KB, far below the 8 MB where browsers forbid synchronous compilation on the main thread.
 */
export function instantiateCore(): CoreExports {
  compiled ??= new WebAssembly.Module(decodeBase64(WASM_BASE64));
  return new WebAssembly.Instance(compiled, {}).exports as unknown as CoreExports;
}
