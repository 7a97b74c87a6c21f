/**
 * The published package: what `exports` points at is the compiled library (built by `npm run
 * build`, which `npm test` runs first), it loads in this runtime without TypeScript, and it works.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('package exports', () => {
  it('points at emitted JS and type declarations', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.exports['.']).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    const dts = readFileSync(new URL('../dist/src/index.d.ts', import.meta.url), 'utf8');
    expect(dts).toMatch(/export \{[^}]*\bFrameStream\b/);
  });

  it('the emitted library decodes frames on the wasm engine', async () => {
    const lib = await import(new URL('../dist/src/index.js', import.meta.url).href);
    const dec = lib.createDecoder({ format: 'length-prefixed', lengthFieldLength: 1 });
    expect(dec.engine).toBe('wasm');
    expect(dec.push(new Uint8Array([2, 7, 8, 1]))).toEqual([new Uint8Array([7, 8])]);
    expect(() => dec.end()).toThrow(lib.FrameError);
  });
});
