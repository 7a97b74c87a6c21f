/**
 * The Aim vectors (test/fixtures/aim, produced by Aim's own encoder; README.md there is the spec
 * and section 8 the JSON conventions), loaded in any runtime: from the file system where the
 * module is a file (Node, Deno, Bun), else over HTTP (the browser runner serves the files).
 */
export interface AimVectorJson {
  name: string;
  format: 'aim-rt' | 'aim-web';
  byte_length: number;
  record_count: number;
  writes: number[];
  segments: {
    index: number;
    kind: string;
    offset: number;
    length: number;
    record_range: [number, number];
    tree?: unknown;
    tree_error?: string;
    items?: [unknown[], unknown][];
  }[];
  records: Record<string, unknown>[];
}

export interface AimVector {
  name: string;
  bin: Uint8Array;
  json: AimVectorJson;
}

export const AIM_VECTOR_NAMES = [
  'rt_get_resource_args', 'rt_read_request_args', 'rt_read_response_params', 'rt_read_response_image',
  'rt_read_response_keys', 'rt_read_response_large_blob', 'rt_ws_track_metrics', 'rt_ws_track_image',
  'rt_ws_error_response', 'web_run_search', 'web_metric_search', 'web_active_runs', 'web_blobs_batch',
  'web_images_search', 'web_log_records_large',
] as const;

async function load(file: string): Promise<Uint8Array> {
  const url = new URL(`../fixtures/aim/${file}`, import.meta.url);
  if (url.protocol === 'file:') {
    const mod = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ mod)) as { readFile(u: URL): Promise<Uint8Array> };
    const b = await readFile(url);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export async function loadAimVectors(): Promise<AimVector[]> {
  return Promise.all(AIM_VECTOR_NAMES.map(async (name) => {
    const [bin, json] = await Promise.all([load(`${name}.bin`), load(`${name}.json`)]);
    return { name, bin, json: JSON.parse(new TextDecoder().decode(json)) as AimVectorJson };
  }));
}
