// Mirror of src/engine/layout.ts (test/wasm/core.test.ts checks the exported values agree).

export const REC_SLOTS: i32 = 8;
export const REC_CAPACITY: i32 = 1024;

export const FRAME_START: i32 = 0;
export const PAYLOAD_START: i32 = 1;
export const PAYLOAD_END: i32 = 2;
export const META0: i32 = 3;
export const META1: i32 = 4;
export const META2: i32 = 5;
export const META3: i32 = 6;
export const META4: i32 = 7;

export const NEED_MORE: i32 = 0;
export const TABLE_FULL: i32 = 1;
export const ERROR: i32 = 2;
export const PAYLOAD_PENDING: i32 = 3;

export const ERR_TRUNCATED: i32 = 1;
export const ERR_FRAME_TOO_LARGE: i32 = 2;
export const ERR_BAD_LENGTH: i32 = 3;
export const ERR_STRIP_EXCEEDS_FRAME: i32 = 4;
export const ERR_VARINT_TOO_LONG: i32 = 5;
export const ERR_VARINT_TOO_LARGE: i32 = 6;
export const ERR_MALFORMED: i32 = 7;
export const ERR_UNKNOWN_OP: i32 = 8;
export const ERR_LINE_TOO_LONG: i32 = 9;

export const SCANNER_LENGTH_PREFIXED: i32 = 1;
export const SCANNER_DELIMITED: i32 = 2;
export const SCANNER_AIM: i32 = 3;
export const SCANNER_NATS: i32 = 4;

export const PARAM_SLOTS: i32 = 16;
export const CONFIG_BYTES: i32 = 256;
