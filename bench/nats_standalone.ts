/**
 * Runs bench/suites/nats.ts without the shared harness (bench/run.ts is not on this branch yet):
 * checks every contender's tally (full checksum), then times each with tinybench in the same
 * run and prints msgs/s and MB/s side by side. `npx tsx bench/nats_standalone.ts [--time ms]`
 */
import { Bench } from 'tinybench';
import { matches, setChecksumMode } from './checksum.ts';
import suite from './suites/nats.ts';

const time = Number(process.argv[process.argv.indexOf('--time') + 1]) || 1500;
console.log(`# ${suite.title}\n${new Date().toISOString()}, Node ${process.version}, ${time} ms per contender\n`);
for (const spec of suite.workloads()) {
  const w = spec.make();
  const bench = new Bench({ time, warmupTime: 200 });
  for (const c of suite.contenders) {
    if (c.supports && !c.supports(spec)) continue;
    setChecksumMode('full');
    const t = await c.run(w.chunks, w);
    if (c.checked !== false && !matches(t, w, 'full')) {
      console.log(`${spec.id}: ${c.name} WRONG (${t.frames} frames)`);
      continue;
    }
    setChecksumMode('sampled');
    bench.add(c.name, () => c.run(w.chunks, w));
  }
  await bench.run();
  console.log(`## ${spec.id}: ${w.frames} MSGs, ${(w.bytes / 1e6).toFixed(2)} MB, ${w.chunks.length} chunks`);
  console.log('| contender | msgs/s | MB/s | ms/run (median) |\n|---|---:|---:|---:|');
  for (const t of bench.tasks) {
    const r = t.result as any;
    const ms = r?.latency?.p50 ?? r?.latency?.mean;
    if (!ms) { console.log(`| ${t.name} | ERROR | | |`); continue; }
    console.log(`| ${t.name} | ${Math.round((w.frames / ms) * 1000).toLocaleString('en')} | ${((w.bytes / 1e6) / (ms / 1000)).toFixed(0)} | ${ms.toFixed(2)} |`);
  }
  console.log();
}
