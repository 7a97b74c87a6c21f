/** Ways to cut a byte string into chunks; every vector runs through each of them. */

/** mulberry32, seeded: the same PRNG the bench generators use. */
export { prng } from '../../bench/chunking.ts';
import { prng } from '../../bench/chunking.ts';

export interface Chunking {
  name: string;
  cut(bytes: Uint8Array): Uint8Array[];
}

/** Each chunk a copy in its own ArrayBuffer, as a network read delivers it. */
function own(b: Uint8Array): Uint8Array {
  return b.slice();
}

export const whole: Chunking = { name: 'whole', cut: (b) => [own(b)] };

export const oneByte: Chunking = {
  name: '1-byte',
  cut: (b) => Array.from({ length: b.length }, (_, i) => own(b.subarray(i, i + 1))),
};

/** Random chunk sizes in [1, max], from a seed that appears in the test name. */
export function seededRandom(seed: number, max = 64): Chunking {
  return {
    name: `random(seed=${seed},max=${max})`,
    cut(b) {
      const rnd = prng(seed);
      const out: Uint8Array[] = [];
      for (let i = 0; i < b.length; ) {
        const n = 1 + Math.floor(rnd() * max);
        out.push(own(b.subarray(i, i + n)));
        i += n;
      }
      return out;
    },
  };
}

/** Cut at the given offsets. */
export function at(offsets: number[]): Chunking {
  return {
    name: `at(${offsets.join(',')})`,
    cut(b) {
      const cuts = [0, ...offsets.filter((o) => o > 0 && o < b.length).sort((x, y) => x - y), b.length];
      const out: Uint8Array[] = [];
      for (let i = 1; i < cuts.length; i++) if (cuts[i]! > cuts[i - 1]!) out.push(own(b.subarray(cuts[i - 1], cuts[i])));
      return out;
    },
  };
}

/** The standard set: whole, 1-byte and three seeded random chunkings. */
export const CHUNKINGS: Chunking[] = [whole, oneByte, seededRandom(1, 7), seededRandom(42, 64), seededRandom(0xc0ffee, 4096)];

/** Joins byte arrays (the library's own helper). */
export { concatBytes as concat } from '../../src/util/bytes.ts';

export function hexBytes(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}
