// `npm start`: framestream end to end over real loopback transports. Each scene starts and
// stops its own server on 127.0.0.1 and prints what arrived.
import { runLengthPrefixedScene } from './length_prefixed_scene.ts';
import { runNatsScene } from './nats_scene.ts';

const scenes: { title: string; run: (log: (line: string) => void) => Promise<boolean> }[] = [
  { title: 'length-prefixed frames over HTTP (fetch().body.pipeThrough(new FrameStream(...)))', run: runLengthPrefixedScene },
  {
    title: 'NATS: ai-dynamo endpoints found and measured over a real nats-server (the scene throws on any mismatch)',
    run: async (log) => {
      await runNatsScene((line) => log(`  ${line}`));
      return true;
    },
  },
];

let failed = 0;
for (const scene of scenes) {
  console.log(`\n== ${scene.title}`);
  try {
    if (!(await scene.run((line) => console.log(line)))) failed++;
  } catch (e) {
    failed++;
    console.log(`  FAIL ${e instanceof Error ? e.stack : String(e)}`);
  }
}
console.log(failed === 0 ? '\nAll scenes: every frame arrived intact.' : `\n${failed} scene(s) failed.`);
process.exitCode = failed === 0 ? 0 : 1;
