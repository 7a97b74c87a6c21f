// `npm test` (after `pretest` builds the wasm): the whole vitest suite in Node, Deno, Bun and headless
// Chromium, one after the other (the machine has 2 cores), then a table of counts per runtime.
//
// Every test/**/*.test.ts runs in all four runtimes. Files named *.node.test.ts (tests that need
// node:http, node:fs, esbuild...) are left out of the Chromium run only; they still run in Node,
// Deno and Bun. There is no other way to opt out of a runtime.
//
// The run fails (exit 1) if any runtime has a failed or skipped test, errors outside a test, runs
// zero tests, leaves out a test file it should have run, or is missing. With CI=true a missing
// runtime is always a failure; elsewhere too, unless FRAMESTREAM_RUNTIMES names the runtimes to run
// (e.g. FRAMESTREAM_RUNTIMES=node,bun), which CI refuses. Arguments are passed to every vitest
// (e.g. `npm test -- test/transport`). The last line is "<passed> passed, <failed> failed", where
// failed counts failed and skipped tests plus one for each runtime-level problem, so it is 0
// exactly when the run succeeds.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

type Runtime = 'node' | 'deno' | 'bun' | 'chromium';
const ALL: Runtime[] = ['node', 'deno', 'bun', 'chromium'];
const ROOT = new URL('..', import.meta.url).pathname;
const VITEST = 'node_modules/vitest/vitest.mjs';
const CI = process.env.CI === 'true' || process.env.CI === '1';
/** Per runtime; a run that takes longer is killed and counted as failed. */
const TIMEOUT_MS = 10 * 60_000;

interface Row {
  runtime: Runtime;
  passed: number;
  failed: number;
  skipped: number;
  files: number;
  seconds: number;
  /** Runtime-level problems (missing, crashed, zero tests, files left out): each counts as one failure. */
  errors: string[];
  /** What failed or was skipped, for the reader (already counted in failed/skipped). */
  notes: string[];
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', onPath('chromium'), onPath('chromium-browser')];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** The command line for a runtime, or why it cannot run here. */
function command(runtime: Runtime, jsonFile: string, args: string[]): { cmd: string; argv: string[]; env: Record<string, string> } | string {
  const reporters = ['--reporter=default', '--reporter=json', `--outputFile.json=${jsonFile}`];
  const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);
  switch (runtime) {
    case 'node':
      return { cmd: process.execPath, argv: [VITEST, 'run', ...reporters, ...args], env: { FRAMESTREAM_RUNTIME: 'node' } };
    case 'deno':
      if (!existsSync(bin('deno'))) return 'node_modules/.bin/deno is missing (npm ci installs the deno package)';
      return { cmd: bin('deno'), argv: ['run', '-A', VITEST, 'run', ...reporters, ...args], env: { FRAMESTREAM_RUNTIME: 'deno' } };
    case 'bun':
      if (!existsSync(bin('bun'))) return 'node_modules/.bin/bun is missing (npm ci installs the bun package)';
      return { cmd: bin('bun'), argv: ['--bun', VITEST, 'run', ...reporters, ...args], env: { FRAMESTREAM_RUNTIME: 'bun' } };
    case 'chromium': {
      const chromium = chromiumPath();
      if (!chromium) return 'no chromium (apt-get install -y chromium, or set CHROMIUM_PATH)';
      return {
        cmd: process.execPath,
        argv: [VITEST, 'run', '--config', 'vitest.browser.config.ts', ...reporters, ...args],
        env: { CHROMIUM_PATH: chromium },
      };
    }
  }
}

function run(cmd: string, argv: string[], env: Record<string, string>): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    // Own process group, so a timeout can stop vitest with its workers and browser.
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env }, detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut });
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ code: null, timedOut });
    });
  });
}

/** Test files the runtime should run, relative to the root; undefined when arguments filter the run. */
function expectedFiles(runtime: Runtime): string[] {
  const files = (readdirSync(join(ROOT, 'test'), { recursive: true }) as string[])
    .map((f) => `test/${f.replaceAll('\\', '/')}`)
    .filter((f) => f.endsWith('.test.ts'));
  return (runtime === 'chromium' ? files.filter((f) => !f.endsWith('.node.test.ts')) : files).sort();
}

interface JsonReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  numFailedTestSuites: number;
  success: boolean;
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string }[] }[];
}

async function runOne(runtime: Runtime, args: string[], tmp: string): Promise<Row> {
  const row: Row = { runtime, passed: 0, failed: 0, skipped: 0, files: 0, seconds: 0, errors: [], notes: [] };
  const jsonFile = join(tmp, `${runtime}.json`);
  const c = command(runtime, jsonFile, args);
  if (typeof c === 'string') {
    row.errors.push(`missing: ${c}`);
    return row;
  }
  console.log(`\n=== ${runtime}: ${[c.cmd, ...c.argv].join(' ')}\n`);
  const t0 = performance.now();
  const { code, timedOut } = await run(c.cmd, c.argv, c.env);
  row.seconds = (performance.now() - t0) / 1000;
  if (timedOut) row.errors.push(`timed out after ${TIMEOUT_MS / 60_000} min`);
  if (!existsSync(jsonFile)) {
    row.errors.push(`no results (exit code ${code})`);
    return row;
  }
  const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonReport;
  row.passed = report.numPassedTests;
  row.failed = report.numFailedTests;
  row.skipped = report.numPendingTests + report.numTodoTests;
  row.files = report.testResults.length;
  if (report.numTotalTests === 0) row.errors.push('ran zero tests');
  if (row.skipped > 0) row.notes.push(`${row.skipped} skipped or todo tests (not allowed; counted as failed)`);
  for (const f of report.testResults) {
    const file = f.name.replace(ROOT, '');
    if (f.status === 'failed' && f.message) row.notes.push(`${file}: ${f.message.split('\n')[0]}`);
    const bad = f.assertionResults.filter((t) => t.status !== 'passed');
    for (const t of bad.slice(0, 5)) row.notes.push(`${t.status}: ${file} > ${t.fullName}`);
    if (bad.length > 5) row.notes.push(`... and ${bad.length - 5} more in ${file}`);
  }
  if (args.length === 0) {
    const ran = new Set(report.testResults.map((f) => f.name.replace(ROOT, '')));
    const left = expectedFiles(runtime).filter((f) => !ran.has(f));
    if (left.length > 0) row.errors.push(`did not run ${left.join(', ')}`);
  }
  if (code !== 0 && row.failed === 0 && row.errors.length === 0) row.errors.push(`vitest exited with code ${code} (an error outside the tests?)`);
  return row;
}

function pad(s: string | number, n: number, left = false): string {
  const t = String(s);
  return left ? t.padEnd(n) : t.padStart(n);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const only = process.env.FRAMESTREAM_RUNTIMES?.split(',').map((s) => s.trim()).filter(Boolean) as Runtime[] | undefined;
  if (only) {
    const unknown = only.filter((r) => !ALL.includes(r));
    if (unknown.length > 0) throw new Error(`FRAMESTREAM_RUNTIMES: unknown runtime(s) ${unknown.join(', ')}; expected ${ALL.join(', ')}`);
    if (CI) throw new Error('FRAMESTREAM_RUNTIMES is not allowed with CI=true: CI runs every runtime');
  }
  const runtimes = only ?? ALL;
  const tmp = mkdtempSync(join(tmpdir(), 'framestream-test-'));
  const t0 = performance.now();
  const rows: Row[] = [];
  try {
    for (const r of runtimes) rows.push(await runOne(r, args, tmp));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const total = (performance.now() - t0) / 1000;

  const w = [9, 8, 8, 8, 6, 9];
  const line = (cells: (string | number)[]) => cells.map((c, i) => pad(c, w[i]!, i === 0)).join(' ');
  console.log('\n' + line(['runtime', 'passed', 'failed', 'skipped', 'files', 'seconds']));
  for (const r of rows) console.log(line([r.runtime, r.passed, r.failed, r.skipped, r.files, r.seconds.toFixed(1)]));
  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed + r.skipped + r.errors.length, 0);
  console.log(line(['total', passed, rows.reduce((n, r) => n + r.failed, 0), rows.reduce((n, r) => n + r.skipped, 0), '', total.toFixed(1)]));
  if (only) console.log(`\nonly ${runtimes.join(', ')} (FRAMESTREAM_RUNTIMES)`);
  for (const r of rows) for (const p of [...r.errors, ...r.notes]) console.log(`${r.runtime}: ${p}`);
  const ok = failed === 0;
  console.log(`${passed} passed, ${failed} failed`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
