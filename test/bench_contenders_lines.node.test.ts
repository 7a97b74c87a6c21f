// Every lines/NDJSON bench contender decodes small workloads to the expected tally (full
// checksum), on chunkings that cut lines and characters anywhere: the harness would show WRONG
// otherwise, and a contender wrong on small inputs must not reach the report as a time.
// Node-only (the peers are Node streams).
import { describe, expect, it } from 'vitest';
import { matches, setChecksumMode } from '../bench/checksum.ts';
import { makeLines, makeNdjson, makeOneLine } from '../bench/gen/lines.ts';
import type { Workload, WorkloadSpec } from '../bench/suite.ts';
import suite from '../bench/suites/lines.ts';

function spec(tags: string[], isolated = false): WorkloadSpec {
  return { id: 't', table: 't', frameBytes: 0, chunking: '', quick: true, tags, isolated: isolated ? { series: 's', messageBytes: 1 } : undefined, make: () => { throw new Error('unused'); } };
}

const workloads: [string, Workload, WorkloadSpec][] = [
  ['lines, random 1..7 B chunks', makeLines(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 1 }), spec(['lines'])],
  ['lines, 1 KiB chunks', makeLines(64 * 1024, { kind: 'fixed', size: 1024 }), spec(['lines'])],
  ['ndjson, random 1..7 B chunks', makeNdjson(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 2 }, false), spec(['ndjson'])],
  ['ndjson non-ASCII, random 1..7 B chunks', makeNdjson(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 3 }, true), spec(['ndjson'])],
  ['one line of 300 KB, 64 KiB chunks', makeOneLine(300_000, 64 * 1024), spec(['lines', 'single'], true)],
];

describe('lines bench contenders', () => {
  for (const [name, w, s] of workloads) {
    const contenders = suite.contenders.filter((c) => c.checked !== false && (c.supports?.(s) ?? true));
    it.each(contenders.map((c) => [c.name, c] as const))(`%s decodes ${name}`, async (_, c) => {
      setChecksumMode('full');
      try {
        const t = await c.run(w.chunks, w);
        expect(t.frames).toBe(w.frames);
        expect(matches(t, w, 'full')).toBe(true);
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
