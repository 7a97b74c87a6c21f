/**
 * Ending a real fetch early, in every runtime: an aborted fetch errors the frame reader (no hang),
 * and cancelling the frame reader closes the HTTP connection. The server sends a few frames and
 * then holds the response open, so only the client can end it.
 */
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, FrameStream } from '../../src/index.ts';
import { concat } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';
import { serveChunks } from '../support/loopback.ts';

const frame = (hex: string) => encodeFrame({ format: 'length-prefixed' }, Uint8Array.from(hex.match(/../g)!, (h) => parseInt(h, 16)));

/** The outcome of `p`, or 'hang' if it takes longer than `ms`. */
function orHang<T>(p: Promise<T>, ms = 10_000): Promise<T | 'hang'> {
  return Promise.race([p, new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), ms))]);
}

describe.each(ENGINES)('ending a fetch early, %s engine', (engine) => {
  it.each([
    ['between frames', [frame('aa'), frame('bbcc')]],
    ['inside a frame', [frame('aa'), frame('bbccdd').subarray(0, 6)]],
  ] as const)('an aborted fetch errors the reader %s with an AbortError', async (_where, chunks) => {
    const served = await serveChunks([concat([...chunks])], { hold: true });
    const ac = new AbortController();
    const res = await fetch(served.httpUrl, { signal: ac.signal });
    const reader = res.body!.pipeThrough(new FrameStream({ format: 'length-prefixed', engine })).getReader();
    const first = await reader.read();
    expect(toHex(first.value!)).toBe('aa');
    await vi.waitFor(async () => expect(await served.status()).toMatchObject({ chunksWritten: 1 }), { timeout: 10_000, interval: 20 });
    ac.abort();
    const outcome = await orHang(reader.read().then((r) => ({ read: r }), (e: unknown) => ({ error: e })));
    expect(outcome).not.toBe('hang');
    const read = outcome as { read?: ReadableStreamReadResult<Uint8Array>; error?: unknown };
    if (read.read && !read.read.done) {
      // The frame already sent may be delivered first; the next read must then fail.
      expect(toHex(read.read.value)).toBe('bbcc');
      const next = await orHang(reader.read().then(() => 'resolved', (e: unknown) => e));
      expect(next).toMatchObject({ name: 'AbortError' });
    } else {
      expect(read.error).toMatchObject({ name: 'AbortError' });
    }
    await vi.waitFor(async () => expect(await served.status()).toMatchObject({ clientClosed: true }), { timeout: 10_000, interval: 20 });
  });

  it('cancelling the frame reader closes the connection', async () => {
    const served = await serveChunks([concat([frame('aa'), frame('bb')])], { hold: true });
    const res = await fetch(served.httpUrl);
    const reader = res.body!.pipeThrough(new FrameStream({ format: 'length-prefixed', engine })).getReader();
    expect(toHex((await reader.read()).value!)).toBe('aa');
    await reader.cancel('enough');
    await vi.waitFor(async () => expect(await served.status()).toMatchObject({ clientClosed: true }), { timeout: 10_000, interval: 20 });
  });
});
