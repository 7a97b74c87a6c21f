/**
 * What the transport tests send: every length-prefixed vector through a set of chunkings, and a
 * multi-frame stream cut inside its length fields. Shared by fetch.test.ts and websocket.test.ts.
 */
import { encodeFrame } from '../../src/index.ts';
import { at, type Chunking, concat, hexBytes, oneByte, prng, seededRandom, whole } from '../support/chunkings.ts';
import { bad, good, type LpOptions } from '../vectors/length_prefixed.ts';

/**
 * 1-byte and small random chunkings only for vectors up to this size: over a real socket each
 * chunk is a write (a chunked-encoding chunk, or a WebSocket message), and the 64 KiB vectors
 * already go through 1-byte chunking in-process in test/formats/.
 */
const SMALL = 2048;

export interface TransportCase {
  name: string;
  options: LpOptions;
  chunks: Uint8Array[];
  frames: string[];
  error?: { code: string; offset: number };
}

function chunkingsFor(size: number): Chunking[] {
  const all = [whole, seededRandom(42, 64)];
  if (size <= SMALL) all.push(oneByte, seededRandom(7, 7));
  return all;
}

export const goodCases: TransportCase[] = good.flatMap((v) => {
  const bytes = hexBytes(v.bytes);
  return chunkingsFor(bytes.length).map((c) => ({ name: `${v.name}, chunking ${c.name}`, options: v.options, chunks: c.cut(bytes), frames: v.frames }));
});

export const badCases: TransportCase[] = bad.flatMap((v) => {
  const bytes = hexBytes(v.bytes);
  return chunkingsFor(bytes.length).map((c) => ({
    name: `${v.name}, chunking ${c.name}`, options: v.options, chunks: c.cut(bytes), frames: v.framesBefore,
    error: { code: v.code, offset: v.offset },
  }));
});

/**
 * 40 frames (sizes 0..300, seeded) with 4-byte length fields, and cut points inside every
 * header: after its 1st, 2nd and 3rd byte in turn, so each chunk boundary splits a length field.
 */
export function headerSplitStream(): { chunks: Uint8Array[]; payloads: Uint8Array[]; chunking: string } {
  const rnd = prng(0x5eed);
  const payloads = Array.from({ length: 40 }, (_, i) => new Uint8Array(Math.floor(rnd() * 301)).fill(i));
  const cuts: number[] = [];
  let off = 0;
  payloads.forEach((p, i) => {
    cuts.push(off + 1 + (i % 3));
    off += 4 + p.length;
  });
  const wire = concat(payloads.map((p) => encodeFrame({ format: 'length-prefixed' }, p)));
  const chunking = at(cuts);
  return { chunks: chunking.cut(wire), payloads, chunking: 'inside every length field' };
}
