import { createDecoder, type Decoder } from './create_decoder.ts';
import { FrameError } from './errors.ts';
import type { FormatOptions, FrameOf } from './formats/registry.ts';
import type { ByteChunk } from './options.ts';

/** Queue sizes of the two sides, as for any TransformStream. */
export interface FrameStreamStrategies {
  /** Input side. @defaultValue `{ highWaterMark: 1 }` (chunks) */
  writableStrategy?: QueuingStrategy<ByteChunk>;
  /** Output side. @defaultValue `{ highWaterMark: 0 }` (frames) */
  readableStrategy?: QueuingStrategy<unknown>;
}

/**
 * Complete frames out of arbitrarily chunked bytes.
 *
 * On bad input the readable side errors with a `FrameError`, but only after every frame before
 * the fault has been read, so nothing decoded is lost.
 *
 * @example Frames from a fetch body
 * ```ts
 * const res = await fetch(url);
 * for await (const frame of res.body!.pipeThrough(new FrameStream({ format: 'length-prefixed' }))) {
 *   console.log(frame.length);
 * }
 * ```
 */
export class FrameStream<O extends FormatOptions = FormatOptions> extends TransformStream<ByteChunk, FrameOf<O>> {
  /** The engine this stream runs on (`'wasm'` or `'js'`). */
  readonly engine: 'wasm' | 'js';

  constructor(options: O, strategies: FrameStreamStrategies = {}) {
    // Build the decoder eagerly so bad options throw here, not on the first chunk.
    const decoder: Decoder<FrameOf<O>> = createDecoder(options);
    const readableStrategy = strategies.readableStrategy ?? { highWaterMark: 0 };
    const hwm = readableStrategy.highWaterMark ?? 0;
    const step = (controller: TransformStreamDefaultController<FrameOf<O>>, run: () => FrameOf<O>[]): void | Promise<void> => {
      let frames: FrameOf<O>[];
      try {
        frames = run();
      } catch (e) {
        if (!(e instanceof FrameError)) throw e;
        for (const f of e.frames) controller.enqueue(f as FrameOf<O>);
        // Erroring a stream drops its queue: wait until the reader has taken the frames.
        return drained(controller, hwm).then(() => {
          throw e;
        });
      }
      for (let i = 0; i < frames.length; i++) controller.enqueue(frames[i]!);
    };
    super(
      {
        transform: (chunk, controller) => step(controller, () => decoder.push(chunk)),
        flush: (controller) => step(controller, () => decoder.end()),
      },
      strategies.writableStrategy ?? { highWaterMark: 1 },
      readableStrategy as QueuingStrategy<FrameOf<O>>,
    );
    this.engine = decoder.engine;
  }
}

/** Resolves once the readable queue is empty (or the stream can no longer be read). */
async function drained(controller: TransformStreamDefaultController<unknown>, hwm: number): Promise<void> {
  for (;;) {
    const size = controller.desiredSize;
    if (size === null || size >= hwm) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
