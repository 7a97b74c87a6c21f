/**
 * A small stand-in for the bench harness (`bench/run.ts` on branch `bench`), enough to run one
 * suite file from `bench/suites/` and check its targets in one run:
 *
 *   node --expose-gc --import tsx bench/lite.ts bench/suites/lines.ts [--filter text] [--rounds n]
 *
 * - every contender is first checked on each workload with the full checksum (WRONG/ERROR shown);
 * - timed runs are interleaved rounds (each contender once per round, rotating order), median;
 * - isolated workloads run each contender alone in a fresh child process: peak RSS growth
 *   (process maxRSS after the run minus RSS after setup and gc) and median time.
 *
 * Prints Markdown. Machine and date go in the header.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import { matches, setChecksumMode } from './checksum.ts';
import type { Contender, Suite, Target, Workload, WorkloadSpec } from './suite.ts';

const args = process.argv.slice(2);
const suitePath = args[0]!;
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const filter = opt('--filter');
const rounds = Number(opt('--rounds') ?? 7);
const gc = (globalThis as { gc?: () => void }).gc;

const suite: Suite = (await import(pathToFileURL(suitePath).href)).default;
const supports = (c: Contender, s: WorkloadSpec) => (c.supports ? c.supports(s) : true);

async function timeOnce(c: Contender, w: Workload): Promise<number> {
  const t0 = performance.now();
  await c.run(w.chunks, w);
  return performance.now() - t0;
}

async function check(c: Contender, w: Workload): Promise<string | undefined> {
  setChecksumMode('full');
  try {
    const t = await c.run(w.chunks, w);
    if (c.checked !== false && !matches(t, w, 'full')) return `WRONG (${t.frames} frames, want ${w.frames})`;
  } catch (e) {
    return `ERROR ${(e as Error).message}`;
  } finally {
    setChecksumMode('sampled');
  }
  return undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

// Child mode: one isolated contender on one workload; prints JSON {rssGrowth, ms}.
if (args.includes('--child')) {
  const spec = suite.workloads().find((s) => s.id === opt('--workload'))!;
  const c = suite.contenders.find((x) => x.name === opt('--contender'))!;
  const w = spec.make();
  const problem = await check(c, w);
  if (problem) {
    console.log(JSON.stringify({ problem }));
    process.exit(0);
  }
  // The check run warmed the code; measure memory on a fresh run after a clean baseline.
  gc!();
  gc!();
  const base = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const ms = await timeOnce(c, w);
  const peak = process.resourceUsage().maxRSS * 1024;
  const times = [ms];
  for (let i = 0; i < 2; i++) times.push(await timeOnce(c, w));
  // maxRSS is the process's lifetime peak: if setup peaked higher than the run, this overstates
  // the run's growth (never understates it).
  console.log(JSON.stringify({ rssGrowth: peak - base, runRaisedPeak: peak > peakBefore, ms: median(times) }));
  process.exit(0);
}

interface Row { spec: WorkloadSpec; w?: Workload; results: Map<string, { ms?: number; problem?: string; rssGrowth?: number }> }
const rows: Row[] = [];

for (const spec of suite.workloads()) {
  if (filter && !spec.id.includes(filter)) continue;
  const results: Row['results'] = new Map();
  const contenders = suite.contenders.filter((c) => supports(c, spec));
  if (spec.isolated) {
    for (const c of contenders) {
      let out: string;
      try {
        out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, suitePath, '--child', '--workload', spec.id, '--contender', c.name], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 20 });
      } catch (e) {
        results.set(c.name, { problem: (e as { signal?: string }).signal === 'SIGTERM' ? 'TIMEOUT (120 s)' : `ERROR ${(e as Error).message.split('\n')[0]}` });
        continue;
      }
      const r = JSON.parse(out.trim().split('\n').pop()!);
      results.set(c.name, r.problem ? { problem: r.problem } : { ms: r.ms, rssGrowth: r.rssGrowth });
    }
    rows.push({ spec, results });
    continue;
  }
  const w = spec.make();
  const ok: Contender[] = [];
  for (const c of contenders) {
    const problem = await check(c, w);
    if (problem) results.set(c.name, { problem });
    else ok.push(c);
  }
  const times = new Map<string, number[]>(ok.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < ok.length; k++) {
      const c = ok[(k + r) % ok.length]!;
      times.get(c.name)!.push(await timeOnce(c, w));
    }
  }
  for (const c of ok) results.set(c.name, { ms: median(times.get(c.name)!) });
  rows.push({ spec, w, results });
  gc?.();
}

// ---------------------------------------------------------------- report
const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
console.log(`# ${suite.title}: ${new Date().toISOString()}, node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, ${rounds} interleaved rounds (median)\n`);
for (const row of rows) {
  const { spec } = row;
  console.log(`## ${spec.id} (${spec.table})\n`);
  console.log('| contender | time (ms) | frames/s or MiB/s | ' + (spec.isolated ? 'peak RSS growth / line |' : 'vs split2 |'));
  console.log('|---|---:|---:|---:|');
  const base = row.results.get('split2')?.ms;
  for (const [name, r] of row.results) {
    if (r.problem) { console.log(`| ${name} | ${r.problem} | | |`); continue; }
    const rate = spec.isolated ? `${(spec.isolated.messageBytes / (1024 * 1024) / (r.ms! / 1000)).toFixed(0)} MiB/s` : `${((row.w!.frames / r.ms!) / 1000).toFixed(2)} M/s`;
    const extra = spec.isolated ? `${mb(r.rssGrowth!)} MiB = ${(r.rssGrowth! / spec.isolated.messageBytes).toFixed(2)}x` : base ? `${(base / r.ms!).toFixed(2)}x` : '';
    console.log(`| ${name} | ${r.ms!.toFixed(1)} | ${rate} | ${extra} |`);
  }
  console.log('');
}

function verdict(t: Target): string {
  if (t.kind === 'ratio') {
    const row = rows.find((r) => r.spec.id === t.workload);
    const a = row?.results.get(t.contender)?.ms;
    const b = row?.results.get(t.baseline)?.ms;
    if (!a || !b) return `| ${t.name} | n/a | not measured |`;
    const ratio = b / a; // same frames: frames/s ratio = inverse time ratio
    return `| ${t.name} | ${ratio.toFixed(2)}x | ${ratio >= t.atLeast ? 'PASS' : 'MISS'} |`;
  }
  if (t.kind === 'memory') {
    const row = rows.find((r) => r.spec.id === t.workload);
    const r = row?.results.get(t.contender);
    if (!row?.spec.isolated || r?.rssGrowth === undefined) return `| ${t.name} | n/a | not measured |`;
    const x = r.rssGrowth / row.spec.isolated.messageBytes;
    return `| ${t.name} | ${x.toFixed(2)}x | ${x <= t.atMost ? 'PASS' : 'MISS'} |`;
  }
  const series = rows.filter((r) => r.spec.isolated?.series === t.series).sort((a, b) => a.spec.isolated!.messageBytes - b.spec.isolated!.messageBytes);
  const ms = series.map((r) => r.results.get(t.contender)?.ms);
  if (ms.length < 2 || ms.some((m) => m === undefined)) return `| ${t.name} | n/a | not measured |`;
  const growth = ms.slice(1).map((m, i) => m! / ms[i]!);
  return `| ${t.name} | x4 size -> ${growth.map((g) => g.toFixed(2) + 'x').join(', ')} time | ${growth.every((g) => g <= 5) ? 'PASS' : 'MISS'} |`;
}

if (suite.targets?.length) {
  console.log('## Targets\n\n| target | measured | verdict |\n|---|---:|---|');
  for (const t of suite.targets) console.log(verdict(t));
}
