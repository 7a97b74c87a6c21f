// The record table and scan results, in linear memory and globals (twin of src/engine/scanner.ts ScanOutput).
import { REC_CAPACITY, REC_SLOTS } from './layout';
import { OUT_PTR } from './memory';

/** Records written by the current call. */
export let outCount: i32 = 0;
/** Buffer position after the last consumed byte (may exceed `end` with PAYLOAD_PENDING). */
export let outConsumed: f64 = 0;
export let errCode: i32 = 0;
export let errPos: f64 = 0;
export let errDetail: f64 = 0;

export function resetOut(): void {
  outCount = 0;
  errCode = 0;
  errPos = 0;
  errDetail = 0;
}

export function setConsumed(pos: f64): void {
  outConsumed = pos;
}

/** Appends a record; returns false when the table is full (the scanner must then stop). */
// @ts-ignore: decorator
@inline
export function emit(frameStart: f64, payloadStart: f64, payloadEnd: f64, m0: f64, m1: f64, m2: f64, m3: f64, m4: f64): bool {
  const p = OUT_PTR + (<usize>(outCount * REC_SLOTS) << 3);
  store<f64>(p, frameStart);
  store<f64>(p, payloadStart, 8);
  store<f64>(p, payloadEnd, 16);
  store<f64>(p, m0, 24);
  store<f64>(p, m1, 32);
  store<f64>(p, m2, 40);
  store<f64>(p, m3, 48);
  store<f64>(p, m4, 56);
  outCount++;
  return outCount < REC_CAPACITY;
}

export function fail(code: i32, pos: f64, detail: f64): void {
  errCode = code;
  errPos = pos;
  errDetail = detail;
}
