// Every lines/NDJSON bench contender decodes small workloads to the expected tally (full
// checksum), on chunkings that cut lines and characters anywhere: the harness would show WRONG
// otherwise, and a contender wrong on small inputs must not reach the report as a time.
// Node-only (the peers are Node streams).
import { describe } from 'vitest';
import { makeLines, makeNdjson, makeOneLine } from '../bench/gen/lines.ts';
import type { Workload, WorkloadSpec } from '../bench/suite.ts';
import suite from '../bench/suites/lines.ts';
import { itDecodesEveryWorkload, itNamesRealTargets, testSpec } from './support/bench_checks.ts';

const workloads: [string, Workload, WorkloadSpec][] = [
  ['lines, random 1..7 B chunks', makeLines(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 1 }), testSpec(['lines'])],
  ['lines, 1 KiB chunks', makeLines(64 * 1024, { kind: 'fixed', size: 1024 }), testSpec(['lines'])],
  ['ndjson, random 1..7 B chunks', makeNdjson(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 2 }, false), testSpec(['ndjson'])],
  ['ndjson non-ASCII, random 1..7 B chunks', makeNdjson(8 * 1024, { kind: 'random', min: 1, max: 7, seed: 3 }, true), testSpec(['ndjson'])],
  ['one line of 300 KB, 64 KiB chunks', makeOneLine(300_000, 64 * 1024), testSpec(['lines', 'single'], true)],
];

describe('lines bench contenders', () => {
  itDecodesEveryWorkload(suite, workloads);
  itNamesRealTargets(suite);
});
