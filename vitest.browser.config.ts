import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { binBase64 } from './vitest.config.ts';

/**
 * Headless Chromium (Debian's /usr/bin/chromium; no browser download). Same files as the Node
 * project except `*.node.test.ts`, which are for tests that need Node APIs (node:http, esbuild, fs...):
 * those still run in Node, Deno and Bun. globalSetup runs in the runner process, not the browser.
 */
export default defineConfig({
  // node_modules may be a symlink shared by several checkouts: keep vite's and vitest's caches per checkout.
  cacheDir: '.cache/vite',
  // Binary fixtures as base64 modules, as in the Node project.
  plugins: [binBase64()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.node.test.ts'],
    globalSetup: ['test/setup/loopback_server.ts'],
    provide: { runtime: 'browser' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      instances: [{ browser: 'chromium' }],
      provider: playwright({
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
            '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      }),
    },
  },
});
