import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AimBlob, AimCustomObject, AimFloat, AimRecord, AimTreeBuilder, createDecoder, decodePath, decodeTree, decodeValue,
  encodePath, encodeTree, encodeValue, FrameError, type AimNode, type AimTreeEvent,
} from '../../src/index.ts';
import { nodeJson } from '../support/aim_json.ts';
import { concat, hexBytes, prng } from '../support/chunkings.ts';
import { ENGINES } from '../support/engines.ts';
import { toHex } from '../support/hex.ts';

describe('aim key codec', () => {
  it.each([
    ['README example', ['foo', 19, 'α-γ'], '666f6ffe' + 'fe0000000000000013fe' + 'ceb12dceb3fe'],
    ['step 254 has FE inside its 8 int bytes', [254], 'fe00000000000000fefe'],
    ['-2 is FE FF..FF FE FE', [-2], 'fefffffffffffffffefe'],
    ['int64 min and max as bigints', [-(2n ** 63n), 2n ** 63n - 1n], 'fe8000000000000000fe' + 'fe7ffffffffffffffffe'],
    ['a leading BOM is kept', ['\ufeffbom'], 'efbbbf626f6dfe'],
    ['the root', [], ''],
  ] as const)('%s', (_n, path, hex) => {
    expect(toHex(encodePath(path as never))).toBe(hex);
    expect(decodePath(hexBytes(hex))).toEqual(path);
  });
  it('rejects keys no decoder can read', () => {
    expect(() => encodePath([''])).toThrow(/empty-string path keys/);
    expect(() => encodePath([1.5])).toThrow(/not an integer/);
    expect(() => decodePath(hexBytes('fe0000'))).toThrow(/FE \+ 8 bytes \+ FE/);
    expect(() => decodePath(hexBytes('6161'))).toThrow(/no FE terminator/);
  });
});

describe('aim value codec', () => {
  it.each([
    ['None', null, '00'],
    ['bool', true, '0101'],
    ['int 2^31 stays positive', 2 ** 31, '020000008000000000'],
    ['int -2^32', -(2 ** 32), '0200000000ffffffff'],
    ['int beyond 2^53 is a bigint', 2n ** 62n + 1n, '020100000000000040'],
    ['int -2^63', -(2n ** 63n), '020000000000000080'],
    ['float', 0.5, '03000000000000e03f'],
    ['float -0', -0, '030000000000000080'],
    ['string with a BOM and U+0000', '\ufeffa\u0000', '04efbbbf6100'],
    ['bytes', hexBytes('0102'), '050102'],
    ['array flag', { flag: 'array' }, '06'],
    ['object flag', { flag: 'object' }, '07'],
    ['custom object flag', { flag: 'custom_object', name: 'aim.image' }, '0f61696d2e696d616765'],
  ] as const)('%s', (_n, value, hex) => {
    expect(toHex(encodeValue(value as never))).toBe(hex);
    expect(decodeValue(hexBytes(hex))).toEqual(value);
  });
  it('an integral float written as AimFloat stays a float; unknown type bytes decode to undefined', () => {
    expect(toHex(encodeValue(new AimFloat(1)))).toBe('03000000000000f03f');
    expect(decodeValue(hexBytes('03000000000000f03f'))).toBe(1);
    expect(decodeValue(hexBytes('0901'))).toBeUndefined();
    expect(() => decodeValue(new Uint8Array(0))).toThrow(/empty value/);
    expect(() => decodeValue(hexBytes('0201'))).toThrow(/expected 8/);
  });
});

/** Records for a list of [path, value] pairs, as an aim-web stream would deliver them. */
function records(pairs: [unknown[], unknown][]): AimRecord[] {
  let off = 0;
  return pairs.map(([p, v]) => {
    const r = new AimRecord(off, encodePath(p as never), encodeValue(v as never), false, 'aim-web');
    off += r.length;
    return r;
  });
}

describe('aim tree rebuild', () => {
  it.each([
    ['a proper prefix of the previous path', [[['a', 'b'], 1], [['a'], 2]], 1],
    ['a string key inside a list', [[[], { flag: 'array' }], [[0], 1], [['x'], 2]], 2],
    ['a key inside a primitive', [[['a'], 1], [['a', 'b'], 2]], 1],
    ['a list index leaving a huge gap', [[[], { flag: 'array' }], [[2 ** 30], 1]], 1],
  ] as const)('rejects %s with a FrameError at that record', (_n, pairs, bad) => {
    const recs = records(pairs as never);
    let err: unknown;
    try {
      decodeTree(recs);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FrameError);
    expect([(err as FrameError).code, (err as FrameError).offset]).toEqual(['malformed', recs[bad]!.offset]);
  });

  it('a lower list index overwrites (Aim\'s UI loops forever here); a repeated path is ignored', () => {
    const tree = decodeTree(records([[[], { flag: 'array' }], [[0], 'a'], [[2], 'c'], [[1], 'b'], [[1], 'ignored']]));
    expect(tree).toEqual(['a', 'b', 'c']);
  });

  it('level 1 yields a re-opened top-level key once per opening; progress keys as progress events', () => {
    const b = new AimTreeBuilder({ level: 1 });
    const out: AimTreeEvent[] = [];
    for (const r of records([[['run', 'x'], 1], [['progress_0'], { flag: 'array' }], [['progress_0', 0], 1], [['progress_0', 1], 2], [['run', 'y'], 2]])) b.push(r, out);
    expect(out.map((e) => e.kind)).toEqual(['entry', 'progress']);
    b.end(out);
    expect(out.map((e) => (e.kind === 'progress' ? [e.key, e.checked, e.total] : e.kind === 'entry' ? [e.path, nodeJson(e.value)] : e))).toEqual([
      [['run'], { x: 1 }], ['progress_0', 1, 2], [['run'], { y: 2 }],
    ]);
  });

  it('an empty stream has no tree', () => {
    expect(() => decodeTree([])).toThrow(/no records/);
  });
});

// ---------------------------------------------------------------- properties

const key = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.integer({ min: 0, max: 300 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b) => (b >= -(2n ** 53n) + 1n && b <= 2n ** 53n - 1n ? Number(b) : b)),
);
const scalar = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double().filter((d) => !Number.isInteger(d)),
  fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }), fc.string(), fc.uint8Array({ maxLength: 20 }),
);
const { tree } = fc.letrec<{ tree: AimNode; node: AimNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, tie('tree')),
  tree: fc.oneof(
    fc.array(tie('node'), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(key, tie('node')), { maxLength: 4, selector: ([k]) => (typeof k === 'bigint' ? `b${k}` : `${typeof k}${String(k)}`) }).map((e) => new Map(e)),
    fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), tie('node')), { maxLength: 3, selector: ([k]) => k }))
      .map(([n, e]) => new AimCustomObject(n, new Map(e))),
  ),
}));

describe.each(ENGINES)('aim round trips, %s engine', (engine) => {
  it('tree -> records -> any chunking -> records -> tree is the identity, and re-encodes byte-identically', () => {
    fc.assert(fc.property(tree, fc.integer({ min: 1, max: 40 }), fc.integer(), fc.constantFrom('aim-rt', 'aim-web' as const), (t, max, seed, format) => {
      const wire = encodeTree(t, { format });
      const rnd = prng(seed);
      const dec = createDecoder({ format, engine });
      const recs: AimRecord[] = [];
      for (let i = 0; i < wire.length;) {
        const n = 1 + Math.floor(rnd() * max);
        recs.push(...dec.push(wire.slice(i, i + n)));
        i += n;
      }
      recs.push(...dec.end());
      const back = decodeTree(recs, { keepFloatType: true });
      expect(nodeJson(back)).toEqual(nodeJson(t));
      expect(toHex(encodeTree(back, { format }))).toBe(toHex(wire));
    }), { numRuns: 200 });
  });

  it('blobs keep their flag through aim-rt', () => {
    const t = new Map<string, AimNode>([['data', new AimBlob(hexBytes('89504e47'))], ['n', 1]]);
    const wire = encodeTree(t, { format: 'aim-rt' });
    const recs = createDecoder({ format: 'aim-rt', engine }).push(wire) as AimRecord[];
    expect(recs.map((r) => r.isBlob)).toEqual([true, false]);
    expect(nodeJson(decodeTree(recs))).toEqual({ data: { $blob: { $bytes_hex: '89504e47' } }, n: 1 });
  });

  it('random bytes give records or one FrameError with 0 <= offset <= bytes fed', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('aim-rt', 'aim-web' as const), (bytes, format) => {
      const dec = createDecoder({ format, engine, maxKeyLength: 64, maxValueLength: 64 });
      try {
        dec.push(bytes);
        dec.end();
      } catch (e) {
        expect(e).toBeInstanceOf(FrameError);
        expect((e as FrameError).offset).toBeGreaterThanOrEqual(0);
        expect((e as FrameError).offset).toBeLessThanOrEqual(bytes.length);
      }
    }), { numRuns: 300 });
  });
});

describe('aim record encoder', () => {
  it('concatenated records decode back', () => {
    const recs = records([[['a'], 1], [['b', 2], 'x']]);
    const wire = concat(recs.map((r) => {
      const out = new Uint8Array(r.length);
      const dv = new DataView(out.buffer);
      dv.setUint32(0, r.key.length, true);
      out.set(r.key, 4);
      dv.setUint32(4 + r.key.length, r.value.length, true);
      out.set(r.value, 8 + r.key.length);
      return out;
    }));
    expect(toHex(encodeTree(new Map<string, AimNode>([['a', 1], ['b', new Map([[2, 'x']])]]), { format: 'aim-web' }))).toBe(toHex(wire));
  });
});
