import { FrameDecoder } from './engine/decoder.ts';
import { createCore } from './engine/select_engine.ts';
import { formatEntry, type FormatOptions, type FrameOf } from './formats/registry.ts';
import type { ByteChunk } from './options.ts';

/** A decoder without streams: for sockets, workers, benchmarks. */
export interface Decoder<T> {
  /**
   * Decodes a chunk (any BufferSource) and returns the frames it completed. On bad input throws
   * a `FrameError`; its `frames` holds the frames this chunk completed before the fault.
   */
  push(chunk: ByteChunk): T[];
  /** Ends the input and returns the last frames; throws a `FrameError` if the stream ended inside a frame. */
  end(): T[];
  /** The engine in use. */
  readonly engine: 'wasm' | 'js';
  /** Bytes received and not yet delivered in a frame. */
  readonly bufferedBytes: number;
  /**
   * Bytes of buffer the engine holds (for wasm, its linear memory after the tables). Stays
   * bounded by the largest frame that had to be buffered plus one input window (64 KiB):
   * declared-length payloads are assembled outside it.
   */
  readonly bufferCapacity: number;
  /** Bytes pushed so far (the stream offset of the next byte). */
  readonly bytesIn: number;
}

/**
 * The FrameStream engine without streams.
 *
 * @example
 * ```ts
 * const dec = createDecoder({ format: 'length-prefixed', lengthFieldLength: 2 });
 * dec.push(new Uint8Array([0, 3, 1, 2]));   // []
 * dec.push(new Uint8Array([3, 0]));          // [Uint8Array [1, 2, 3]]
 * dec.end();                                 // throws FrameError 'truncated' at offset 5
 * ```
 */
export function createDecoder<O extends FormatOptions>(options: O): Decoder<FrameOf<O>> {
  const format = formatEntry(options).decoder(options);
  return new FrameDecoder(createCore(format, options.engine), format, { copy: options.copy ?? false });
}
