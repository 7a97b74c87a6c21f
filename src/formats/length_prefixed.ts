/**
 * Length-prefixed frames: every option of Netty's `LengthFieldBasedFrameDecoder` and tokio-util's
 * `LengthDelimitedCodec`, and the inverse (Netty's `LengthFieldPrepender`).
 *
 * A frame on the wire is `[lengthFieldOffset bytes][length field][rest]`. The frame's total
 * length, counted from its first byte, is
 *
 *     frameLength = fieldValue + lengthAdjustment + lengthFieldOffset + lengthFieldLength
 *
 * and the decoded frame is the frame without its first `initialBytesToStrip` bytes.
 *
 * Every diagram below is also a vector in `test/vectors/length_prefixed.ts`.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import { ErrorNum, ScannerId } from '../engine/layout.ts';
import { LengthPrefixedScanner, lengthPrefixedParamSlots, type LengthPrefixedParams } from '../engine/scan/length_prefixed.ts';
import type { FormatDef } from './format.ts';

const MiB = 1024 * 1024;

export interface LengthPrefixedOptions {
  format: 'length-prefixed';
  /**
   * Bytes before the length field (a header the length does not describe). Decoding only:
   * the encoder writes frames with the length field first.
   *
   *   lengthFieldOffset: 2, lengthFieldLength: 3, initialBytesToStrip: 0
   *   +- hdr -+-- len ---+--- payload ---+      +- hdr -+-- len ---+--- payload ---+
   *   | CA FE | 00 00 0C | HELLO, WORLD  |  ->  | CA FE | 00 00 0C | HELLO, WORLD  |
   *   +-------+----------+---------------+      +-------+----------+---------------+
   *
   * @defaultValue 0 (bytes)
   */
  lengthFieldOffset?: number;
  /**
   * Size of the length field: 1, 2, 3, 4 or 8 bytes, unsigned; or `'varint'`, an unsigned LEB128
   * varint as protobuf and `it-length-prefixed` write it (7 bits a byte, low group first, high bit
   * set on every byte but the last; at most 10 bytes; values above 2^53 - 1 are rejected).
   *
   *   lengthFieldLength: 'varint' (300 = 0b10_0101100)
   *   +- len -+--- payload (300 B) ---+      +--- payload ---+
   *   | AC 02 |  ...                  |  ->  |  ...          |
   *   +-------+-----------------------+      +---------------+
   *
   * @defaultValue 4 (bytes)
   */
  lengthFieldLength?: 1 | 2 | 3 | 4 | 8 | 'varint';
  /**
   * Byte order of a fixed-size length field. Applies to decoding and encoding.
   *
   *   byteOrder: 'little', lengthFieldLength: 2
   *   +- len -+--- payload ---+      +--- payload ---+
   *   | 0B 00 |  Hello world  |  ->  |  Hello world  |
   *   +-------+---------------+      +---------------+
   *
   * @defaultValue 'big'
   */
  byteOrder?: 'big' | 'little';
  /**
   * Added to the length field's value to get the number of bytes that follow the length field.
   * Negative when the field also counts the header; positive when a header the field does not
   * count sits between it and the payload. Applies to decoding and encoding.
   *
   *   lengthFieldLength: 2, lengthAdjustment: -2 (the length counts itself: 2 + 12 = 0x0E)
   *   +-- len --+--- payload ---+      +--- payload ---+
   *   | 00 0E   | HELLO, WORLD  |  ->  | HELLO, WORLD  |
   *   +---------+---------------+      +---------------+
   *
   *   lengthFieldLength: 3, lengthAdjustment: 2, initialBytesToStrip: 0
   *   +-- len ---+- hdr -+--- payload ---+      +-- len ---+- hdr -+--- payload ---+
   *   | 00 00 0C | CA FE | HELLO, WORLD  |  ->  | 00 00 0C | CA FE | HELLO, WORLD  |
   *   +----------+-------+---------------+      +----------+-------+---------------+
   *
   * @defaultValue 0 (bytes, signed)
   */
  lengthAdjustment?: number;
  /**
   * Bytes removed from the start of each decoded frame. The default removes the whole header
   * (`lengthFieldOffset` + the length field, whatever a varint's size); 0 keeps the frame as it
   * was on the wire. Decoding only.
   *
   *   lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: 1, initialBytesToStrip: 3
   *   +- h1 -+- len -+- h2 -+--- payload ---+      +- h2 -+--- payload ---+
   *   | CA   | 00 0C | FE   | HELLO, WORLD  |  ->  | FE   | HELLO, WORLD  |
   *   +------+-------+------+---------------+      +------+---------------+
   *
   *   lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: -3, initialBytesToStrip: 3
   *   (the length, 0x10 = 16, counts the whole frame)
   *   +- h1 -+- len -+- h2 -+--- payload ---+      +- h2 -+--- payload ---+
   *   | CA   | 00 10 | FE   | HELLO, WORLD  |  ->  | FE   | HELLO, WORLD  |
   *   +------+-------+------+---------------+      +------+---------------+
   *
   * @defaultValue lengthFieldOffset + the length field's size (bytes)
   */
  initialBytesToStrip?: number;
  /**
   * Longest accepted frame, counted as Netty does: the whole frame including its header, after
   * `lengthAdjustment`, before stripping. A longer frame is a `frame-too-large` FrameError
   * (fatal: the stream ends there). Applies to decoding and encoding.
   *
   * @defaultValue 16 MiB (16777216 bytes)
   */
  maxFrameLength?: number;
  /**
   * When a frame is longer than `maxFrameLength`: `true` fails as soon as its length field is
   * read; `false` first passes over the frame's bytes (without buffering them) and fails when its
   * last byte has arrived or the stream ends, as Netty's `failFast = false`. Either way the error
   * is at the too-long frame's offset and nothing after it is decoded.
   *
   * @defaultValue true
   */
  failFast?: boolean;
}

interface Resolved extends LengthPrefixedParams {
  varint: boolean;
  /** Header bytes for the encoder (fixed fields only). */
  headerLen: number;
}

function bad(message: string): never {
  throw new RangeError(`length-prefixed: ${message}`);
}

function isInt(n: unknown, min: number): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
}

/** Validates options once, with messages that name the option. */
export function resolveLengthPrefixed(o: LengthPrefixedOptions): Resolved {
  const fieldOffset = o.lengthFieldOffset ?? 0;
  if (!isInt(fieldOffset, 0)) bad(`lengthFieldOffset must be an integer >= 0, got ${String(o.lengthFieldOffset)}`);
  const lfl = o.lengthFieldLength ?? 4;
  if (![1, 2, 3, 4, 8, 'varint'].includes(lfl)) bad(`lengthFieldLength must be 1, 2, 3, 4, 8 or 'varint', got ${String(lfl)}`);
  const varint = lfl === 'varint';
  const fieldLength = varint ? 0 : (lfl as number);
  const byteOrder = o.byteOrder ?? 'big';
  if (byteOrder !== 'big' && byteOrder !== 'little') bad(`byteOrder must be 'big' or 'little', got ${String(byteOrder)}`);
  const adjustment = o.lengthAdjustment ?? 0;
  if (!Number.isSafeInteger(adjustment)) bad(`lengthAdjustment must be an integer, got ${String(adjustment)}`);
  const strip = o.initialBytesToStrip ?? -1;
  if (o.initialBytesToStrip !== undefined && !isInt(strip, 0)) bad(`initialBytesToStrip must be an integer >= 0, got ${String(strip)}`);
  const maxFrame = o.maxFrameLength ?? 16 * MiB;
  if (!isInt(maxFrame, 0)) bad(`maxFrameLength must be an integer >= 0, got ${String(o.maxFrameLength)}`);
  const failFast = o.failFast ?? true;
  if (typeof failFast !== 'boolean') bad(`failFast must be a boolean, got ${String(failFast)}`);
  return { fieldOffset, fieldLength, bigEndian: byteOrder === 'big', adjustment, strip, maxFrame, failFast, varint, headerLen: fieldOffset + fieldLength };
}

/** The decoding side, as the engine sees it. Frames are `Uint8Array`s. */
export function lengthPrefixedFormat(o: LengthPrefixedOptions): FormatDef<Uint8Array> {
  const p = resolveLengthPrefixed(o);
  const params = lengthPrefixedParamSlots(p);
  return {
    name: 'length-prefixed',
    scannerId: ScannerId.LENGTH_PREFIXED,
    params,
    createScanner: () => new LengthPrefixedScanner(p),
    payload: 'owned',
    payloadIsFrame: true,
    needsHead: false,
    describeError(num, detail) {
      switch (num) {
        case ErrorNum.FRAME_TOO_LARGE:
          return `frame of ${detail} bytes is longer than maxFrameLength (${p.maxFrame})`;
        case ErrorNum.BAD_LENGTH:
          return `adjusted frame length (${detail}) is negative or smaller than the header`;
        case ErrorNum.STRIP_EXCEEDS_FRAME:
          return `initialBytesToStrip (${p.strip}) is larger than the frame (${detail} bytes)`;
        case ErrorNum.TRUNCATED:
          return `stream ended inside a frame (${detail} bytes of it received)`;
        default:
          return undefined;
      }
    },
    createSink: () => ({
      frame(_rec, payload, out) {
        out.push(payload);
      },
    }),
  };
}

/** Bytes an unsigned LEB128 varint of `n` takes. */
function varintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/**
 * Encodes one payload as a frame (Netty's `LengthFieldPrepender`): the length field, then the
 * payload. The field holds `payload.length - lengthAdjustment`, so the decoder with the same
 * options gives the payload back. Frames need `lengthFieldOffset` 0 and the default
 * `initialBytesToStrip` (or exactly the header size): other layouts have bytes the encoder
 * could not know.
 */
export function createLengthPrefixedEncoder(o: LengthPrefixedOptions): (payload: Uint8Array) => Uint8Array {
  const p = resolveLengthPrefixed(o);
  if (p.fieldOffset !== 0) bad('the encoder writes the length field first: lengthFieldOffset must be 0');
  if (p.strip >= 0 && (p.varint || p.strip !== p.headerLen)) {
    bad(`the encoder writes header + payload, which decodes back only when initialBytesToStrip is the header size (default), got ${p.strip}`);
  }
  const fieldMax = p.varint ? Number.MAX_SAFE_INTEGER : p.fieldLength === 8 ? Number.MAX_SAFE_INTEGER : 2 ** (8 * p.fieldLength) - 1;
  return (payload: Uint8Array): Uint8Array => {
    const value = payload.length - p.adjustment;
    const fail = (why: string): never => {
      throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: 'length-prefixed' });
    };
    if (value < 0) fail(`payload of ${payload.length} bytes gives a negative length field (${value}) with lengthAdjustment ${p.adjustment}`);
    if (value > fieldMax) fail(`length ${value} does not fit a ${p.fieldLength}-byte length field`);
    const headerLen = p.varint ? varintSize(value) : p.fieldLength;
    const frameLen = headerLen + payload.length;
    if (frameLen > p.maxFrame) fail(`frame of ${frameLen} bytes is longer than maxFrameLength (${p.maxFrame})`);
    const out = new Uint8Array(frameLen);
    if (p.varint) {
      let v = value;
      let i = 0;
      while (v >= 128) {
        out[i++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
      out[i] = v;
    } else {
      let v = value;
      for (let i = 0; i < p.fieldLength; i++) {
        out[p.bigEndian ? p.fieldLength - 1 - i : i] = v % 256;
        v = Math.floor(v / 256);
      }
    }
    out.set(payload, headerLen);
    return out;
  };
}
