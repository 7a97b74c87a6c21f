/**
 * The contract between the engine driver and a scanner, shared by the AssemblyScript core
 * (`assembly/layout.ts` holds the same numbers; `test/wasm/core.test.ts` checks they agree)
 * and the pure-TS scanners in `src/engine/scan/`.
 *
 * A scanner looks at the pending bytes `buf[pos..end)` and writes one record per complete
 * frame into the record table, a Float64Array of `REC_SLOTS` slots per record:
 *
 *   slot 0  FRAME_START    buffer position of the frame's first wire byte (its stream offset)
 *   slot 1  PAYLOAD_START  buffer position of the first byte the frame delivers
 *   slot 2  PAYLOAD_END    buffer position after the last byte the frame delivers
 *   slot 3..7 META0..4     format-specific numbers (positions are relative to FRAME_START)
 *
 * PAYLOAD_START/PAYLOAD_END may lie beyond `end` only in the last record of a call, and only
 * when the format declared the payload's length: the driver then takes those bytes straight
 * from the input chunks (no buffering in linear memory), so a 32 MiB frame costs one copy.
 * The bytes between FRAME_START and min(PAYLOAD_START, end) (the "head") are always present.
 *
 * Scanner state is kept relative to `pos` (the first unconsumed byte), so the driver may move
 * the pending bytes (compaction) between calls without telling the scanner.
 */

/** Slots per record in the record table. */
export const REC_SLOTS = 8;
/** Records the table holds; a scan stops with TABLE_FULL when it is full. */
export const REC_CAPACITY = 1024;

export const FRAME_START = 0;
export const PAYLOAD_START = 1;
export const PAYLOAD_END = 2;
export const META0 = 3;
export const META1 = 4;
export const META2 = 5;
export const META3 = 6;
export const META4 = 7;

/** What a scan call returns. */
export const Status = {
  /** Everything up to `end` was examined; more bytes are needed to complete a frame. */
  NEED_MORE: 0,
  /** The record table is full: take the records and call again. */
  TABLE_FULL: 1,
  /** The input is invalid: see the error code and position. Records before it are valid. */
  ERROR: 2,
  /** A record's payload reaches beyond `end`: the driver completes it from the input. */
  PAYLOAD_PENDING: 3,
} as const;

/** Numeric error codes, as the scanners report them (mapped to `FrameErrorCode` strings in TS). */
export const ErrorNum = {
  TRUNCATED: 1,
  FRAME_TOO_LARGE: 2,
  BAD_LENGTH: 3,
  STRIP_EXCEEDS_FRAME: 4,
  VARINT_TOO_LONG: 5,
  VARINT_TOO_LARGE: 6,
  MALFORMED: 7,
  /** NATS: an op name the role does not accept (or whitespace before it). */
  UNKNOWN_OP: 8,
  /** NATS: a control line's arguments longer than the maximum (detail: their length so far). */
  LINE_TOO_LONG: 9,
} as const;

/** Scanner ids: the AssemblyScript core dispatches on these (`assembly/index.ts`). */
export const ScannerId = {
  LENGTH_PREFIXED: 1,
  DELIMITED: 2,
  AIM: 3,
  NATS: 4,
} as const;

/** Number of numeric configuration parameters a scanner receives. */
export const PARAM_SLOTS = 16;
/** Bytes of binary configuration a scanner receives (e.g. a delimiter). */
export const CONFIG_BYTES = 256;
