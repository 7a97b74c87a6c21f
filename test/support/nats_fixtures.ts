/**
 * The NATS captures (test/fixtures/nats, see its README), loaded through Vite's import.meta.glob
 * so the same code runs in Node, Deno, Bun and the browser: `.bin` files come as base64 strings
 * (the `?base64` loader in vitest.config.ts), JSON as modules.
 */
const bins = import.meta.glob('../fixtures/nats/*.bin', { query: '?base64', import: 'default', eager: true }) as Record<string, string>;
const jsons = import.meta.glob('../fixtures/nats/*.json', { import: 'default', eager: true }) as Record<string, unknown>;

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function fixtureBytes(name: string): Uint8Array {
  const url = bins[`../fixtures/nats/${name}`];
  if (url === undefined) throw new Error(`no fixture ${name}`);
  return fromBase64(url);
}

export function fixtureJson<T = any>(name: string): T {
  const v = jsons[`../fixtures/nats/${name}`];
  if (v === undefined) throw new Error(`no fixture ${name}`);
  return v as T;
}

export interface CaptureSide {
  file: string;
  bytes: number;
  chunks_file: string;
  reads: number;
  trailing_bytes: number;
  ops: any[];
}

export interface Capture {
  name: string;
  server: CaptureSide;
  client: CaptureSide;
}

/** Every capture listed in index.json, plus dynamo-stats. */
export function captures(): Capture[] {
  const index = fixtureJson<{ captures: { name: string }[] }>('index.json');
  const names = index.captures.map((c) => c.name);
  if (!names.includes('dynamo-stats')) names.push('dynamo-stats');
  return names.map((n) => fixtureJson<Capture>(`${n}.json`));
}

/** Cuts bytes at the recorded socket reads. */
export function recordedChunks(side: CaptureSide, bytes: Uint8Array): Uint8Array[] {
  const lens = fixtureJson<number[]>(side.chunks_file);
  const out: Uint8Array[] = [];
  let o = 0;
  for (const n of lens) {
    out.push(bytes.slice(o, o + n));
    o += n;
  }
  if (o !== bytes.length) throw new Error(`${side.chunks_file} sums to ${o}, not ${bytes.length}`);
  return out;
}
