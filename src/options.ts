/** Options every format shares. */
export interface CommonOptions {
  /**
   * Which engine scans the bytes. `'wasm'`: the AssemblyScript core (throws if this runtime
   * cannot run it). `'js'`: the pure-TS engine, identical in frames, error codes and offsets.
   * `'auto'`: wasm where WebAssembly (with SIMD) is available, else js.
   *
   * @defaultValue 'auto'
   */
  engine?: 'auto' | 'wasm' | 'js';
  /**
   * Deliver every frame as its own copy (its own ArrayBuffer). By default a frame that lies
   * wholly inside one input chunk is a view (`subarray`) of that chunk, which costs nothing but
   * keeps the chunk alive as long as the frame, and shares the bytes if the caller reuses the
   * chunk's memory (e.g. a BYOB reader). Frames that span chunks are always fresh copies.
   *
   * @defaultValue false
   */
  copy?: boolean;
}

/**
 * What a decoder accepts as a chunk: any BufferSource (a Uint8Array or other ArrayBufferView,
 * or an ArrayBuffer), including views of a SharedArrayBuffer.
 */
export type ByteChunk = ArrayBufferView | ArrayBufferLike;
