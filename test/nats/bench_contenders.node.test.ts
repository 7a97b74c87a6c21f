// Every nats bench contender decodes small workloads to the expected tally (full checksum), so
// the harness can never report a time for a wrong decoder. Node-only (the peer is nats.js).
import { describe } from 'vitest';
import { cut } from '../../bench/chunking.ts';
import { msgStream } from '../../bench/nats_fixtures.ts';
import type { Workload } from '../../bench/suite.ts';
import suite from '../../bench/suites/nats.ts';
import { itDecodesEveryWorkload, itNamesRealTargets, testSpec } from '../support/bench_checks.ts';

function workload(count: number, size: number, chunk: number): Workload {
  const s = msgStream(count, size);
  return { chunks: cut(s.wire, { kind: 'random', min: 1, max: chunk, seed: 9 }), bytes: s.wire.length, frames: s.frames, checksum: s.checksum, wire: s.wire, bounds: s.bounds };
}


describe('nats bench contenders', () => {
  itDecodesEveryWorkload(suite, [
    ['2500 MSGs of 16 B, random 1..7 B chunks', workload(2500, 16, 7), testSpec(['nats'])],
    ['5 MSGs of 70 KB, random 1..4 KiB chunks', workload(5, 70_000, 4096), testSpec(['nats'])],
  ]);
  itNamesRealTargets(suite);
});
