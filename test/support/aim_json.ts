/**
 * Aim values and trees in the vectors' JSON conventions (test/fixtures/aim/README.md section 8),
 * so decoded output compares with `toEqual` against the vector's JSON. Payloads above 16384
 * bytes are compared by length and SHA-256 (the JSON references them by offset in the .bin;
 * `resolveExpected` drops the offset after checking that the .bin holds those bytes there).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { AimBlob, AimCustomObject, AimFloat, type AimKey, type AimNode, type AimRecord, type AimValue } from '../../src/index.ts';
import { toHex } from './hex.ts';

const REF_LIMIT = 16384;
const utf8 = new TextEncoder();

function ref(b: Uint8Array): { length: number; sha256: string } {
  return { length: b.length, sha256: toHex(sha256(b)) };
}

export function keyJson(k: AimKey): unknown {
  return typeof k === 'bigint' ? { $int: k.toString() } : k;
}

function numberJson(n: number): unknown {
  if (Number.isNaN(n)) return { $float: 'nan' };
  if (n === Infinity) return { $float: 'inf' };
  if (n === -Infinity) return { $float: '-inf' };
  if (Object.is(n, -0)) return { $float: '-0' };
  return n;
}

function dictJson(entries: Iterable<[AimKey, AimNode]>): unknown {
  const list = [...entries];
  if (list.every(([k]) => typeof k === 'string' && !k.startsWith('$'))) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of list) o[k as string] = nodeJson(v);
    return o;
  }
  return { $dict: list.map(([k, v]) => [keyJson(k), nodeJson(v)]) };
}

export function nodeJson(v: AimNode | AimValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return numberJson(v);
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (typeof v === 'string') {
    const b = utf8.encode(v);
    return b.length > REF_LIMIT ? { $str_ref: ref(b) } : v;
  }
  if (v instanceof Uint8Array) return v.length > REF_LIMIT ? { $bytes_ref: ref(v) } : { $bytes_hex: toHex(v) };
  if (v instanceof AimFloat) return numberJson(v.value);
  if (v instanceof AimBlob) return { $blob: nodeJson(v.value) };
  if (Array.isArray(v)) return v.map(nodeJson);
  if (v instanceof Map) return dictJson(v);
  if (v instanceof AimCustomObject) return { $custom_object: v.name, storage: dictJson(v.storage) };
  if ('flag' in v && typeof v.flag === 'string') {
    return v.flag === 'custom_object' ? { $flag: 'custom_object', name: (v as { name: string }).name } : { $flag: v.flag };
  }
  return dictJson(Object.entries(v as Record<string, AimNode>));
}

/** A record as the vector's `records[]` entry (without `index`, `segment` and `is_blob_byte`). */
export function recordJson(r: AimRecord): Record<string, unknown> {
  const o: Record<string, unknown> = { offset: r.offset, length: r.length, key_length: r.key.length };
  if (r.key.length > REF_LIMIT) o.key_ref = ref(r.key);
  else o.key_hex = toHex(r.key);
  o.path = r.path.map(keyJson);
  if (r.format === 'aim-rt') o.is_blob = r.isBlob;
  o.value_length = r.value.length;
  if (r.value.length > REF_LIMIT) o.value_ref = ref(r.value);
  else o.value_hex = toHex(r.value);
  o.type = r.type;
  o.type_byte = r.value[0];
  const d = nodeJson(r.data);
  o.value = r.isBlob ? { $blob: d } : d;
  return o;
}

/**
 * The vector's JSON with every `*_ref` checked against the .bin and reduced to `{length, sha256}`.
 */
export function resolveExpected<T>(json: T, bin: Uint8Array): T {
  const walk = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(walk);
    if (x === null || typeof x !== 'object') return x;
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (/(^\$(bytes|str)_ref$)|(^(key|value)_ref$)/.test(k)) {
        const r = v as { offset: number; length: number; sha256: string };
        const actual = toHex(sha256(bin.subarray(r.offset, r.offset + r.length)));
        if (actual !== r.sha256) throw new Error(`fixture ${k} at ${r.offset} does not match its sha256`);
        o[k] = { length: r.length, sha256: r.sha256 };
      } else {
        o[k] = walk(v);
      }
    }
    return o;
  };
  return walk(json) as T;
}

/** A vector's `records[]` entry without the fields a decoder does not report (`index`, `segment`, `is_blob_byte`). */
export function expectedRecord(r: Record<string, unknown>, bin: Uint8Array): Record<string, unknown> {
  const { index: _i, segment: _s, is_blob_byte: _b, ...rest } = r;
  return resolveExpected(rest, bin);
}
