/**
 * BLAKE3 (unkeyed hash, 32-byte output), written from the BLAKE3 specification: 1 KiB chunks of
 * 64-byte blocks, a binary tree of parent nodes, ROOT on the last compression. Small and plain:
 * framestream needs it only for ai-dynamo's service-name hashes (a few dozen bytes each);
 * test/nats/subject.test.ts checks it against @noble/hashes on many lengths.
 */
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const PERM = [2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8];
const CHUNK_START = 1;
const CHUNK_END = 2;
const PARENT = 4;
const ROOT = 8;
const CHUNK = 1024;

function rotr(x: number, n: number): number {
  return (x >>> n) | (x << (32 - n));
}

function g(s: Uint32Array, a: number, b: number, c: number, d: number, x: number, y: number): void {
  s[a] = s[a]! + s[b]! + x;
  s[d] = rotr(s[d]! ^ s[a]!, 16);
  s[c] = s[c]! + s[d]!;
  s[b] = rotr(s[b]! ^ s[c]!, 12);
  s[a] = s[a]! + s[b]! + y;
  s[d] = rotr(s[d]! ^ s[a]!, 8);
  s[c] = s[c]! + s[d]!;
  s[b] = rotr(s[b]! ^ s[c]!, 7);
}

/** The compression function; returns the first 8 output words (a chaining value or the hash). */
function compress(cv: ArrayLike<number>, block: Uint32Array, counter: number, blockLen: number, flags: number): Uint32Array {
  const s = new Uint32Array(16);
  for (let i = 0; i < 8; i++) s[i] = cv[i]!;
  for (let i = 0; i < 4; i++) s[8 + i] = IV[i]!;
  s[12] = counter >>> 0;
  s[13] = Math.floor(counter / 0x100000000);
  s[14] = blockLen;
  s[15] = flags;
  let m = Uint32Array.from(block);
  for (let r = 0; r < 7; r++) {
    g(s, 0, 4, 8, 12, m[0]!, m[1]!);
    g(s, 1, 5, 9, 13, m[2]!, m[3]!);
    g(s, 2, 6, 10, 14, m[4]!, m[5]!);
    g(s, 3, 7, 11, 15, m[6]!, m[7]!);
    g(s, 0, 5, 10, 15, m[8]!, m[9]!);
    g(s, 1, 6, 11, 12, m[10]!, m[11]!);
    g(s, 2, 7, 8, 13, m[12]!, m[13]!);
    g(s, 3, 4, 9, 14, m[14]!, m[15]!);
    if (r < 6) m = Uint32Array.from(PERM, (p) => m[p]!);
  }
  const out = new Uint32Array(8);
  for (let i = 0; i < 8; i++) out[i] = s[i]! ^ s[i + 8]!;
  return out;
}

/** A node whose last compression is still to do (so the root can add ROOT). */
interface Output {
  cv: ArrayLike<number>;
  block: Uint32Array;
  counter: number;
  blockLen: number;
  flags: number;
}

function words(bytes: Uint8Array): Uint32Array {
  const w = new Uint32Array(16);
  for (let i = 0; i < bytes.length; i++) w[i >> 2]! |= bytes[i]! << (8 * (i & 3));
  return w;
}

function chunkOutput(input: Uint8Array, index: number): Output {
  let cv: ArrayLike<number> = IV;
  const blocks = Math.max(1, Math.ceil(input.length / 64));
  for (let b = 0; b < blocks - 1; b++) {
    cv = compress(cv, words(input.subarray(b * 64, b * 64 + 64)), index, 64, b === 0 ? CHUNK_START : 0);
  }
  const last = input.subarray((blocks - 1) * 64);
  return { cv, block: words(last), counter: index, blockLen: last.length, flags: (blocks === 1 ? CHUNK_START : 0) | CHUNK_END };
}

function chainingValue(o: Output): Uint32Array {
  return compress(o.cv, o.block, o.counter, o.blockLen, o.flags);
}

/** The subtree over chunks [first, first + n). Left subtrees hold the largest power of two < n. */
function subtree(input: Uint8Array, first: number, n: number): Output {
  if (n === 1) return chunkOutput(input.subarray(first * CHUNK, (first + 1) * CHUNK), first);
  let left = 1;
  while (left * 2 < n) left *= 2;
  const l = chainingValue(subtree(input, first, left));
  const r = chainingValue(subtree(input, first + left, n - left));
  const block = new Uint32Array(16);
  block.set(l);
  block.set(r, 8);
  return { cv: IV, block, counter: 0, blockLen: 64, flags: PARENT };
}

/** BLAKE3 hash (32 bytes) of `input`. */
export function blake3(input: Uint8Array): Uint8Array {
  const root = subtree(input, 0, Math.max(1, Math.ceil(input.length / CHUNK)));
  const w = compress(root.cv, root.block, root.counter, root.blockLen, root.flags | ROOT);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = (w[i >> 2]! >>> (8 * (i & 3))) & 0xff;
  return out;
}
