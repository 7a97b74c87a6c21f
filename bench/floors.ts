/**
 * Cost floors, measured in the same run as the contenders: what the cheapest possible decoder
 * would still pay. They know the frame boundaries in advance (`Workload.wire` and `bounds`), so
 * they measure the delivery mechanism, not parsing.
 *
 * - memcpy: copy every chunk once into a scratch buffer (what any buffering decoder pays; the
 *   wasm engine copies each chunk into linear memory). Finds no frames: not checked.
 * - subarray per frame: one `Uint8Array` view per frame, in a plain loop (a `createDecoder`-style
 *   API cannot do less).
 * - enqueue per frame: the chunks through a web stream, one `enqueue` of a view per frame, read
 *   by a reader (a `FrameStream`-style API cannot do less).
 *
 * A suite includes them with `...floors` when its generators fill `wire` and `bounds`.
 *
 * @module
 */
import { Checksum, type Tally } from './checksum.ts';
import { readAll, webStreamOf } from './feed.ts';
import type { Contender, Workload } from './suite.ts';

function boundsOf(w: Workload): { wire: Uint8Array; bounds: Uint32Array } {
  if (!w.wire || !w.bounds) throw new Error('this floor needs Workload.wire and Workload.bounds');
  return { wire: w.wire, bounds: w.bounds };
}

export const memcpyFloor: Contender = {
  name: 'floor: memcpy chunks',
  role: 'floor',
  feed: 'loop',
  checked: false,
  supports: (w) => !w.isolated,
  run(chunks, w): Tally {
    let max = 0;
    for (const c of chunks) if (c.length > max) max = c.length;
    const scratch = new Uint8Array(max);
    for (const c of chunks) scratch.set(c);
    return { frames: w.frames, checksum: scratch[0] ?? 0 };
  },
};

export const subarrayFloor: Contender = {
  name: 'floor: subarray per frame',
  role: 'floor',
  feed: 'loop',
  supports: (w) => !w.isolated,
  run(_chunks, w): Tally {
    const { wire, bounds } = boundsOf(w);
    const sum = new Checksum();
    for (let i = 0; i < bounds.length; i += 2) sum.frame(wire.subarray(bounds[i]!, bounds[i + 1]!));
    return sum.tally();
  },
};

export const enqueueFloor: Contender = {
  name: 'floor: enqueue per frame',
  role: 'floor',
  feed: 'web-stream',
  supports: (w) => !w.isolated,
  async run(chunks, w): Promise<Tally> {
    const { wire, bounds } = boundsOf(w);
    const sum = new Checksum();
    let end = 0;
    let k = 0;
    const frames = webStreamOf(chunks).pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>(
        {
          transform(chunk, controller) {
            end += chunk.length;
            while (k < bounds.length && bounds[k + 1]! <= end) {
              controller.enqueue(wire.subarray(bounds[k]!, bounds[k + 1]!));
              k += 2;
            }
          },
        },
        { highWaterMark: 1 },
        { highWaterMark: 0 },
      ),
    );
    await readAll(frames, (f) => sum.frame(f));
    return sum.tally();
  },
};

/** All three, for a suite's contender list. */
export const floors: readonly Contender[] = [memcpyFloor, subarrayFloor, enqueueFloor];
