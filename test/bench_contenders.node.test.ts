// Every length-prefixed bench contender decodes a small workload to the expected tally (full
// checksum), on the chunkings that stress it: the harness would show WRONG otherwise, and a
// contender that is wrong on small inputs must not reach the report as a time. Node-only (peers).
import { describe } from 'vitest';
import suite from '../bench/suites/length_prefixed.ts';
import { makeFrameStream, makeSingleMessage } from '../bench/gen/length_prefixed.ts';
import type { Workload, WorkloadSpec } from '../bench/suite.ts';
import { itDecodesEveryWorkload, itNamesRealTargets, testSpec } from './support/bench_checks.ts';

const workloads: [string, Workload, WorkloadSpec][] = [
  ['varint 16 B, random 1..7 B chunks', makeFrameStream(16, 200, 'varint', { kind: 'random', min: 1, max: 7, seed: 1 }), testSpec(['varint'])],
  ['varint 300 B, 1 KiB chunks', makeFrameStream(300, 50, 'varint', { kind: 'fixed', size: 1024 }), testSpec(['varint'])],
  ['u32 16 B, 1 B chunks', makeFrameStream(16, 30, 'u32', { kind: 'fixed', size: 1 }), testSpec(['u32'])],
  ['varint single 200 KB, 16 KiB chunks', makeSingleMessage(200_000, 'varint', { kind: 'fixed', size: 16384 }), testSpec(['varint', 'single'], true)],
];

describe('length-prefixed bench contenders', () => {
  itDecodesEveryWorkload(suite, workloads);
  itNamesRealTargets(suite);
});
