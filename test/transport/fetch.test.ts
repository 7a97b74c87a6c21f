/**
 * Real HTTP in every runtime: the runtime's own fetch() against the loopback server
 * (test/setup/loopback_server.ts), which sends each chunk as its own chunked-encoding chunk.
 */
import { describe, expect, it, vi } from 'vitest';
import { FrameError, FrameStream } from '../../src/index.ts';
import { framesDiff } from '../support/bytes.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { readAll, serveChunks } from '../support/loopback.ts';
import { badCases, goodCases, headerSplitStream } from './cases.ts';

const hexes = (frames: unknown[]) => frames.map((f) => toHex(f as Uint8Array));

async function fetchFrames(url: string, stream: FrameStream) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return readAll(res.body!.pipeThrough(stream));
}

describe.each(ENGINES)('fetch() body through FrameStream, %s engine', (engine) => {
  it.each(goodCases.map((c) => [c.name, c] as const))('decodes %s', async (_n, c) => {
    const served = await serveChunks(c.chunks);
    const stream = new FrameStream({ format: 'length-prefixed', engine, ...c.options });
    expect(stream.engine).toBe(engine);
    const r = await fetchFrames(served.httpUrl, stream);
    expect(r.error).toBeUndefined();
    expect(hexes(r.values)).toEqual(c.frames);
    // The server marks the stream finished once its last write is flushed, which may trail the client's read.
    await vi.waitFor(async () => expect(await served.status()).toMatchObject({ requests: 1, chunksWritten: c.chunks.length, finished: true }), { timeout: 10_000, interval: 20 });
  });

  it.each(badCases.map((c) => [c.name, c] as const))('delivers the frames before %s, then errors', async (_n, c) => {
    const served = await serveChunks(c.chunks);
    const r = await fetchFrames(served.httpUrl, new FrameStream({ format: 'length-prefixed', engine, ...c.options }));
    expect(hexes(r.values)).toEqual(c.frames);
    expect(r.error).toBeInstanceOf(FrameError);
    expect({ code: (r.error as FrameError).code, offset: (r.error as FrameError).offset }).toEqual(c.error);
  });

  it('decodes a stream whose chunk boundaries all fall inside length fields, sent 5 ms apart', async () => {
    const { chunks, payloads } = headerSplitStream();
    const served = await serveChunks(chunks, { delayMs: 5 });
    const received: number[] = [];
    const res = await fetch(served.httpUrl);
    const counted = res.body!.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received.push(chunk.length);
        controller.enqueue(chunk);
      },
    }));
    const r = await readAll(counted.pipeThrough(new FrameStream({ format: 'length-prefixed', engine })));
    expect(r.error).toBeUndefined();
    expect(framesDiff(r.values, payloads)).toBeUndefined();
    // The body really arrived in pieces (the client may merge some writes, never invent bytes).
    expect(received.reduce((a, b) => a + b, 0)).toBe(chunks.reduce((a, c) => a + c.length, 0));
    expect(received.length).toBeGreaterThan(chunks.length / 2);
  });
});
