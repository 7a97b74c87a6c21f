import { defineConfig } from 'vitest/config';

// Node project. The same files run under Deno, Bun and Chromium (scripts/test_all.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
