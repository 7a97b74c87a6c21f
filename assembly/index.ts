// The framestream core: owns the pending bytes in linear memory and finds frame boundaries.
// It never decodes payloads; src/engine/wasm_engine.ts drives it (see src/engine/layout.ts).
import {
  CONFIG_BYTES, ERROR, PARAM_SLOTS, REC_CAPACITY, REC_SLOTS, SCANNER_AIM, SCANNER_DELIMITED, SCANNER_LENGTH_PREFIXED,
  SCANNER_NATS,
} from './layout';
import { BUF_PTR, compactBuffer, CONFIG_PTR, OUT_PTR, PARAMS_PTR, reserveBuffer } from './memory';
import { errCode, errDetail, errPos, fail, outConsumed, outCount, resetOut } from './out';
import { aimConfigure, aimFinish, aimScan } from './scan/aim';
import { dlConfigure, dlFinish, dlScan } from './scan/delimited';
import { lpConfigure, lpFinish, lpScan } from './scan/length_prefixed';
import { natsConfigure, natsFinish, natsScan } from './scan/nats';

let scanner: i32 = 0;

export function paramsPtr(): usize { return PARAMS_PTR; }
export function configPtr(): usize { return CONFIG_PTR; }
export function outPtr(): usize { return OUT_PTR; }
export function bufPtr(): usize { return BUF_PTR; }
export function recSlots(): i32 { return REC_SLOTS; }
export function recCapacity(): i32 { return REC_CAPACITY; }
export function paramSlots(): i32 { return PARAM_SLOTS; }
export function configBytes(): i32 { return CONFIG_BYTES; }

/** Selects and configures a scanner from the parameters written at paramsPtr()/configPtr(). */
export function configure(id: i32): i32 {
  scanner = id;
  if (id == SCANNER_LENGTH_PREFIXED) { lpConfigure(); return 1; }
  if (id == SCANNER_NATS) { natsConfigure(); return 1; }
  if (id == SCANNER_AIM) { aimConfigure(); return 1; }
  if (id == SCANNER_DELIMITED) { dlConfigure(); return 1; }
  return 0;
}

/** Room for `bytes` pending bytes; 1 = memory grew (recreate views), 0 = no change, -1 = out of memory. */
export function reserve(bytes: i32): i32 { return reserveBuffer(bytes); }

/** Moves `len` bytes at buffer position `from` to position 0 (memory.copy). */
export function compact(from: i32, len: i32): void { compactBuffer(from, len); }

/** Scans buffer[pos..end); returns a Status. Results: count(), consumed(), error*(). */
export function scan(pos: i32, end: i32): i32 {
  resetOut();
  if (scanner == SCANNER_LENGTH_PREFIXED) return lpScan(BUF_PTR, pos, end);
  if (scanner == SCANNER_NATS) return natsScan(BUF_PTR, pos, end);
  if (scanner == SCANNER_AIM) return aimScan(BUF_PTR, pos, end);
  if (scanner == SCANNER_DELIMITED) return dlScan(BUF_PTR, pos, end);
  fail(7, <f64>pos, 0);
  return ERROR;
}

/** End of input: buffer[pos..end) is all that is left. */
export function finish(pos: i32, end: i32): i32 {
  resetOut();
  if (scanner == SCANNER_LENGTH_PREFIXED) return lpFinish(BUF_PTR, pos, end);
  if (scanner == SCANNER_NATS) return natsFinish(BUF_PTR, pos, end);
  if (scanner == SCANNER_AIM) return aimFinish(BUF_PTR, pos, end);
  if (scanner == SCANNER_DELIMITED) return dlFinish(BUF_PTR, pos, end);
  fail(7, <f64>pos, 0);
  return ERROR;
}

export function count(): i32 { return outCount; }
export function consumed(): f64 { return outConsumed; }
export function errorCode(): i32 { return errCode; }
export function errorPos(): f64 { return errPos; }
export function errorDetail(): f64 { return errDetail; }
