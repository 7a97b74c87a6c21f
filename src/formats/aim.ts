/**
 * Aim's two record streams (test/fixtures/aim/README.md): `'aim-rt'`, the remote-tracking
 * transport, and `'aim-web'`, the web API's streaming bodies. Frames are `AimRecord`s: the raw
 * key and value bytes, `isBlob` and the record's stream offset, with the decoded path and
 * value computed from those bytes on first access (no second pass over the stream).
 *
 *   aim-rt (u32 lengths, little-endian by default)
 *   +-- K ------+-- key ----+- is_blob -+-- V ------+-- value --+
 *   | 04 00 00 00 | 61 62 63 FE | 00 | 09 00 00 00 | 02 2A 00 .. 00 |  ->  { path: ['abc'], data: 42 }
 *   +-----------+-----------+-----------+-----------+-----------+
 *
 *   aim-web: the same without the is_blob byte.
 *
 * End of stream: a stream that ends between records is clean; one that ends inside a record
 * (its lengths, key, flag byte or value) is a `truncated` FrameError at the record's offset,
 * after every earlier record.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import { ErrorNum, ScannerId } from '../engine/layout.ts';
import { AimScanner, aimParamSlots, type AimScanParams } from '../engine/scan/aim.ts';
import {
  AimCodecError, decodePath, decodeValue, valueType, type AimPath, type AimType, type AimValue,
} from './aim_codec.ts';
import type { FormatDef } from './format.ts';

const MiB = 1024 * 1024;
/** Bytes of the shared array keys are copied into (see the sink). */
const KEY_SLAB = 64 * 1024;

interface AimCommonOptions {
  /**
   * Byte order of the two u32 lengths. Aim writes them with `struct.pack('I')`, which is native
   * order: little-endian on every platform Aim ships for; a big-endian server would write
   * big-endian. Applies to decoding and encoding.
   *
   *   byteOrder: 'big'
   *   +-- K ------+-- key --+-- V ------+-- value --+
   *   | 00 00 00 02 | 61 FE   | 00 00 00 01 | 00        |  ->  { path: ['a'], data: null }
   *   +-----------+---------+-----------+-----------+
   *
   * @defaultValue 'little'
   */
  byteOrder?: 'little' | 'big';
  /**
   * Longest accepted key. A key is buffered until it is complete (it holds the path), so this
   * bounds memory; Aim's keep-alive progress keys are about 37 KB. A longer key is a
   * `frame-too-large` FrameError at the record's offset (fatal: the stream ends there).
   * At most 2^30. Applies to decoding and encoding.
   *
   * @defaultValue 1 MiB (1048576 bytes)
   */
  maxKeyLength?: number;
  /**
   * Longest accepted value. Values are not buffered in the engine (they go straight from the
   * input chunks into the frame), but each is one allocation of this size at most. A longer
   * value is a `frame-too-large` FrameError at the record's offset (fatal), reported as soon
   * as its length field is read. Applies to decoding and encoding.
   *
   * @defaultValue 256 MiB (268435456 bytes)
   */
  maxValueLength?: number;
}

export interface AimRtOptions extends AimCommonOptions {
  /** `u32 K, key, u8 is_blob, u32 V, value` (README section 1.1). */
  format: 'aim-rt';
}

export interface AimWebOptions extends AimCommonOptions {
  /** `u32 K, key, u32 V, value` (README section 1.2). */
  format: 'aim-web';
}

export type AimOptions = AimRtOptions | AimWebOptions;

/** What the record encoders accept: raw key and value bytes (see `encodePath`/`encodeValue`). */
export interface AimRecordInput {
  key: Uint8Array;
  value: Uint8Array;
  /** aim-rt only: the is_blob byte (1 when true). Ignored by aim-web. @defaultValue false */
  isBlob?: boolean;
}

/**
 * One record. `key`, `value` and `isBlob` are what the wire holds; `path`, `type` and `data`
 * are decoded from them on first access and cached. Decoding errors surface there, as a
 * FrameError with this record's offset.
 */
export class AimRecord {
  #key: Uint8Array | undefined;
  #path: AimPath | undefined;
  #data: AimValue;
  #decoded = false;
  // The key's bytes are keyStore[keyStart, keyEnd): its view is made on first access.
  readonly #keyStore: Uint8Array;
  readonly #keyStart: number;
  readonly #keyEnd: number;

  constructor(
    /** Absolute stream offset of the record's first byte (its key length). */
    readonly offset: number,
    key: Uint8Array,
    /** The type-tagged value (README section 3). */
    readonly value: Uint8Array,
    /** aim-rt: the is_blob byte is non-zero (the value is a BLOB's payload). Always false for aim-web. */
    readonly isBlob: boolean,
    /** The format the record came from (for error messages). */
    readonly format: 'aim-rt' | 'aim-web' = 'aim-rt',
    keyStart = 0,
    keyEnd = key.length,
  ) {
    this.#keyStore = key;
    this.#keyStart = keyStart;
    this.#keyEnd = keyEnd;
  }

  /**
   * The encoded path (README section 2). Decoded records' keys are views of a shared array
   * that holds many records' keys: copy one (`slice()`) before modifying it.
   */
  get key(): Uint8Array {
    return (this.#key ??= this.#keyStart === 0 && this.#keyEnd === this.#keyStore.length
      ? this.#keyStore
      : this.#keyStore.subarray(this.#keyStart, this.#keyEnd));
  }

  /** Bytes the record takes on the wire. */
  get length(): number {
    return (this.format === 'aim-rt' ? 9 : 8) + (this.#keyEnd - this.#keyStart) + this.value.length;
  }

  /** The decoded path: strings and int64s (numbers, or bigints beyond 2^53 - 1). */
  get path(): AimPath {
    if (this.#path === undefined) this.#path = this.guard(() => decodePath(this.key));
    return this.#path;
  }

  /** The value's type name (`'unknown'` for a type byte Aim does not define). */
  get type(): AimType {
    return valueType(this.value);
  }

  /** The decoded value (see `AimValue`); for a blob, the blob's inner value. */
  get data(): AimValue {
    if (!this.#decoded) {
      this.#data = this.guard(() => decodeValue(this.value));
      this.#decoded = true;
    }
    return this.#data;
  }

  private guard<R>(f: () => R): R {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof AimCodecError)) throw e;
      const code = e.kind === 'invalid-utf8' ? FrameErrorCode.InvalidUtf8 : FrameErrorCode.Malformed;
      throw new FrameError(code, e.message, { offset: this.offset, format: this.format, cause: e });
    }
  }
}

interface Resolved extends AimScanParams {
  format: 'aim-rt' | 'aim-web';
}

function bad(format: string, message: string): never {
  throw new RangeError(`${format}: ${message}`);
}

/** Validates options once, with messages that name the option. */
export function resolveAim(o: AimOptions): Resolved {
  const format = o.format;
  const byteOrder = o.byteOrder ?? 'little';
  if (byteOrder !== 'little' && byteOrder !== 'big') bad(format, `byteOrder must be 'little' or 'big', got ${String(byteOrder)}`);
  const maxKeyLength = o.maxKeyLength ?? MiB;
  const maxValueLength = o.maxValueLength ?? 256 * MiB;
  // Keys are buffered in the core (whose positions are i32): at most 1 GiB. Values are u32.
  if (!Number.isSafeInteger(maxKeyLength) || maxKeyLength < 0 || maxKeyLength > 2 ** 30) bad(format, `maxKeyLength must be an integer in [0, 2^30], got ${String(o.maxKeyLength)}`);
  if (!Number.isSafeInteger(maxValueLength) || maxValueLength < 0 || maxValueLength > 0xffffffff) bad(format, `maxValueLength must be an integer in [0, 2^32 - 1], got ${String(o.maxValueLength)}`);
  return { format, hasBlobFlag: format === 'aim-rt', littleEndian: byteOrder === 'little', maxKeyLength, maxValueLength };
}

/** The decoding side of both formats, as the engine sees it. */
export function aimFormat(o: AimOptions): FormatDef<AimRecord> {
  const p = resolveAim(o);
  const format = p.format;
  const flagLen = p.hasBlobFlag ? 1 : 0;
  return {
    name: format,
    scannerId: ScannerId.AIM,
    params: aimParamSlots(p),
    createScanner: () => new AimScanner(p),
    payload: 'owned',
    needsHead: true,
    describeError(num, detail) {
      switch (num) {
        case ErrorNum.FRAME_TOO_LARGE:
          return detail < 0 || Object.is(detail, -0)
            ? `key of ${-detail} bytes is longer than maxKeyLength (${p.maxKeyLength})`
            : `value of ${detail} bytes is longer than maxValueLength (${p.maxValueLength})`;
        case ErrorNum.TRUNCATED:
          return `stream ended inside a record's header (${detail} bytes of it received)`;
        default:
          return undefined;
      }
    },
    createSink: () => {
      // The head is a view of the engine's buffer, valid only during the call: keys are copied
      // out into a shared slab, so a record costs a view, not an ArrayBuffer of its own (keys
      // are small and many). A key keeps at most one KEY_SLAB alive; larger keys get their own.
      let slab = new Uint8Array(KEY_SLAB);
      let used = 0;
      return {
        frame(rec, payload, out) {
          const start = rec.m0;
          const k = rec.m1;
          const blob = flagLen === 1 && rec.m2 !== 0;
          const head = rec.head;
          if (k > KEY_SLAB >> 4) {
            out.push(new AimRecord(rec.offset, head.slice(start, start + k), payload, blob, format));
            return;
          }
          if (used + k > KEY_SLAB) {
            slab = new Uint8Array(KEY_SLAB);
            used = 0;
          }
          // A plain loop: keys are short, and subarray + set costs more than copying them.
          for (let i = 0; i < k; i++) slab[used + i] = head[start + i]!;
          out.push(new AimRecord(rec.offset, slab, payload, blob, format, used, used + k));
          used += k;
        },
      };
    },
  };
}

/** Encodes one record (the inverse of the decoder with the same options). */
export function createAimEncoder(o: AimOptions): (record: AimRecordInput) => Uint8Array {
  const p = resolveAim(o);
  const flagLen = p.hasBlobFlag ? 1 : 0;
  return (r: AimRecordInput): Uint8Array => {
    const fail = (why: string): never => {
      throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: p.format });
    };
    if (!(r?.key instanceof Uint8Array) || !(r.value instanceof Uint8Array)) fail('a record needs `key` and `value` Uint8Arrays');
    const k = r.key.length;
    const v = r.value.length;
    if (k > p.maxKeyLength) fail(`key of ${k} bytes is longer than maxKeyLength (${p.maxKeyLength})`);
    if (v > p.maxValueLength) fail(`value of ${v} bytes is longer than maxValueLength (${p.maxValueLength})`);
    const out = new Uint8Array(8 + flagLen + k + v);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, k, p.littleEndian);
    out.set(r.key, 4);
    if (flagLen) out[4 + k] = r.isBlob ? 1 : 0;
    dv.setUint32(4 + k + flagLen, v, p.littleEndian);
    out.set(r.value, 8 + k + flagLen);
    return out;
  };
}
