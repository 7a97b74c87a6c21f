/** Which JavaScript runtime runs this test file. */
import { inject } from 'vitest';

export type RuntimeName = 'node' | 'deno' | 'bun' | 'browser';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The runtime the config says this run is for (vitest.config.ts / vitest.browser.config.ts). */
    runtime: RuntimeName;
  }
}

export function runtimeName(): RuntimeName {
  const g = globalThis as Record<string, unknown>;
  if (typeof g.Deno === 'object') return 'deno';
  if (typeof g.Bun === 'object') return 'bun';
  if (typeof g.window === 'object' && typeof g.document === 'object') return 'browser';
  return 'node';
}

/** The runtime this run was meant for; a test checks it is the one actually running. */
export function expectedRuntime(): RuntimeName {
  return inject('runtime');
}
