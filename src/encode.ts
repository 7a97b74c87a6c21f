import { FrameError } from './errors.ts';
import { formatEntry, type FormatOptions, type ValueOf } from './formats/registry.ts';

/** Encodes one value as one frame, byte-exact for the format (the inverse of the decoder with the same options). */
export function encodeFrame<O extends FormatOptions>(options: O, value: ValueOf<O>): Uint8Array {
  return formatEntry(options).encoder(options)(value);
}

/** Frames in, bytes out: each value written becomes one encoded frame (one chunk). */
export class FrameEncoderStream<O extends FormatOptions = FormatOptions> extends TransformStream<ValueOf<O>, Uint8Array> {
  constructor(options: O) {
    const encode = formatEntry(options).encoder(options);
    let written = 0;
    super({
      transform(value, controller) {
        let bytes: Uint8Array;
        try {
          bytes = encode(value);
        } catch (e) {
          // Report where in the output stream the unencodable value would have gone.
          if (e instanceof FrameError) throw new FrameError(e.code, e.reason, { offset: written, format: e.format, cause: e.cause, details: e.details });
          throw e;
        }
        written += bytes.length;
        controller.enqueue(bytes);
      },
    });
  }
}
