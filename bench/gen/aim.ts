/**
 * Aim workload generators (no Node API, so the fixture test can run anywhere).
 *
 * - `makeAimSingleValue`: one aim-web record whose value is `messageBytes` long (a bytes value:
 *   type byte 0x05 + payload), written straight into its chunks: the case where Aim's UI
 *   re-merges its buffer on every chunk (README section 7.2).
 * - `makeAimSearchStream`: a `/runs/search/run/`-like body (README 6.2): per run one
 *   `{hash: {props, params, traces}}` tree, then `progress_N = [i + 1, runs]`, and every
 *   `keepAliveEvery` runs a keep-alive progress key with a 37 KB digit suffix.
 *
 * Frames are records; each contender folds the record's value bytes into its checksum.
 *
 * @module
 */
import { createAimEncoder } from '../../src/formats/aim.ts';
import { AimFloat } from '../../src/formats/aim_codec.ts';
import { flattenTree, type AimNode } from '../../src/formats/aim_tree.ts';
import { ExpectedChecksum, Pattern } from '../checksum.ts';
import { chunkSizes, cut, prng, type Chunking } from '../chunking.ts';
import type { Workload } from '../suite.ts';

/** The key of the single-value record: path ('blob',). */
const SINGLE_KEY = new Uint8Array([0x62, 0x6c, 0x6f, 0x62, 0xfe]);

export function makeAimSingleValue(messageBytes: number, chunking: Chunking): Workload {
  const header = new Uint8Array(8 + SINGLE_KEY.length + 1);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, SINGLE_KEY.length, true);
  header.set(SINGLE_KEY, 4);
  dv.setUint32(4 + SINGLE_KEY.length, messageBytes, true);
  header[header.length - 1] = 0x05; // the value's type byte (bytes); the pattern fills the rest
  const valueStart = header.length - 1;
  const total = valueStart + messageBytes;
  const pattern = new Pattern(0);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  const valueParts: Uint8Array[] = [];
  let off = 0;
  for (const n of chunkSizes(total, chunking)) {
    const c = new Uint8Array(n);
    const h = Math.max(0, Math.min(n, header.length - off));
    c.set(header.subarray(off, off + h));
    pattern.fill(c.subarray(h));
    // The value starts at the type byte, which lies in the first chunk.
    valueParts.push(off <= valueStart ? c.subarray(valueStart - off) : c);
    chunks.push(c);
    off += n;
  }
  const expected = new ExpectedChecksum();
  expected.frameParts(valueParts);
  return { ...expected.done(), chunks, bytes: total, params: { format: 'aim-web' } };
}

function runTree(i: number, rnd: () => number): AimNode {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  const hash = hex(24);
  const steps = 50;
  return new Map<string, AimNode>([[hash, {
    props: {
      name: `Run ${i}: sweep ${hex(4)}`, description: null,
      experiment: { id: `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`, name: 'imagenet', description: null },
      tags: [{ id: hex(8), name: 'baseline', color: '#18AB6D', description: '' }],
      archived: false, creation_time: 1763891200.25 + i, end_time: 1763894800.75 + i, active: false,
    },
    params: {
      hparams: { lr: 0.0003 * (1 + i % 7), batch_size: 64, optimizer: 'adamw', betas: [0.9, 0.999], weight_decay: 0.01, warmup_steps: null, use_amp: true },
      dataset: { name: 'imagenet-1k', splits: ['train', 'val'], augment: new Map() },
      seed: i,
    },
    traces: {
      metric: [{
        name: 'loss', context: { subset: 'train' },
        values: Array.from({ length: steps }, (_, s) => new AimFloat(Math.round(1000 / (s + 1)) / 100)),
        iters: Array.from({ length: steps }, (_, s) => s * 10),
      }],
    },
  }]]);
}

export function makeAimSearchStream(runs: number, keepAliveEvery: number, chunking: Chunking): Workload {
  const rnd = prng(0xa1b2);
  const encode = createAimEncoder({ format: 'aim-web' });
  const suffix = Array.from({ length: 2000 }, () => String(Math.floor(rnd() * 2 ** 53)) + String(Math.floor(rnd() * 1e5))).join('').slice(0, 37000);
  const trees: AimNode[] = [];
  let progress = 0;
  for (let i = 0; i < runs; i++) {
    trees.push(runTree(i, rnd));
    trees.push(new Map([[`progress_${progress++}`, [i + 1, runs]]]));
    if (keepAliveEvery > 0 && (i + 1) % keepAliveEvery === 0) trees.push(new Map([[`progress_${progress++}_${suffix}`, [i + 1, runs]]]));
  }
  const parts: Uint8Array[] = [];
  const values: [number, number][] = [];
  const expected = new ExpectedChecksum();
  let size = 0;
  for (const t of trees) {
    for (const r of flattenTree(t)) {
      const b = encode(r);
      parts.push(b);
      values.push([size + b.length - r.value.length, size + b.length]);
      expected.frame(r.value);
      size += b.length;
    }
  }
  const wire = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    wire.set(p, at);
    at += p.length;
  }
  const bounds = new Uint32Array(values.flat());
  return { ...expected.done(), chunks: cut(wire, chunking), bytes: size, wire, bounds, params: { format: 'aim-web' } };
}
