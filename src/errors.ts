/**
 * One error class for every fault framestream reports. "Need more bytes" is never an
 * error: only input that can never become valid, or a stream that ends inside a frame.
 */

/** Every error code, as exported string constants (`FrameErrorCode.Truncated === 'truncated'`). */
export const FrameErrorCode = {
  /** The stream ended inside a frame (or inside a frame's header). */
  Truncated: 'truncated',
  /** A frame is longer than the configured maximum (`maxFrameLength`, `maxLineLength`, ...). */
  FrameTooLarge: 'frame-too-large',
  /** A length field, after `lengthAdjustment`, is negative or smaller than the header it belongs to. */
  BadLength: 'bad-length',
  /** `initialBytesToStrip` is larger than the frame it would strip. */
  StripExceedsFrame: 'strip-exceeds-frame',
  /** An unsigned LEB128 varint has more than 10 bytes. */
  VarintTooLong: 'varint-too-long',
  /** A varint's value is above 2^53 - 1 (`Number.MAX_SAFE_INTEGER`). */
  VarintTooLarge: 'varint-too-large',
  /** NATS: an op name the decoding role does not know (the server answers `-ERR 'Unknown Protocol Operation'`). */
  UnknownOperation: 'unknown-operation',
  /** NATS: a control line longer than `maxControlLine` (the server's `maximum control line exceeded`). */
  ControlLineTooLong: 'control-line-too-long',
  /** Something other than a `BufferSource` was written to a decoder. */
  InvalidChunk: 'invalid-chunk',
  /** Bytes that are not valid UTF-8 where text was required with `fatal: true`. */
  InvalidUtf8: 'invalid-utf8',
  /** A line that is not valid JSON in an NDJSON stream. */
  InvalidJson: 'invalid-json',
  /** Bytes that violate the wire format (the message says which rule). */
  Malformed: 'malformed',
  /** A value the encoder cannot write in this format (the message says why). */
  Unencodable: 'unencodable',
  /** The decoder was used after it failed or ended. */
  Closed: 'closed',
} as const;

export type FrameErrorCode = (typeof FrameErrorCode)[keyof typeof FrameErrorCode];

export interface FrameErrorInit {
  /** Absolute byte offset in the stream of the frame that failed (0 = first byte ever pushed). */
  offset: number;
  /** The format that was being decoded or encoded. */
  format: string;
  cause?: unknown;
  /** Extra structured facts (e.g. `line` for NDJSON); copied onto the error. */
  details?: Record<string, unknown>;
}

export class FrameError extends Error {
  override readonly name = 'FrameError';
  readonly code: FrameErrorCode;
  /** Absolute byte offset in the stream of the frame that failed. */
  readonly offset: number;
  readonly format: string;
  readonly details: Record<string, unknown>;
  /** The message without the "(format, code, offset)" suffix. */
  readonly reason: string;
  /**
   * Frames completed by the failing `push()` call before the fault, so that nothing decoded
   * is lost when `push()` throws. Always empty for errors thrown by `end()` or encoders.
   */
  frames: unknown[] = [];

  constructor(code: FrameErrorCode, message: string, init: FrameErrorInit) {
    super(`${message} (${init.format}, code ${code}, at stream offset ${init.offset})`, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.reason = message;
    this.offset = init.offset;
    this.format = init.format;
    this.details = init.details ?? {};
  }
}

/** Hex for messages: `hex(0xc1) === '0xc1'`. */
export function hex(n: number): string {
  return '0x' + n.toString(16).padStart(2, '0');
}
