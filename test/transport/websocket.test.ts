/**
 * Real WebSocket in every runtime: the runtime's own global WebSocket against the loopback server,
 * each binary message an arbitrary slice of the byte stream, bridged into a ReadableStream.
 */
import { describe, expect, it, vi } from 'vitest';
import { FrameError, FrameStream } from '../../src/index.ts';
import { framesDiff } from '../support/bytes.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { readAll, serveChunks, webSocketStream } from '../support/loopback.ts';
import { badCases, goodCases, headerSplitStream } from './cases.ts';

const hexes = (frames: unknown[]) => frames.map((f) => toHex(f as Uint8Array));

// One retry: once in a loaded CI run, Chromium's WebSocket reported a clean close (1000) with
// none of the server's messages delivered, so FrameStream saw no bytes at all (a transport
// hiccup, not a decoding result). A real failure still fails twice.
describe.each(ENGINES)('WebSocket messages through FrameStream, %s engine', { retry: 1 }, (engine) => {
  it.each(goodCases.map((c) => [c.name, c] as const))('decodes %s', async (_n, c) => {
    const served = await serveChunks(c.chunks);
    const stream = new FrameStream({ format: 'length-prefixed', engine, ...c.options });
    expect(stream.engine).toBe(engine);
    const r = await readAll(webSocketStream(served.wsUrl).pipeThrough(stream));
    expect(r.error).toBeUndefined();
    expect(hexes(r.values)).toEqual(c.frames);
    // The server marks the stream finished once its last write is flushed, which may trail the client's read.
    await vi.waitFor(async () => expect(await served.status()).toMatchObject({ requests: 1, chunksWritten: c.chunks.length, finished: true }), { timeout: 10_000, interval: 20 });
  });

  it.each(badCases.map((c) => [c.name, c] as const))('delivers the frames before %s, then errors', async (_n, c) => {
    const served = await serveChunks(c.chunks);
    const r = await readAll(webSocketStream(served.wsUrl).pipeThrough(new FrameStream({ format: 'length-prefixed', engine, ...c.options })));
    expect(hexes(r.values)).toEqual(c.frames);
    expect(r.error).toBeInstanceOf(FrameError);
    expect({ code: (r.error as FrameError).code, offset: (r.error as FrameError).offset }).toEqual(c.error);
  });

  it('gets every message as sent, and decodes frames whose length fields span messages', async () => {
    const { chunks, payloads } = headerSplitStream();
    const served = await serveChunks(chunks);
    const received: number[] = [];
    const counted = webSocketStream(served.wsUrl).pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received.push(chunk.length);
        controller.enqueue(chunk);
      },
    }));
    const r = await readAll(counted.pipeThrough(new FrameStream({ format: 'length-prefixed', engine })));
    expect(r.error).toBeUndefined();
    expect(framesDiff(r.values, payloads)).toBeUndefined();
    // Message boundaries are preserved by the protocol, so the client sees exactly the server's cuts.
    expect(received).toEqual(chunks.map((c) => c.length));
  });
});
