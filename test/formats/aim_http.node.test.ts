/**
 * Real scenario: a loopback HTTP server replays each Aim vector as a streamed (chunked) body,
 * cut at every record boundary and at seeded random points inside the key length, the key, the
 * flag byte (aim-rt), the value length and the value; `fetch().body` goes through FrameStream and
 * AimTreeStream and must yield exactly the vector's JSON. One body per segment: each segment is
 * one tree (an HTTP body, or one WebSocket message), as Aim sends them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AimTreeBuilder, AimTreeStream, FrameError, FrameStream, type AimRecord, type AimTreeEvent } from '../../src/index.ts';
import { expectedRecord, keyJson, nodeJson, recordJson, resolveExpected } from '../support/aim_json.ts';
import { prng } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { loadAimVectors, type AimVector } from '../vectors/aim.ts';

const vectors = await loadAimVectors();
const SEED = 0x5eed;

/**
 * Cut points of a segment: every record boundary, and per record one seeded random point inside
 * each of its fields (key length, key, flag byte, value length, value).
 */
function cutPoints(v: AimVector, segIndex: number): number[] {
  const seg = v.json.segments[segIndex]!;
  const rnd = prng(SEED + segIndex);
  const inside = (from: number, len: number): number[] => (len > 1 ? [from + 1 + Math.floor(rnd() * (len - 1))] : []);
  const flag = v.json.format === 'aim-rt' ? 1 : 0;
  const cuts = new Set<number>();
  for (const r of v.json.records as { offset: number; key_length: number; value_length: number }[]) {
    if (r.offset < seg.offset || r.offset >= seg.offset + seg.length) continue;
    const o = r.offset - seg.offset;
    const k = r.key_length;
    cuts.add(o);
    for (const c of inside(o, 4)) cuts.add(c);
    for (const c of inside(o + 4, k)) cuts.add(c);
    if (flag) {
      cuts.add(o + 4 + k); // just before the flag byte
      cuts.add(o + 5 + k); // just after it
    }
    for (const c of inside(o + 4 + k + flag, 4)) cuts.add(c);
    for (const c of inside(o + 8 + k + flag, r.value_length)) cuts.add(c);
  }
  return [...cuts].filter((c) => c > 0 && c < seg.length).sort((a, b) => a - b);
}

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    const [, , name, segText] = url.pathname.split('/');
    const v = vectors.find((x) => x.name === name);
    const segIndex = Number(segText);
    const seg = v?.json.segments[segIndex];
    if (!v || !seg) {
      res.writeHead(404).end();
      return;
    }
    // Ends the body early (a server failing mid-stream) when ?truncateAt= is given.
    const end = url.searchParams.has('truncateAt') ? Number(url.searchParams.get('truncateAt')) : seg.length;
    const body = v.bin.subarray(seg.offset, seg.offset + end);
    const cuts = [...cutPoints(v, segIndex).filter((c) => c < end), end];
    res.writeHead(200, { 'content-type': 'application/octet-stream' }); // no length: chunked, as Aim streams
    let at = 0;
    let i = 0;
    const next = (): void => {
      if (i === cuts.length) {
        res.end();
        return;
      }
      const c = cuts[i++]!;
      const piece = body.slice(at, c);
      at = c;
      // One write per piece, and a macrotask between writes so they leave as separate chunks.
      res.write(piece, () => setImmediate(next));
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

/** Fetches a segment and runs it through FrameStream (records tapped) and AimTreeStream. */
async function fetchSegment(v: AimVector, seg: number, engine: 'wasm' | 'js', query = ''): Promise<{ records: AimRecord[]; events: AimTreeEvent[]; error?: FrameError }> {
  const res = await fetch(`${base}/vector/${v.name}/${seg}${query}`);
  expect(res.status).toBe(200);
  const records: AimRecord[] = [];
  const events: AimTreeEvent[] = [];
  const frames = new FrameStream({ format: v.json.format, engine });
  expect(frames.engine).toBe(engine);
  const tap = new TransformStream<AimRecord, AimRecord>({ transform(r, c) { records.push(r); c.enqueue(r); } });
  const level = v.json.segments[seg]!.items ? 1 : 0;
  const s = res.body!.pipeThrough(frames).pipeThrough(tap).pipeThrough(new AimTreeStream({ level }));
  try {
    for await (const e of s) events.push(e);
  } catch (e) {
    if (!(e instanceof FrameError)) throw e;
    return { records, events, error: e };
  }
  return { records, events };
}

const itemsJson = (events: AimTreeEvent[]) => events.map((e) => (e.kind === 'tree' ? ['tree', nodeJson(e.tree)] : [e.path.map(keyJson), nodeJson(e.value)]));

describe.each(ENGINES)('aim over loopback HTTP, %s engine', (engine) => {
  const cases = vectors.flatMap((v) => v.json.segments.map((s, i) => [`${v.name} segment ${i} (${cutPoints(v, i).length} cuts)`, v, i] as const));
  it.each(cases)('%s yields exactly the vector\'s records and tree', async (_n, v, segIndex) => {
    const seg = resolveExpected(v.json.segments[segIndex]!, v.bin);
    const { records, events, error } = await fetchSegment(v, segIndex, engine);
    expect(error).toBeUndefined();
    const expRecords = v.json.records.slice(seg.record_range[0], seg.record_range[1]).map((r) => expectedRecord(r, v.bin));
    // Offsets in a segment's body start at 0: shift the vector's offsets to the body's.
    expect(records.map((r) => ({ ...recordJson(r), offset: r.offset + seg.offset }))).toEqual(expRecords);
    if (seg.items) {
      expect(itemsJson(events)).toEqual(seg.items);
    } else {
      expect(events).toHaveLength(1);
      const ev = events[0]!;
      if (ev.kind !== 'tree') throw new Error(`expected a tree event, got ${ev.kind}`);
      expect(nodeJson(ev.tree)).toEqual(seg.tree);
    }
  });

  it('a body that stops inside a record: every earlier record and entry, then truncated at the record\'s offset', async () => {
    // Read FrameStream directly (no pipe after it): an error travelling down a pipe chain may
    // drop chunks still in flight between the later stages (Bun does), which is not what is
    // tested here. The tree builder is the synchronous core of AimTreeStream.
    const v = vectors.find((x) => x.name === 'web_active_runs')!;
    const recs = v.json.records as { offset: number; key_length: number }[];
    const r = recs[recs.length - 10]!;
    const res = await fetch(`${base}/vector/${v.name}/0?truncateAt=${r.offset + 4 + (r.key_length >> 1)}`);
    const reader = res.body!.pipeThrough(new FrameStream({ format: 'aim-web', engine })).getReader();
    const builder = new AimTreeBuilder({ level: 1 });
    const records: AimRecord[] = [];
    const events: AimTreeEvent[] = [];
    let error: unknown;
    try {
      for (;;) {
        const x = await reader.read();
        if (x.done) break;
        records.push(x.value);
        builder.push(x.value, events);
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrameError);
    expect([(error as FrameError).code, (error as FrameError).offset]).toEqual(['truncated', r.offset]);
    expect(records).toHaveLength(recs.length - 10);
    // Entries closed before the fault were delivered: the items whose records all came before it.
    const items = resolveExpected(v.json.segments[0]!, v.bin).items!;
    const closed = itemsJson(events);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed).toEqual(items.slice(0, closed.length));
  });
});
