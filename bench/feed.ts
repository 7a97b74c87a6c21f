/**
 * Feeding a workload's chunks to a contender the way its users would: as a WHATWG
 * ReadableStream (fetch body), a Node Readable (socket), an async iterable, or a plain loop.
 * Every helper hands over the same chunk objects, without copying.
 *
 * @module
 */
import { Readable } from 'node:stream';
import type { Chunk } from './suite.ts';

/** The chunks as a byte source like `response.body`: one chunk per pull, nothing queued ahead. */
export function webStreamOf(chunks: readonly Chunk[]): ReadableStream<Chunk> {
  let i = 0;
  return new ReadableStream<Chunk>(
    {
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]!);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** Reads a web stream to its end, calling `onValue` for each value. */
export async function readAll<T>(stream: ReadableStream<T>, onValue: (v: T) => void): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const r = await reader.read();
    if (r.done) return;
    onValue(r.value);
  }
}

/** The chunks as an async iterable (as a libp2p/it-* pipeline delivers them). */
export async function* asyncIterableOf(chunks: readonly Chunk[]): AsyncGenerator<Chunk> {
  for (const c of chunks) yield c;
}

/** A Node Buffer view of a chunk (no copy), as a socket would deliver it. */
export function asBuffer(c: Uint8Array): Buffer {
  return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}

/** The chunks as a Node Readable of Buffers (views, no copy), like a socket. */
export function nodeReadableOf(chunks: readonly Chunk[]): Readable {
  return Readable.from(chunks.map(asBuffer), { objectMode: false });
}

/** Resolves when a Node stream has ended (its 'end' event), rejects on 'error'. */
export function finished(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
}
