/**
 * Library code must run in browsers: bundle src/ (except src/demo and src/cli, which may use Node)
 * with esbuild for `platform: 'browser'` and fail on any Node built-in import or any free use of
 * Node globals. A *.node.test.ts file: it needs esbuild and node:fs, so it runs in Node, Deno and
 * Bun, not in Chromium.
 */
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE_ONLY_GLOBALS = ['Buffer', 'process', 'global', 'require', '__dirname', '__filename', 'setImmediate'];
const MARK = '__NODE_ONLY_GLOBAL__';

/** Every library module: each .ts file under src/, except src/demo and src/cli. */
function libraryEntries(): string[] {
  return (readdirSync(`${ROOT}src`, { recursive: true }) as string[])
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => f.endsWith('.ts') && !/^(demo|cli)\//.test(f))
    .map((f) => `src/${f}`)
    .sort();
}

interface Findings {
  nodeImports: string[];
  nodeGlobals: string[];
}

/** Bundles for the browser; reports Node built-in imports and free uses of Node globals. */
async function scan(input: { entryPoints: string[] } | { stdin: string }): Promise<Findings> {
  const nodeImports: string[] = [];
  const builtins = new Set(builtinModules);
  const recordNodeImports: Plugin = {
    name: 'record-node-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, '').split('/')[0]!;
        if (args.path.startsWith('node:') || builtins.has(bare)) {
          nodeImports.push(`${args.path} (from ${args.importer.replace(ROOT, '')})`);
          return { path: args.path, external: true };
        }
        return undefined;
      });
    },
  };
  // A free reference to a Node global (not a property like `x.process`) becomes a marker we can find.
  const define: Record<string, string> = {};
  for (const g of NODE_ONLY_GLOBALS) {
    define[g] = `${MARK}.${g}`;
    define[`globalThis.${g}`] = `${MARK}.${g}`;
  }
  const result = await build({
    ...('stdin' in input ? { stdin: { contents: input.stdin, loader: 'ts', resolveDir: ROOT } } : { entryPoints: input.entryPoints.map((e) => ROOT + e), outdir: '/nonexistent' }),
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define,
    plugins: [recordNodeImports],
  });
  const nodeGlobals = new Set<string>();
  for (const out of result.outputFiles) {
    for (const m of out.text.matchAll(new RegExp(`${MARK}\\.(\\w+)`, 'g'))) nodeGlobals.add(`${m[1]} (in ${out.path.replace(/^\/nonexistent\//, '')})`);
  }
  return { nodeImports: [...new Set(nodeImports)].sort(), nodeGlobals: [...nodeGlobals].sort() };
}

describe('browser bundle of src/', () => {
  it('the scan finds node: imports, Buffer and process (so a clean result means something)', async () => {
    const found = await scan({
      stdin: "import { readFileSync } from 'node:fs'; import path from 'path'; export const a = Buffer.from('x'); " +
        'export const b = process.env.X; export const c = globalThis.process; export const d = { process: 1 }.process; export { readFileSync, path };',
    });
    expect(found.nodeImports).toEqual(['node:fs (from <stdin>)', 'path (from <stdin>)']);
    expect(found.nodeGlobals).toEqual(['Buffer (in <stdout>)', 'process (in <stdout>)']);
  });

  it('src/ (without demo/ and cli/) bundles for the browser with no Node built-in and no Node global', async () => {
    const entries = libraryEntries();
    expect(entries).toContain('src/index.ts');
    const found = await scan({ entryPoints: entries });
    expect(found).toEqual({ nodeImports: [], nodeGlobals: [] });
  });
});
