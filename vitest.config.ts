import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * `import b64 from './x.bin?base64'`: a binary fixture as a base64 string, so tests read
 * captures the same way in Node, Deno, Bun and the browser (no fs, no fetch).
 */
export function binBase64(): Plugin {
  return {
    name: 'framestream-bin-base64',
    enforce: 'pre',
    load(id) {
      const q = id.indexOf('?base64');
      if (q < 0) return null;
      return `export default ${JSON.stringify(readFileSync(id.slice(0, q)).toString('base64'))};`;
    },
  };
}

/**
 * Node project, also used as-is under Deno and Bun: scripts/test_all.ts runs this config with
 * `deno run -A node_modules/vitest/vitest.mjs run` and `bun --bun node_modules/vitest/vitest.mjs run`,
 * and the browser config (vitest.browser.config.ts) in headless Chromium. Every *.test.ts under test/
 * runs in all four; `*.node.test.ts` files (which may use node:* APIs) are left out of the browser only.
 */
const g = globalThis as Record<string, unknown>;
const runner = typeof g.Deno === 'object' ? 'deno' : typeof g.Bun === 'object' ? 'bun' : 'node';

export default defineConfig({
  // node_modules may be a symlink shared by several checkouts: keep vite's and vitest's caches per checkout.
  cacheDir: '.cache/vite',
  plugins: [binBase64()],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/loopback_server.ts'],
    // forks, not threads: Deno's worker_threads lack parentPort.removeAllListeners (toolchain.md §2).
    pool: 'forks',
    // Node 20 has a global WebSocket only behind this flag (on by default from Node 22).
    execArgv: runner === 'node' && typeof g.WebSocket !== 'function' ? ['--experimental-websocket'] : [],
    provide: { runtime: (process.env.FRAMESTREAM_RUNTIME as 'node' | 'deno' | 'bun' | undefined) ?? runner },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
