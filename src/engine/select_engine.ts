import type { CommonOptions } from '../options.ts';
import type { FormatDef } from '../formats/format.ts';
import type { Core } from './core.ts';
import { TsCore } from './ts_core.ts';
import { WasmCore } from './wasm_core.ts';
import { wasmAvailable } from './wasm_module.ts';

/** Builds the core the `engine` option asks for. */
export function createCore(format: FormatDef<unknown>, engine: CommonOptions['engine'] = 'auto'): Core {
  if (engine !== 'auto' && engine !== 'wasm' && engine !== 'js') {
    throw new RangeError(`engine must be 'auto', 'wasm' or 'js', got ${JSON.stringify(engine)}`);
  }
  if (engine === 'js' || (engine === 'auto' && !wasmAvailable())) return new TsCore(format.createScanner());
  if (!wasmAvailable()) throw new Error("engine: 'wasm' was requested, but this runtime has no WebAssembly with SIMD");
  return new WasmCore(format.scannerId, format.params, format.config);
}
