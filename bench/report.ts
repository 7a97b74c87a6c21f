/**
 * Renders a run as Markdown: the targets (PASS/MISS with their ratios), a headline table, then
 * every table of every suite. Also evaluates targets and growth verdicts (used by the JSON too).
 *
 * @module
 */
import type { ContenderResult, RunResults, SuiteResults, WorkloadResult } from './results.ts';
import type { Target } from './suite.ts';

export interface TargetVerdict {
  name: string;
  measured: string;
  threshold: string;
  verdict: 'PASS' | 'MISS' | 'NOT RUN';
  note?: string;
}

function fmtRate(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function statusCell(r: ContenderResult | undefined): string | undefined {
  if (!r) return '–';
  if (r.status !== 'OK') return `**${r.status}**`;
  return undefined;
}

function cell(r: ContenderResult | undefined): string {
  const bad = statusCell(r);
  if (bad) return bad;
  if (r!.framesPerSec === undefined) return '?';
  return `${fmtRate(r!.framesPerSec)} f/s · ${r!.mbPerSec!.toFixed(0)} MB/s`;
}

/**
 * Time growth over a series of sizes x4 apart, and a verdict from the log-log slope between the
 * smallest and largest size (1 = linear, 2 = quadratic). The slope over the whole range is
 * steadier than any single x4 step: a fresh process's one-off costs (first-touch page faults,
 * a GC landing in one run) can double a single step, but barely move a x16 range.
 */
export interface Growth {
  sizes: number[];
  ms: (number | undefined)[];
  statuses: string[];
  ratios: (number | undefined)[];
  slope?: number;
  verdict: 'linear' | 'superlinear' | 'quadratic' | 'unknown';
}

const LINEAR_MAX_SLOPE = 1.3;
const QUADRATIC_MIN_SLOPE = 1.5;

export function growthOf(s: SuiteResults, series: string, contender: string): Growth {
  const ws = s.workloads.filter((w) => w.isolated?.series === series).sort((a, b) => a.isolated!.messageBytes - b.isolated!.messageBytes);
  const sizes = ws.map((w) => w.isolated!.messageBytes);
  const rs = ws.map((w) => w.results[contender]);
  const ms = rs.map((r) => (r?.status === 'OK' ? r.medianMs : undefined));
  const ratios = ms.slice(1).map((m, i) => (m !== undefined && ms[i] !== undefined ? m / ms[i]! : undefined));
  const statuses = rs.map((r) => r?.status ?? '–');
  const first = ms[0];
  const last = ms[ms.length - 1];
  let slope: number | undefined;
  let verdict: Growth['verdict'] = 'unknown';
  if (first !== undefined && last !== undefined && sizes.length >= 2) {
    slope = Math.log(last / first) / Math.log(sizes[sizes.length - 1]! / sizes[0]!);
    verdict = slope <= LINEAR_MAX_SLOPE ? 'linear' : slope >= QUADRATIC_MIN_SLOPE ? 'quadratic' : 'superlinear';
  } else if (first !== undefined && statuses[statuses.length - 1] === 'TIMEOUT') {
    verdict = 'superlinear'; // finished the small sizes, timed out on the largest
  }
  return { sizes, ms, statuses, ratios, slope, verdict };
}

function find(s: SuiteResults, id: string): WorkloadResult | undefined {
  return s.workloads.find((w) => w.id === id);
}

export function evaluate(s: SuiteResults, t: Target): TargetVerdict {
  if (t.kind === 'ratio') {
    const w = find(s, t.workload);
    const threshold = `>= ${t.atLeast}x`;
    if (!w) return { name: t.name, measured: '–', threshold, verdict: 'NOT RUN' };
    const a = w.results[t.contender];
    const b = w.results[t.baseline];
    if (a?.status !== 'OK' || a.framesPerSec === undefined) return { name: t.name, measured: a?.status ?? '–', threshold, verdict: 'MISS', note: `${t.contender}: ${a?.detail ?? a?.status}` };
    if (b?.status !== 'OK' || b.framesPerSec === undefined) {
      // A baseline peer that cannot finish is beaten; a floor that cannot is a harness fault.
      return { name: t.name, measured: `${t.baseline} ${b?.status ?? 'missing'}`, threshold, verdict: b?.status === 'TIMEOUT' || b?.status === 'WRONG' ? 'PASS' : 'NOT RUN' };
    }
    const ratio = a.framesPerSec / b.framesPerSec;
    return { name: t.name, measured: `${ratio.toFixed(2)}x (${fmtRate(a.framesPerSec)} vs ${fmtRate(b.framesPerSec)} f/s)`, threshold, verdict: ratio >= t.atLeast ? 'PASS' : 'MISS' };
  }
  if (t.kind === 'memory') {
    const w = find(s, t.workload);
    const threshold = `<= ${t.atMost}x`;
    const r = w?.results[t.contender];
    if (!w || !r) return { name: t.name, measured: '–', threshold, verdict: 'NOT RUN' };
    if (r.status !== 'OK' || r.rssGrowthBytes === undefined) return { name: t.name, measured: r.status, threshold, verdict: 'MISS', note: r.detail };
    const ratio = r.rssGrowthBytes / w.isolated!.messageBytes;
    const hidden = r.rssHiddenBelowBytes ? ` (setup peak ${(r.rssHiddenBelowBytes / 1048576).toFixed(1)} MiB above baseline)` : '';
    return { name: t.name, measured: `${ratio.toFixed(2)}x (${(r.rssGrowthBytes / 1048576).toFixed(1)} MiB)${hidden}`, threshold, verdict: ratio <= t.atMost ? 'PASS' : 'MISS' };
  }
  const g = growthOf(s, t.series, t.contender);
  if (g.sizes.length < 2) return { name: t.name, measured: '–', threshold: 'linear', verdict: 'NOT RUN' };
  return {
    name: t.name,
    measured: `${g.verdict}: slope ${g.slope?.toFixed(2) ?? '?'} (${g.ratios.map((x) => (x === undefined ? '?' : `x${x.toFixed(1)}`)).join(', ')} per x4)`,
    threshold: `log-log slope <= ${LINEAR_MAX_SLOPE}`,
    verdict: g.verdict === 'linear' ? 'PASS' : 'MISS',
  };
}

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

function mib(n: number): string {
  return (n / 1048576).toFixed(1);
}

function renderSuite(s: SuiteResults): string {
  let md = `## ${s.title}\n\n`;
  const verdicts = s.targets.map((t) => evaluate(s, t));
  if (verdicts.length) {
    md += `### Targets\n\n` + table(['target', 'measured (same run)', 'needs', 'verdict'], verdicts.map((v) => [v.name, v.measured, v.threshold, `**${v.verdict}**${v.note ? ` (${v.note})` : ''}`])) + '\n';
  }
  const tables = [...new Set(s.workloads.filter((w) => !w.isolated).map((w) => w.table))];
  for (const name of tables) {
    const ws = s.workloads.filter((w) => w.table === name);
    const names = s.contenders.filter((c) => ws.some((w) => w.results[c.name])).map((c) => c);
    md += `### ${name}\n\n` + table(
      ['contender', 'feed', ...ws.map((w) => `${w.chunking} chunks`)],
      names.map((c) => [c.name, c.feed, ...ws.map((w) => cell(w.results[c.name]))]),
    );
    const notes = ws.flatMap((w) => Object.entries(w.results).filter(([, r]) => r.status !== 'OK').map(([n, r]) => `${n} @${w.chunking}: ${r.status}: ${r.detail ?? ''}`));
    md += notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n\n` : '\n';
  }
  const series = [...new Set(s.workloads.filter((w) => w.isolated).map((w) => w.isolated!.series))];
  for (const se of series) {
    const ws = s.workloads.filter((w) => w.isolated?.series === se).sort((a, b) => a.isolated!.messageBytes - b.isolated!.messageBytes);
    const names = s.contenders.filter((c) => ws.some((w) => w.results[c.name]));
    md += `### ${ws[0]!.table} (each contender alone in a fresh process)\n\n`;
    md += 'Cells: median time of the timed runs; peak RSS growth of the first run over the baseline after setup, as a multiple of the message size. ';
    md += `Verdict from the log-log slope of time over the whole size range (1 linear, 2 quadratic): <= ${LINEAR_MAX_SLOPE} linear, >= ${QUADRATIC_MIN_SLOPE} quadratic.\n\n`;
    md += table(
      ['contender', ...ws.map((w) => mib(w.isolated!.messageBytes) + ' MiB'), 'time per x4 size', 'slope', 'verdict'],
      names.map((c) => {
        const g = growthOf(s, se, c.name);
        return [
          c.name,
          ...ws.map((w) => {
            const r = w.results[c.name];
            const bad = statusCell(r);
            if (bad) return bad;
            return `${fmtMs(r!.medianMs!)} ms, RSS +${(r!.rssGrowthBytes! / w.isolated!.messageBytes).toFixed(2)}x`;
          }),
          g.ratios.map((x) => (x === undefined ? '–' : `x${x.toFixed(1)}`)).join(', '),
          g.slope === undefined ? '–' : g.slope.toFixed(2),
          g.verdict,
        ];
      }),
    );
    md += '\n';
  }
  return md;
}

/** Headline: frames/s at 64 KiB chunks for every frame size, and the targets. */
function renderHeadline(s: SuiteResults): string {
  const ws = s.workloads.filter((w) => !w.isolated && w.chunking === '64 KiB');
  if (!ws.length) return '';
  const names = s.contenders.filter((c) => ws.some((w) => w.results[c.name]));
  return `### ${s.title}: frames/s at 64 KiB chunks (headline)\n\n` + table(
    ['contender', 'feed', ...ws.map((w) => w.id.replace(/ @64 KiB$/, ''))],
    names.map((c) => [c.name, c.feed, ...ws.map((w) => cell(w.results[c.name]))]),
  ) + '\n';
}

export function renderMarkdown(run: RunResults): string {
  const m = run.machine;
  let md = `# framestream bench${run.quick ? ' (--quick)' : ''}\n\n`;
  md += `${run.date} · ${m.nproc} cores, ${m.cpu} · Node ${m.node} (${m.platform}) · wall time ${run.wallSeconds.toFixed(0)} s\n\n`;
  md += 'Ratios between rows of the same run are what count: the machine is shared and noisy. ';
  md += `Times are ${run.settings['clock'] === 'wall' ? 'wall time' : 'process CPU time (user + system, so other processes on the shared cores do not inflate them; \`--wall\` for wall time)'}. `;
  md += 'f/s = frames per second; MB/s = MiB of wire bytes per second; median of interleaved rounds. ';
  md += '**WRONG** = wrong frame count or checksum; **ERROR** = threw; **TIMEOUT** = a run passed the time limit.\n\n';
  for (const s of run.suites) md += renderHeadline(s);
  for (const s of run.suites) md += renderSuite(s);
  return md;
}
