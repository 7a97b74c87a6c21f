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

// Node project. The same files run under Deno, Bun and Chromium (scripts/test_all.ts).
export default defineConfig({
  plugins: [binBase64()],
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
