/**
 * Length-prefixed workload generators (no Node API, so the fixture test can run anywhere).
 *
 * @module
 */
import { ExpectedChecksum, Pattern } from '../checksum.ts';
import { chunkSizes, cut, type Chunking } from '../chunking.ts';
import type { Workload } from '../suite.ts';

export type LengthField = 'varint' | 'u32';

/** Bytes of the length field for a payload of `n` bytes. */
export function headerSize(n: number, field: LengthField): number {
  if (field === 'u32') return 4;
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/** Writes the length field for `n` at `at`; returns the position after it. */
export function writeHeader(out: Uint8Array, at: number, n: number, field: LengthField): number {
  if (field === 'u32') {
    new DataView(out.buffer, out.byteOffset).setUint32(at, n);
    return at + 4;
  }
  while (n >= 128) {
    out[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

/**
 * A stream of `frames` frames of `frameBytes` each, cut by `chunking`. Also builds `wire` and
 * `bounds` for the floors.
 */
export function makeFrameStream(frameBytes: number, frames: number, field: LengthField, chunking: Chunking): Workload {
  const head = headerSize(frameBytes, field);
  const wire = new Uint8Array(frames * (head + frameBytes));
  const bounds = new Uint32Array(frames * 2);
  const expected = new ExpectedChecksum();
  let at = 0;
  for (let i = 0; i < frames; i++) {
    at = writeHeader(wire, at, frameBytes, field);
    const payload = wire.subarray(at, at + frameBytes);
    new Pattern(i).fill(payload);
    expected.frame(payload);
    bounds[2 * i] = at;
    bounds[2 * i + 1] = at + frameBytes;
    at += frameBytes;
  }
  return { ...expected.done(), chunks: cut(wire, chunking), bytes: wire.length, wire, bounds, params: { lengthField: field } };
}

/**
 * One message of `messageBytes`, written straight into its chunks (no whole-stream copy, so the
 * memory baseline after setup is the chunks alone).
 */
export function makeSingleMessage(messageBytes: number, field: LengthField, chunking: Chunking): Workload {
  const header = new Uint8Array(headerSize(messageBytes, field));
  writeHeader(header, 0, messageBytes, field);
  const total = header.length + messageBytes;
  const pattern = new Pattern(0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const payloadParts: Uint8Array[] = [];
  let off = 0;
  for (const n of chunkSizes(total, chunking)) {
    const c = new Uint8Array(n);
    const h = Math.max(0, Math.min(n, header.length - off));
    c.set(header.subarray(off, off + h));
    const part = c.subarray(h);
    pattern.fill(part);
    payloadParts.push(part);
    chunks.push(c);
    off += n;
  }
  const expected = new ExpectedChecksum();
  expected.frameParts(payloadParts);
  return { ...expected.done(), chunks, bytes: total, params: { lengthField: field } };
}
