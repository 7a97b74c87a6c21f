/**
 * Backpressure and cancellation through pipeThrough, in every runtime: a slow reader holds the
 * source back, and cancelling the reader cancels the source.
 */
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameStream, type FrameStreamStrategies } from '../../src/index.ts';
import { concat } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';

const HEADER = 4;

interface SourceStats {
  pulls: number;
  bytesPulled: number;
  cancels: unknown[];
}

/** A pull source over fixed chunks that counts what is taken from it. */
function countingSource(chunks: Uint8Array[], highWaterMark: number): { stream: ReadableStream<Uint8Array>; stats: SourceStats } {
  const stats: SourceStats = { pulls: 0, bytesPulled: 0, cancels: [] };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === chunks.length) return controller.close();
      const c = chunks[i++]!;
      stats.pulls++;
      stats.bytesPulled += c.length;
      controller.enqueue(c);
    },
    cancel(reason) {
      stats.cancels.push(reason);
    },
  }, { highWaterMark });
  return { stream, stats };
}

/** `count` frames of `size` payload bytes, cut into `chunkSize`-byte chunks. */
function wire(count: number, size: number, chunkSize: number): Uint8Array[] {
  const bytes = concat(Array.from({ length: count }, (_, i) => encodeFrame({ format: 'length-prefixed' }, new Uint8Array(size).fill(i))));
  const out: Uint8Array[] = [];
  for (let o = 0; o < bytes.length; o += chunkSize) out.push(bytes.slice(o, o + chunkSize));
  return out;
}

/** One macrotask turn. A MessageChannel message, not setTimeout: browsers clamp nested timers to 4 ms. */
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Several macrotask turns, so every promise in the pipe settles and it runs as far ahead as it may. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await macrotask();
}

/**
 * Reads every frame slowly and returns the largest lead of the source over the reader: bytes pulled
 * from the source minus the wire bytes of the frames read so far.
 */
async function maxLead(engine: 'wasm' | 'js', chunks: Uint8Array[], frameSize: number, sourceHwm: number, strategies?: FrameStreamStrategies) {
  const { stream, stats } = countingSource(chunks, sourceHwm);
  const reader = stream.pipeThrough(new FrameStream({ format: 'length-prefixed', engine }, strategies)).getReader();
  let frames = 0;
  let lead = 0;
  for (;;) {
    await settle();
    lead = Math.max(lead, stats.bytesPulled - frames * (HEADER + frameSize));
    const r = await reader.read();
    if (r.done) break;
    expect(r.value.length).toBe(frameSize);
    expect(r.value[0]).toBe(frames & 255);
    frames++;
  }
  return { lead, frames, stats };
}

describe.each(ENGINES)('backpressure and cancellation, %s engine', (engine) => {
  // [frame payload bytes, chunk bytes]: frames spanning many chunks, and many frames per chunk.
  it.each([[1000, 256], [100, 1024], [5000, 5000]])('a slow reader of %i-byte frames in %i-byte chunks bounds what is pulled', async (frameSize, chunkSize) => {
    const count = Math.max(60, Math.ceil((24 * chunkSize) / (HEADER + frameSize))); // at least 24 chunks
    const chunks = wire(count, frameSize, chunkSize);
    const sourceHwm = 1;
    const { lead, frames, stats } = await maxLead(engine, chunks, frameSize, sourceHwm);
    expect(frames).toBe(count);
    expect(stats.pulls).toBe(chunks.length);
    // Queued in the source (its highWaterMark) and in FrameStream's writable side (highWaterMark 1),
    // plus the chunk being decoded, plus the frame still incomplete in the decoder.
    const bound = (sourceHwm + 1) * chunkSize + chunkSize + (HEADER + frameSize);
    expect(lead).toBeLessThanOrEqual(bound);
    // And the measurement can see buffering: a wide writable queue lets the source run further ahead.
    const wide = await maxLead(engine, chunks, frameSize, sourceHwm, { writableStrategy: { highWaterMark: 16 } });
    expect(wide.frames).toBe(count);
    expect(wide.lead).toBeGreaterThan(bound);
  });

  it('cancelling the reader of a pipeThrough cancels the source, with the reason', async () => {
    const { stream, stats } = countingSource(wire(50, 100, 64), 1);
    const reader = stream.pipeThrough(new FrameStream({ format: 'length-prefixed', engine })).getReader();
    const first = await reader.read();
    expect(first.value?.length).toBe(100);
    await reader.cancel('enough');
    await vi.waitFor(() => expect(stats.cancels).toEqual(['enough']), { timeout: 10_000, interval: 10 });
    const pulls = stats.pulls;
    await settle();
    expect(stats.pulls).toBe(pulls);
    expect(pulls).toBeLessThan(50 * 104 / 64);
  });

  it('a FrameError cancels the source', async () => {
    const chunks = wire(5, 10, 7);
    chunks.splice(3, 0, Uint8Array.of(0xff)); // an extra byte turns the rest into a huge length field
    const { stream, stats } = countingSource(chunks, 1);
    const reader = stream.pipeThrough(new FrameStream({ format: 'length-prefixed', engine, maxFrameLength: 1000 })).getReader();
    const values: Uint8Array[] = [];
    let error: unknown;
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) values.push(r.value);
    } catch (e) {
      error = e;
    }
    expect(values.length).toBeGreaterThan(0);
    expect(error).toMatchObject({ code: 'frame-too-large' });
    await vi.waitFor(() => expect(stats.cancels).toEqual([error]), { timeout: 10_000, interval: 10 });
  });
});
