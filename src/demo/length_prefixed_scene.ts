// Scene: length-prefixed frames over real HTTP, in adversarial chunkings, on both engines.
import { encodeFrame, FrameStream } from '../index.ts';
import { prng } from '../../bench/chunking.ts';
import { startLoopbackServer } from './http_source.ts';


function payloadsFor(count: number, maxLen: number, seed: number): Uint8Array[] {
  const rnd = prng(seed);
  return Array.from({ length: count }, (_, i) => {
    const p = new Uint8Array(Math.floor(rnd() * maxLen));
    for (let j = 0; j < p.length; j++) p[j] = (i * 31 + j) & 255;
    return p;
  });
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function runLengthPrefixedScene(log: (line: string) => void): Promise<boolean> {
  const server = await startLoopbackServer();
  let allOk = true;
  try {
    const small = payloadsFor(2000, 300, 1);
    const big = [new Uint8Array(32 * 1024 * 1024).map((_, i) => i & 255), ...payloadsFor(50, 5000, 2)];
    const cases = [
      { name: '300 frames, 1-byte chunks', payloads: small.slice(0, 300), sizes: () => 1 },
      { name: '2000 frames, random 1..7-byte chunks', payloads: small, sizes: ((r) => () => 1 + Math.floor(r() * 7))(prng(7)) },
      // Each chunk ends 2 bytes into the next frame's 4-byte length field.
      { name: '2000 frames, cuts inside every length field', payloads: small, sizes: (i: number) => small[i % small.length]!.length + (i === 0 ? 6 : 4) },
      { name: '2000 frames, random 1..64 KiB chunks', payloads: small, sizes: ((r) => () => 1 + Math.floor(r() * 65536))(prng(64)) },
      { name: 'a 32 MiB frame + 50 more, 16 KiB chunks', payloads: big, sizes: () => 16 * 1024 },
    ];
    for (const [i, c] of cases.entries()) {
      const wire = new Uint8Array(c.payloads.reduce((n, p) => n + 4 + p.length, 0));
      let o = 0;
      for (const p of c.payloads) {
        wire.set(encodeFrame({ format: 'length-prefixed', maxFrameLength: 64 * 1024 * 1024 }, p), o);
        o += 4 + p.length;
      }
      server.serve(`/lp/${i}`, { bytes: wire, sizes: c.sizes });
      for (const engine of ['wasm', 'js'] as const) {
        const t0 = performance.now();
        const res = await fetch(server.url(`/lp/${i}`));
        const stream = new FrameStream({ format: 'length-prefixed', engine, maxFrameLength: 64 * 1024 * 1024 });
        let n = 0;
        let bytes = 0;
        let matched = 0;
        for await (const frame of res.body!.pipeThrough(stream)) {
          if (equal(frame, c.payloads[n]!)) matched++;
          n++;
          bytes += frame.length;
        }
        const ms = performance.now() - t0;
        const ok = n === c.payloads.length && matched === n;
        allOk &&= ok;
        log(`  ${ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(44)} ${engine.padEnd(4)} ${String(n).padStart(5)} frames ${(bytes / 1048576).toFixed(2).padStart(6)} MiB ` +
          `${(wire.length / 1e6 / (ms / 1000)).toFixed(1).padStart(7)} MB/s end to end  ${matched}/${c.payloads.length} matched`);
      }
    }
  } finally {
    await server.close();
  }
  return allOk;
}
