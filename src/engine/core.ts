/**
 * The part of an engine that holds pending bytes and runs a scanner over them. Two
 * implementations with identical behaviour: `WasmCore` (the AssemblyScript module, bytes in
 * linear memory) and `TsCore` (a pure-TS twin: the fallback where WebAssembly is missing, and the
 * test oracle). The driver (`decoder.ts`) is shared, so the two can only differ in their scanners.
 */
export interface Core {
  readonly kind: 'wasm' | 'js';
  /** View of the pending-bytes buffer from position 0. Re-read after `reserve`: it may be replaced. */
  readonly buf: Uint8Array;
  /** The record table (see layout.ts). Re-read after `reserve`. */
  readonly table: Float64Array;
  /** Makes `buf` at least `bytes` long. */
  reserve(bytes: number): void;
  /** Moves `len` bytes from position `from` to position 0. */
  compact(from: number, len: number): void;
  /** Runs the scanner over buf[pos..end); returns a Status. */
  scan(pos: number, end: number): number;
  /** End of input; returns a Status. */
  finish(pos: number, end: number): number;
  /** Results of the last scan/finish. */
  count(): number;
  consumed(): number;
  errorCode(): number;
  errorPos(): number;
  errorDetail(): number;
}
