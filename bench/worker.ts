/**
 * Runs one workload in a child process of `bench/run.ts` and reports over IPC. Two jobs:
 * - `rounds`: check every contender once (full checksum), then time them in interleaved
 *   rounds (tinybench, one task per contender per round, rotating order) until the budget is
 *   spent; reports the per-round samples.
 * - `isolated`: one contender on a large message, in this fresh process: peak RSS growth of
 *   its first run over a baseline taken after setup, then its time over a few runs.
 * Before each run it says which contender it starts, so the parent can kill it on a deadline
 * and mark that contender TIMEOUT.
 *
 * @module
 */
import { Bench } from 'tinybench';
import { matches, setChecksumMode, type Tally } from './checksum.ts';
import type { Contender, Suite, Workload } from './suite.ts';

/**
 * `'cpu'`: process CPU time (user + system), the default: on a shared machine it barely moves
 * when other processes compete for the cores, where wall time does. `'wall'`: performance.now().
 */
export type Clock = 'cpu' | 'wall';

function nowMs(clock: Clock): number {
  if (clock === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export interface RoundsJob {
  kind: 'rounds';
  clock: Clock;
  suiteFile: string;
  workload: string;
  exclude: string[];
  budgetMs: number;
  minRounds: number;
  maxRounds: number;
}

export interface IsolatedJob {
  kind: 'isolated';
  clock: Clock;
  suiteFile: string;
  workload: string;
  contender: string;
  timedRuns: number;
}

export type Job = RoundsJob | IsolatedJob;

export type Status = 'OK' | 'WRONG' | 'ERROR' | 'TIMEOUT';

export type WorkerMessage =
  | { type: 'workload'; frames: number; bytes: number; chunks: number }
  | { type: 'begin'; contender: string; phase: 'verify' | 'round' | 'isolated' }
  | { type: 'verified'; contender: string; status: Status; ms: number; detail?: string }
  | { type: 'rounds'; samples: Record<string, number[]>; batch: Record<string, number> }
  | { type: 'isolated'; contender: string; status: Status; detail?: string; ms: number[]; rssBaseline: number; maxRssBefore: number; maxRssAfter: number }
  | { type: 'fatal'; detail: string };

function send(m: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(m, undefined, undefined, () => resolve()));
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Checks one full run; the verdict and how long it took. */
async function verify(c: Contender, w: Workload, clock: Clock): Promise<{ status: Status; ms: number; detail?: string }> {
  setChecksumMode('full');
  const t0 = nowMs(clock);
  let tally: Tally;
  try {
    tally = await c.run(w.chunks, w);
  } catch (e) {
    return { status: 'ERROR', ms: nowMs(clock) - t0, detail: describe(e) };
  } finally {
    setChecksumMode('sampled');
  }
  const ms = nowMs(clock) - t0;
  if (c.checked === false || matches(tally, w, 'full')) return { status: 'OK', ms };
  return { status: 'WRONG', ms, detail: `got ${tally.frames} frames, checksum ${tally.checksum}; expected ${w.frames}, ${w.checksum.full}` };
}

async function loadSuite(file: string): Promise<Suite> {
  const mod = (await import(file)) as { default: Suite };
  return mod.default;
}

/** Runs per timed sample: enough that one sample lasts >= ~20 ms, so timer noise is small. */
function batchFor(ms: number): number {
  return Math.max(1, Math.min(1000, Math.ceil(20 / Math.max(ms, 0.001))));
}

async function rounds(job: RoundsJob): Promise<void> {
  const suite = await loadSuite(job.suiteFile);
  const spec = suite.workloads().find((s) => s.id === job.workload);
  if (!spec) throw new Error(`no workload ${job.workload}`);
  const w = spec.make();
  await send({ type: 'workload', frames: w.frames, bytes: w.bytes, chunks: w.chunks.length });
  const contenders = suite.contenders.filter((c) => !job.exclude.includes(c.name) && (c.supports?.(spec) ?? true));
  const ok: Contender[] = [];
  const batch: Record<string, number> = {};
  for (const c of contenders) {
    await send({ type: 'begin', contender: c.name, phase: 'verify' });
    const v = await verify(c, w, job.clock);
    await send({ type: 'verified', contender: c.name, ...v });
    if (v.status === 'OK') {
      ok.push(c);
      batch[c.name] = batchFor(v.ms);
    }
  }
  // Warm up every contender in the timed (sampled) mode before the first round.
  for (const c of ok) {
    await send({ type: 'begin', contender: c.name, phase: 'round' });
    await c.run(w.chunks, w);
  }
  const timestampProvider = { name: job.clock, fn: () => nowMs(job.clock), fromMs: (v: number) => v, toMs: (v: number | bigint) => Number(v) };
  const samples: Record<string, number[]> = Object.fromEntries(ok.map((c) => [c.name, []]));
  const t0 = performance.now();
  for (let r = 0; r < job.maxRounds && ok.length > 0; r++) {
    for (let k = 0; k < ok.length; k++) {
      const c = ok[(k + r) % ok.length]!;
      await send({ type: 'begin', contender: c.name, phase: 'round' });
      const bench = new Bench({ iterations: batch[c.name]!, time: 0, warmup: false, throws: true, retainSamples: false, timestampProvider });
      bench.add(c.name, async () => {
        await c.run(w.chunks, w);
      });
      await bench.run();
      const res = bench.tasks[0]!.result;
      if (res.state !== 'completed') throw new Error(`${c.name}: tinybench task ${res.state}`);
      samples[c.name]!.push(res.period);
    }
    if (r + 1 >= job.minRounds && performance.now() - t0 > job.budgetMs) break;
  }
  await send({ type: 'rounds', samples, batch });
}

async function isolated(job: IsolatedJob): Promise<void> {
  const suite = await loadSuite(job.suiteFile);
  const spec = suite.workloads().find((s) => s.id === job.workload);
  const c = suite.contenders.find((x) => x.name === job.contender);
  if (!spec || !c) throw new Error(`no workload ${job.workload} or contender ${job.contender}`);
  const w = spec.make();
  await send({ type: 'workload', frames: w.frames, bytes: w.bytes, chunks: w.chunks.length });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('isolated runs need node --expose-gc');
  gc();
  gc();
  const rssBaseline = process.memoryUsage.rss();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  await send({ type: 'begin', contender: c.name, phase: 'isolated' });
  // The first run is the correctness check (full checksum) and the memory measurement.
  const v = await verify(c, w, job.clock);
  const maxRssAfter = process.resourceUsage().maxRSS * 1024;
  const ms = [v.ms];
  if (v.status === 'OK') {
    for (let i = 0; i < job.timedRuns; i++) {
      gc();
      await send({ type: 'begin', contender: c.name, phase: 'isolated' });
      const t0 = nowMs(job.clock);
      await c.run(w.chunks, w);
      ms.push(nowMs(job.clock) - t0);
    }
  }
  await send({ type: 'isolated', contender: c.name, status: v.status, detail: v.detail, ms, rssBaseline, maxRssBefore, maxRssAfter });
}

process.once('message', (job: Job) => {
  (job.kind === 'rounds' ? rounds(job) : isolated(job))
    .catch((e: unknown) => send({ type: 'fatal', detail: describe(e) }))
    .finally(() => process.disconnect());
});
