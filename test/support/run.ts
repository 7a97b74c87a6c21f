import { createDecoder, FrameBatchStream, FrameError, FrameStream, type FormatOptions } from '../../src/index.ts';

export interface DecodeResult {
  frames: unknown[];
  error?: FrameError;
}

/** Runs chunks through createDecoder: the frames, and the FrameError that ended it, if any. */
export function decodeChunks(options: FormatOptions, chunks: Uint8Array[]): DecodeResult {
  const dec = createDecoder(options);
  if (options.engine && options.engine !== 'auto' && dec.engine !== options.engine) {
    throw new Error(`asked for engine ${options.engine}, got ${dec.engine}`);
  }
  const frames: unknown[] = [];
  try {
    for (const c of chunks) frames.push(...dec.push(c));
    frames.push(...dec.end());
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    frames.push(...e.frames);
    return { frames, error: e };
  }
  return { frames };
}

/** A ReadableStream that yields the given chunks (bytes, or values for an encoder). */
export function streamOf<T = Uint8Array>(chunks: readonly T[]): ReadableStream<T> {
  let i = 0;
  return new ReadableStream<T>({
    pull(c) {
      if (i < chunks.length) c.enqueue(chunks[i++]!);
      else c.close();
    },
  });
}

/** Runs chunks through FrameStream and reads everything: the frames, and the error, if any. */
export async function streamChunks(options: FormatOptions, chunks: Uint8Array[]): Promise<DecodeResult> {
  const frames: unknown[] = [];
  const reader = streamOf(chunks).pipeThrough(new FrameStream(options)).getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return { frames };
      frames.push(r.value);
    }
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    return { frames, error: e };
  }
}

/** Runs chunks through FrameBatchStream: the arrays as read, and the error, if any. */
export async function batchChunks(options: FormatOptions, chunks: Uint8Array[]): Promise<{ batches: unknown[][]; error?: FrameError }> {
  const batches: unknown[][] = [];
  const reader = streamOf(chunks).pipeThrough(new FrameBatchStream(options)).getReader();
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) return { batches };
      batches.push(r.value as unknown[]);
    }
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    return { batches, error: e };
  }
}
