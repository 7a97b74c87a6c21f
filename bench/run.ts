/**
 * `npm run bench [-- --quick] [--suite <format>] [--filter <text>]`
 *
 * Discovers the suites in bench/suites/, runs every workload in a child process (bench/worker.ts)
 * under a per-run deadline, and writes the Markdown report and the raw JSON to bench/results/.
 *
 * @module
 */
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renderMarkdown } from './report.ts';
import type { Suite, WorkloadSpec } from './suite.ts';
import type { Clock, Job, WorkerMessage } from './worker.ts';
import { machineInfo, type ContenderResult, type RunResults, type SuiteResults, type WorkloadResult } from './results.ts';

const here = dirname(fileURLToPath(import.meta.url));

interface Settings {
  quick: boolean;
  /** Time spent on timed rounds per workload (ms), after the checks. */
  budgetMs: number;
  minRounds: number;
  maxRounds: number;
  /** Longest a single run (or the child's start) may take before the contender is TIMEOUT. */
  runLimitMs: number;
  /** Timed runs of an isolated (large-message) contender after its checked first run. */
  isolatedRuns: number;
  clock: Clock;
}

function parseArgs(argv: string[]): { settings: Settings; suite?: string; filter?: string } {
  const quick = argv.includes('--quick');
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const clock: Clock = argv.includes('--wall') ? 'wall' : 'cpu';
  const settings: Settings = quick
    ? { quick, budgetMs: 1500, minRounds: 3, maxRounds: 15, runLimitMs: 8000, isolatedRuns: 2, clock }
    : { quick, budgetMs: 4000, minRounds: 7, maxRounds: 31, runLimitMs: 20000, isolatedRuns: 4, clock };
  return { settings, suite: value('--suite'), filter: value('--filter') };
}

/** Startup of a child (tsx, imports, workload generation) gets this long before its first report. */
const START_LIMIT_MS = 60_000;

/**
 * Runs one job in a fresh child. Calls `onMessage` for each report; if the child goes silent for
 * longer than the limit, kills it and returns the contender it was running (TIMEOUT).
 */
function runChild(job: Job, runLimitMs: number, onMessage: (m: WorkerMessage) => void): Promise<{ timedOut?: string; crashed?: string }> {
  return new Promise((resolve) => {
    const child = fork(join(here, 'worker.ts'), [], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let current: string | undefined;
    let timer: NodeJS.Timeout | undefined;
    let timedOut: string | undefined;
    let fatal: string | undefined;
    const arm = (ms: number): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = current ?? '(startup)';
        child.kill('SIGKILL');
      }, ms);
    };
    arm(START_LIMIT_MS);
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'begin') {
        current = m.contender;
        arm(runLimitMs);
      } else if (m.type === 'fatal') {
        fatal = m.detail;
      }
      onMessage(m);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) resolve({ timedOut });
      else if (fatal || code !== 0) resolve({ crashed: fatal ?? `worker exited with ${code ?? signal}` });
      else resolve({});
    });
    child.send(job);
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function finish(r: ContenderResult, frames: number, bytes: number): ContenderResult {
  if (r.status === 'OK' && r.samplesMs.length > 0) {
    r.medianMs = median(r.samplesMs);
    r.framesPerSec = frames / (r.medianMs / 1000);
    r.mbPerSec = bytes / (1024 * 1024) / (r.medianMs / 1000);
  }
  return r;
}

async function runRounds(suiteFile: string, suite: Suite, spec: WorkloadSpec, s: Settings): Promise<WorkloadResult> {
  const out: WorkloadResult = { id: spec.id, table: spec.table, frameBytes: spec.frameBytes, chunking: spec.chunking, frames: 0, bytes: 0, chunks: 0, results: {} };
  const names = suite.contenders.filter((c) => c.supports?.(spec) ?? true).map((c) => c.name);
  const exclude: string[] = [];
  for (let attempt = 0; attempt < names.length + 1; attempt++) {
    const results: Record<string, ContenderResult> = {};
    const res = await runChild(
      { kind: 'rounds', clock: s.clock, suiteFile, workload: spec.id, exclude, budgetMs: s.budgetMs, minRounds: s.minRounds, maxRounds: s.maxRounds },
      s.runLimitMs,
      (m) => {
        if (m.type === 'workload') Object.assign(out, { frames: m.frames, bytes: m.bytes, chunks: m.chunks });
        else if (m.type === 'verified') results[m.contender] = { status: m.status, detail: m.detail, checkMs: m.ms, samplesMs: [] };
        else if (m.type === 'rounds') {
          for (const [name, xs] of Object.entries(m.samples)) {
            results[name]!.samplesMs = xs;
            results[name]!.batch = m.batch[name];
            results[name]!.pageFaults = m.faults[name];
          }
        }
      },
    );
    if (res.timedOut) {
      out.results[res.timedOut] = { status: 'TIMEOUT', detail: `a run took longer than ${s.runLimitMs / 1000} s`, samplesMs: [] };
      exclude.push(res.timedOut);
      if (!names.includes(res.timedOut)) break; // the child itself would not start
      continue;
    }
    if (res.crashed) {
      for (const n of names) if (!exclude.includes(n)) out.results[n] = { status: 'ERROR', detail: res.crashed, samplesMs: [] };
      break;
    }
    for (const [name, r] of Object.entries(results)) out.results[name] = finish(r, out.frames, out.bytes);
    break;
  }
  return out;
}

async function runIsolated(suiteFile: string, suite: Suite, spec: WorkloadSpec, s: Settings): Promise<WorkloadResult> {
  const out: WorkloadResult = { id: spec.id, table: spec.table, frameBytes: spec.frameBytes, chunking: spec.chunking, frames: 0, bytes: 0, chunks: 0, results: {}, isolated: spec.isolated };
  // --quick measures only the contenders the suite's targets name (each costs a fresh process).
  const named = new Set((suite.targets ?? []).flatMap((t) => (t.kind === 'ratio' ? [t.contender, t.baseline] : [t.contender])));
  for (const c of suite.contenders.filter((x) => (x.supports?.(spec) ?? true) && (!s.quick || named.has(x.name)))) {
    let r: ContenderResult | undefined;
    const res = await runChild({ kind: 'isolated', clock: s.clock, suiteFile, workload: spec.id, contender: c.name, timedRuns: s.isolatedRuns }, s.runLimitMs, (m) => {
      if (m.type === 'workload') Object.assign(out, { frames: m.frames, bytes: m.bytes, chunks: m.chunks });
      if (m.type === 'isolated') {
        r = {
          status: m.status,
          detail: m.detail,
          checkMs: m.ms[0],
          samplesMs: m.ms.slice(1),
          rssGrowthBytes: m.maxRssAfter - m.rssBaseline,
          rssBaselineBytes: m.rssBaseline,
          // When setup already peaked above the baseline, a smaller growth would not show.
          rssHiddenBelowBytes: Math.max(0, m.maxRssBefore - m.rssBaseline),
        };
      }
    });
    if (res.timedOut) r = { status: 'TIMEOUT', detail: `a run took longer than ${s.runLimitMs / 1000} s`, samplesMs: [] };
    else if (res.crashed) r = { status: 'ERROR', detail: res.crashed, samplesMs: [] };
    out.results[c.name] = finish(r!, out.frames, out.bytes);
  }
  return out;
}

async function main(): Promise<void> {
  // --render <results.json>: re-render a saved run's Markdown (e.g. after a report change).
  const render = process.argv.indexOf('--render');
  if (render >= 0) {
    const file = process.argv[render + 1]!;
    const md = renderMarkdown(JSON.parse(readFileSync(file, 'utf8')) as RunResults);
    writeFileSync(file.replace(/\.json$/, '.md'), md);
    process.stdout.write(md);
    return;
  }
  const { settings, suite: onlySuite, filter } = parseArgs(process.argv.slice(2));
  const started = new Date();
  const t0 = performance.now();
  const suitesDir = join(here, 'suites');
  const files = readdirSync(suitesDir).filter((f) => f.endsWith('.ts')).sort();
  const run: RunResults = { date: started.toISOString(), quick: settings.quick, machine: machineInfo(), settings: { ...settings }, wallSeconds: 0, suites: [] };
  for (const f of files) {
    const suiteFile = pathToFileURL(join(suitesDir, f)).href;
    const suite = ((await import(suiteFile)) as { default: Suite }).default;
    if (onlySuite && suite.format !== onlySuite) continue;
    const specs = suite.workloads().filter((w) => (!settings.quick || w.quick) && (!filter || w.id.includes(filter)));
    const sr: SuiteResults = { format: suite.format, title: suite.title, contenders: suite.contenders.map((c) => ({ name: c.name, role: c.role, feed: c.feed })), targets: suite.targets ?? [], workloads: [] };
    run.suites.push(sr);
    for (const spec of specs) {
      const ts = performance.now();
      const wr = spec.isolated ? await runIsolated(suiteFile, suite, spec, settings) : await runRounds(suiteFile, suite, spec, settings);
      sr.workloads.push(wr);
      const summary = Object.entries(wr.results).map(([n, r]) => `${n}=${r.status === 'OK' ? (r.medianMs ?? 0).toFixed(2) + 'ms' : r.status}`).join(', ');
      process.stderr.write(`[bench] ${suite.format} ${spec.id} (${((performance.now() - ts) / 1000).toFixed(1)} s): ${summary}\n`);
    }
  }
  run.wallSeconds = (performance.now() - t0) / 1000;
  const md = renderMarkdown(run);
  const dir = join(here, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const base = `${settings.quick ? 'quick' : 'full'}-${stamp}`;
  writeFileSync(join(dir, `${base}.json`), JSON.stringify(run, null, 1) + '\n');
  writeFileSync(join(dir, `${base}.md`), md);
  writeFileSync(join(dir, `latest-${settings.quick ? 'quick' : 'full'}.md`), md);
  process.stdout.write(md);
  process.stderr.write(`[bench] wrote bench/results/${base}.{md,json} in ${run.wallSeconds.toFixed(0)} s\n`);
}

await main();
