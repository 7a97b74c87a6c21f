/** Module Worker for the browser: runs runWithoutWasm in a fresh realm and posts the report (or the error). */
import { runWithoutWasm } from './without_wasm.ts';

runWithoutWasm().then(
  (report) => postMessage({ report }),
  (e: unknown) => postMessage({ error: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e) }),
);
