/**
 * The two checks every bench suite gets (Node-side: suites import their peers): each contender
 * decodes small workloads to the expected full checksum, so the harness can never report a time
 * for a wrong decoder; and every target names a real workload and contender.
 */
import { expect, it } from 'vitest';
import { matches, setChecksumMode } from '../../bench/checksum.ts';
import type { Suite, Workload, WorkloadSpec } from '../../bench/suite.ts';

/** A spec for a hand-made test workload: only `tags` and `isolated` matter to `supports`. */
export function testSpec(tags: string[], isolated = false): WorkloadSpec {
  return { id: 't', table: 't', frameBytes: 0, chunking: '', quick: true, tags, isolated: isolated ? { series: 's', messageBytes: 1 } : undefined, make: () => { throw new Error('unused'); } };
}

/** One test per (contender, workload) that the contender supports. */
export function itDecodesEveryWorkload(suite: Suite, workloads: readonly (readonly [string, Workload, WorkloadSpec])[]): void {
  for (const [name, w, spec] of workloads) {
    const contenders = suite.contenders.filter((c) => c.checked !== false && (c.supports?.(spec) ?? true));
    it.each(contenders.map((c) => [c.name, c] as const))(`%s decodes ${name}`, async (_n, c) => {
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
}

export function itNamesRealTargets(suite: Suite): void {
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
}
