// Every length-prefixed bench contender decodes a small workload to the expected tally (full
// checksum), on the chunkings that stress it: the harness would show WRONG otherwise, and a
// contender that is wrong on small inputs must not reach the report as a time. Node-only (peers).
import { describe, expect, it } from 'vitest';
import { setChecksumMode, matches } from '../bench/checksum.ts';
import suite from '../bench/suites/length_prefixed.ts';
import { makeFrameStream, makeSingleMessage } from '../bench/gen/length_prefixed.ts';
import type { Workload, WorkloadSpec } from '../bench/suite.ts';

function spec(tags: string[], isolated = false): WorkloadSpec {
  return { id: 't', table: 't', frameBytes: 0, chunking: '', quick: true, tags, isolated: isolated ? { series: 's', messageBytes: 1 } : undefined, make: () => { throw new Error('unused'); } };
}

const workloads: [string, Workload, WorkloadSpec][] = [
  ['varint 16 B, random 1..7 B chunks', makeFrameStream(16, 200, 'varint', { kind: 'random', min: 1, max: 7, seed: 1 }), spec(['varint'])],
  ['varint 300 B, 1 KiB chunks', makeFrameStream(300, 50, 'varint', { kind: 'fixed', size: 1024 }), spec(['varint'])],
  ['u32 16 B, 1 B chunks', makeFrameStream(16, 30, 'u32', { kind: 'fixed', size: 1 }), spec(['u32'])],
  ['varint single 200 KB, 16 KiB chunks', makeSingleMessage(200_000, 'varint', { kind: 'fixed', size: 16384 }), spec(['varint', 'single'], true)],
];

describe('length-prefixed bench contenders', () => {
  for (const [name, w, s] of workloads) {
    const contenders = suite.contenders.filter((c) => c.checked !== false && (c.supports?.(s) ?? true));
    it.each(contenders.map((c) => [c.name, c] as const))(`%s decodes ${name}`, async (_, c) => {
      setChecksumMode('full');
      try {
        const t = await c.run(w.chunks, w);
        expect(matches(t, w, 'full')).toBe(true);
        expect(t.frames).toBe(w.frames);
      } finally {
        setChecksumMode('sampled');
      }
    });
  }

  it('suite ids are unique and every target names a real workload and contender', () => {
    const specs = suite.workloads();
    const ids = specs.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const names = suite.contenders.map((c) => c.name);
    for (const t of suite.targets ?? []) {
      if (t.kind === 'linear') expect(specs.some((x) => x.isolated?.series === t.series)).toBe(true);
      else expect(ids).toContain(t.workload);
      expect(names).toContain(t.contender);
      if (t.kind === 'ratio') expect(names).toContain(t.baseline);
    }
  });
});
