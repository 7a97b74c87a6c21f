/**
 * Aim's key (path) and value codecs, as test/fixtures/aim/README.md sections 2 and 3 specify
 * them (Aim's `encoding.pyx` / `encoding_native.pyx`). Pure functions over complete byte
 * strings: framing lives in `aim.ts`, trees in `aim_tree.ts`.
 *
 * @module
 */
import { concatBytes } from '../util/bytes.ts';

/** A path element: a string, or an int64 (a `number` when it is a safe integer, else a `bigint`). */
export type AimKey = string | number | bigint;
/** A decoded key: the path from the tree's root, `[]` for the root itself. */
export type AimPath = AimKey[];

/** A record's value when it is a container marker rather than data. */
export type AimFlag =
  | { readonly flag: 'array' }
  | { readonly flag: 'object' }
  | { readonly flag: 'custom_object'; readonly name: string };

/**
 * A decoded value: `null` (None), boolean, number (float, or int within +-(2^53 - 1)), bigint
 * (int beyond that), string, Uint8Array (bytes), an `AimFlag`, or `undefined` for a type byte
 * Aim does not know (Aim's Python decoder returns None for those).
 */
export type AimScalar = null | boolean | number | bigint | string | Uint8Array;
export type AimValue = AimScalar | AimFlag | undefined;

/** Type names, as the README (and the vectors' `type` field) name them. */
export type AimType = 'none' | 'bool' | 'int' | 'float' | 'string' | 'bytes' | 'array_flag' | 'object_flag' | 'custom_object_flag' | 'unknown' | 'empty';

/** Type bytes (`FLAGS` in Aim's `encoding.pxd`). */
export const AimTypeByte = {
  NONE: 0x00,
  BOOL: 0x01,
  INT: 0x02,
  FLOAT: 0x03,
  STRING: 0x04,
  BYTES: 0x05,
  ARRAY: 0x06,
  OBJECT: 0x07,
  CUSTOM_OBJECT: 0x0f,
} as const;

const TYPE_NAMES: Record<number, AimType> = {
  0: 'none', 1: 'bool', 2: 'int', 3: 'float', 4: 'string', 5: 'bytes', 6: 'array_flag', 7: 'object_flag', 15: 'custom_object_flag',
};

/** The key separator; UTF-8 never contains it, int64 bytes may. */
const SEP = 0xfe;
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// ignoreBOM: a leading U+FEFF is data (Aim's UI strips it, README 7.3).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** Thrown by the codecs; `aim.ts` turns it into a FrameError at the record's offset. */
export class AimCodecError extends Error {
  override readonly name = 'AimCodecError';
  constructor(message: string, readonly kind: 'malformed' | 'invalid-utf8' | 'unencodable') {
    super(message);
  }
}

function narrow(v: bigint): number | bigint {
  return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v;
}

function viewOf(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function text(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch (e) {
    throw new AimCodecError('invalid UTF-8 in a string', 'invalid-utf8');
  }
}

/**
 * Splits an encoded key into its path, segment by segment: a segment starting with 0xFE is an
 * int (8 big-endian bytes, then 0xFE); any other runs to the next 0xFE. Never splits on 0xFE
 * blindly: the 8 int bytes may contain it (step 254 is `FE 00..00 FE FE`).
 */
export function decodePath(key: Uint8Array): AimPath {
  const path: AimPath = [];
  const n = key.length;
  let i = 0;
  while (i < n) {
    if (key[i] === SEP) {
      if (i + 10 > n || key[i + 9] !== SEP) throw new AimCodecError(`int path segment at key byte ${i} is not FE + 8 bytes + FE`, 'malformed');
      path.push(narrow(viewOf(key).getBigInt64(i + 1, false)));
      i += 10;
    } else {
      const j = key.indexOf(SEP, i);
      if (j < 0) throw new AimCodecError(`string path segment at key byte ${i} has no FE terminator`, 'malformed');
      path.push(text(key.subarray(i, j)));
      i = j + 1;
    }
  }
  return path;
}

function int64(v: number | bigint, what: string): bigint {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new AimCodecError(`${what} ${v} is not an integer`, 'unencodable');
    v = BigInt(v);
  }
  if (v < INT64_MIN || v > INT64_MAX) throw new AimCodecError(`${what} ${v} does not fit int64`, 'unencodable');
  return v;
}

/** Encodes a path as Aim's `encode_path` does. Empty-string keys are rejected: no decoder can read them back. */
export function encodePath(path: readonly (AimKey | boolean)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const k of path) {
    let b: Uint8Array;
    if (typeof k === 'string') {
      if (k === '') throw new AimCodecError('empty-string path keys cannot be decoded (every decoder reads them as an int marker)', 'unencodable');
      const s = utf8Encoder.encode(k);
      b = new Uint8Array(s.length + 1);
      b.set(s);
      b[s.length] = SEP;
    } else if (typeof k === 'number' || typeof k === 'bigint' || typeof k === 'boolean') {
      b = new Uint8Array(10);
      b[0] = SEP;
      viewOf(b).setBigInt64(1, int64(typeof k === 'boolean' ? (k ? 1 : 0) : k, 'path key'), false);
      b[9] = SEP;
    } else {
      throw new AimCodecError(`path keys are strings or integers, got ${k === null ? 'null' : typeof k}`, 'unencodable');
    }
    parts.push(b);
  }
  return concatBytes(parts);
}

/** The type name of an encoded value (`'empty'` for zero bytes, which Aim never writes). */
export function valueType(value: Uint8Array): AimType {
  if (value.length === 0) return 'empty';
  return TYPE_NAMES[value[0]!] ?? 'unknown';
}

function fixed8(value: Uint8Array, what: string): DataView {
  if (value.length !== 9) throw new AimCodecError(`${what} value has ${value.length - 1} payload bytes, expected 8`, 'malformed');
  return viewOf(value);
}

/** Decodes a type-tagged value (README section 3). Ints beyond 2^53 - 1 become bigints, never rounded. */
export function decodeValue(value: Uint8Array): AimValue {
  if (value.length === 0) throw new AimCodecError('empty value (every Aim value has a type byte)', 'malformed');
  const body = value.subarray(1);
  switch (value[0]) {
    case AimTypeByte.NONE: return null;
    case AimTypeByte.BOOL:
      if (body.length < 1) throw new AimCodecError('bool value has no payload byte', 'malformed');
      return body[0] !== 0;
    case AimTypeByte.INT: return narrow(fixed8(value, 'int').getBigInt64(1, true));
    case AimTypeByte.FLOAT: return fixed8(value, 'float').getFloat64(1, true);
    case AimTypeByte.STRING: return text(body);
    case AimTypeByte.BYTES: return body;
    case AimTypeByte.ARRAY: return ARRAY_FLAG;
    case AimTypeByte.OBJECT: return OBJECT_FLAG;
    case AimTypeByte.CUSTOM_OBJECT: return { flag: 'custom_object', name: text(body) };
    default: return undefined;
  }
}

export const ARRAY_FLAG: AimFlag = Object.freeze({ flag: 'array' });
export const OBJECT_FLAG: AimFlag = Object.freeze({ flag: 'object' });

/**
 * A float whose value is an integer, kept apart from an int so that it re-encodes as a float
 * (`encodeValue(1)` writes an int; `encodeValue(new AimFloat(1))` writes the float 1.0).
 */
export class AimFloat {
  constructor(readonly value: number) {}
}

function tagged(type: number, payload: Uint8Array | null, size = payload?.length ?? 0): Uint8Array {
  const out = new Uint8Array(1 + size);
  out[0] = type;
  if (payload) out.set(payload, 1);
  return out;
}

/**
 * Encodes a value as Aim's `encode` does. Numbers: an integer (and not -0) is an int, anything
 * else a float; wrap an integral float in `AimFloat` to write it as a float. Bigints are ints.
 */
export function encodeValue(v: AimValue | AimFloat): Uint8Array {
  if (v === null) return tagged(AimTypeByte.NONE, null);
  if (typeof v === 'boolean') return tagged(AimTypeByte.BOOL, new Uint8Array([v ? 1 : 0]));
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) v = BigInt(v);
  if (typeof v === 'bigint') {
    const out = tagged(AimTypeByte.INT, null, 8);
    viewOf(out).setBigInt64(1, int64(v, 'int value'), true);
    return out;
  }
  if (typeof v === 'number' || v instanceof AimFloat) {
    const out = tagged(AimTypeByte.FLOAT, null, 8);
    viewOf(out).setFloat64(1, typeof v === 'number' ? v : v.value, true);
    return out;
  }
  if (typeof v === 'string') return tagged(AimTypeByte.STRING, utf8Encoder.encode(v));
  if (v instanceof Uint8Array) return tagged(AimTypeByte.BYTES, v);
  if (v && typeof v === 'object' && 'flag' in v) {
    if (v.flag === 'array') return tagged(AimTypeByte.ARRAY, null);
    if (v.flag === 'object') return tagged(AimTypeByte.OBJECT, null);
    if (v.flag === 'custom_object') return tagged(AimTypeByte.CUSTOM_OBJECT, utf8Encoder.encode(v.name));
  }
  throw new AimCodecError(`cannot encode ${v === undefined ? 'undefined' : typeof v} as an Aim value`, 'unencodable');
}
