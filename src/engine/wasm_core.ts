import type { Core } from './core.ts';
import { CONFIG_BYTES, PARAM_SLOTS, REC_CAPACITY, REC_SLOTS } from './layout.ts';
import { instantiateCore, type CoreExports } from './wasm_module.ts';

/** The AssemblyScript core: pending bytes live in the instance's linear memory. */
export class WasmCore implements Core {
  readonly kind = 'wasm' as const;
  private readonly x: CoreExports;
  private readonly bufPtr: number;
  private readonly outPtr: number;
  buf!: Uint8Array;
  table!: Float64Array;

  constructor(scannerId: number, params: readonly number[], config?: Uint8Array) {
    const x = (this.x = instantiateCore());
    this.bufPtr = x.bufPtr();
    this.outPtr = x.outPtr();
    // The module starts with too little memory for its tables; make room for them and a first window.
    if (x.reserve(64 * 1024) < 0) throw new RangeError('the wasm core cannot allocate its first 64 KiB');
    if (params.length > PARAM_SLOTS) throw new RangeError(`at most ${PARAM_SLOTS} scanner parameters`);
    if (config && config.length > CONFIG_BYTES) throw new RangeError(`at most ${CONFIG_BYTES} config bytes`);
    new Float64Array(x.memory.buffer, x.paramsPtr(), PARAM_SLOTS).set(params);
    if (config) new Uint8Array(x.memory.buffer, x.configPtr(), CONFIG_BYTES).set(config);
    if (x.configure(scannerId) !== 1) throw new Error(`the wasm core has no scanner ${scannerId}`);
    this.refresh();
  }

  private refresh(): void {
    const mem = this.x.memory.buffer;
    this.buf = new Uint8Array(mem, this.bufPtr, mem.byteLength - this.bufPtr);
    this.table = new Float64Array(mem, this.outPtr, REC_CAPACITY * REC_SLOTS);
  }

  reserve(bytes: number): void {
    if (bytes <= this.buf.length) return;
    // memory.grow detaches the old ArrayBuffer: every view must be recreated.
    if (this.x.reserve(bytes) < 0) throw new RangeError(`the wasm core cannot grow to ${bytes} buffered bytes`);
    this.refresh();
  }

  compact(from: number, len: number): void { this.x.compact(from, len); }
  scan(pos: number, end: number): number { return this.x.scan(pos, end); }
  finish(pos: number, end: number): number { return this.x.finish(pos, end); }
  count(): number { return this.x.count(); }
  consumed(): number { return this.x.consumed(); }
  errorCode(): number { return this.x.errorCode(); }
  errorPos(): number { return this.x.errorPos(); }
  errorDetail(): number { return this.x.errorDetail(); }
}
