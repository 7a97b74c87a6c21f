// Every nats bench contender decodes small workloads to the expected tally (full checksum), so
// the harness can never report a time for a wrong decoder. Node-only (the peer is nats.js).
import { describe, expect, it } from 'vitest';
import { matches, setChecksumMode } from '../../bench/checksum.ts';
import { cut } from '../../bench/chunking.ts';
import { msgStream } from '../../bench/nats_fixtures.ts';
import type { Workload, WorkloadSpec } from '../../bench/suite.ts';
import suite from '../../bench/suites/nats.ts';

function workload(count: number, size: number, chunk: number): Workload {
  const s = msgStream(count, size);
  return { chunks: cut(s.wire, { kind: 'random', min: 1, max: chunk, seed: 9 }), bytes: s.wire.length, frames: s.frames, checksum: s.checksum, wire: s.wire, bounds: s.bounds };
}

const spec: WorkloadSpec = { id: 't', table: 't', frameBytes: 0, chunking: '', quick: true, tags: ['nats'], make: () => { throw new Error('unused'); } };

describe('nats bench contenders', () => {
  for (const [name, w] of [['2500 MSGs of 16 B, random 1..7 B chunks', workload(2500, 16, 7)], ['5 MSGs of 70 KB, random 1..4 KiB chunks', workload(5, 70_000, 4096)]] as const) {
    it.each(suite.contenders.filter((c) => c.checked !== false && (c.supports?.(spec) ?? true)).map((c) => [c.name, c] as const))(`%s decodes ${name}`, async (_n, c) => {
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
  it('targets name real workloads and contenders', () => {
    const ids = suite.workloads().map((x) => x.id);
    const names = suite.contenders.map((c) => c.name);
    for (const t of suite.targets ?? []) {
      if (t.kind !== 'linear') expect(ids).toContain(t.workload);
      expect(names).toContain(t.contender);
      if (t.kind === 'ratio') expect(names).toContain(t.baseline);
    }
  });
});
