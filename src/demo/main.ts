/// <reference types="node" />
// `npm start`: the end-to-end demos. Each scene starts and stops what it needs.
import { runNatsScene } from './nats_scene.ts';

const scenes: [string, (log: (line: string) => void) => Promise<void>][] = [
  ['NATS: ai-dynamo endpoints found and measured (issue 8)', runNatsScene],
];

let failed = 0;
for (const [title, run] of scenes) {
  console.log(`\n== ${title}`);
  try {
    await run((line) => console.log(`   ${line}`));
  } catch (e) {
    failed++;
    console.error(`   scene failed: ${(e as Error).message}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
