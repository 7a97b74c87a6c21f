/**
 * Aim trees: rebuilding the nested value that a record stream flattens (README sections 4-5,
 * Aim's `treeutils.pyx`), and flattening a tree back into records byte-identically.
 *
 * Tree nodes: `null`, boolean, number, bigint, string, Uint8Array, `AimFloat` (integral floats,
 * with `keepFloatType`), arrays, `Map`s (dicts: keys are strings or ints, in stream order),
 * `AimCustomObject`s and `AimBlob`s.
 *
 * @module
 */
import { FrameError, FrameErrorCode } from '../errors.ts';
import { concatBytes } from '../util/bytes.ts';
import type { AimRecord, AimRecordInput } from './aim.ts';
import { createAimEncoder, type AimOptions } from './aim.ts';
import {
  AimCodecError, AimFloat, AimTypeByte, ARRAY_FLAG, encodePath, encodeValue, OBJECT_FLAG,
  type AimKey, type AimPath, type AimScalar,
} from './aim_codec.ts';

/** A value that Aim stores as a BLOB (aim-rt records with `is_blob = 1`). */
export class AimBlob {
  constructor(readonly value: AimNode) {}
}

/** An `aim.storage.object.CustomObject` (`aim.image`, `aim.text`, ...): its name and storage. */
export class AimCustomObject {
  constructor(readonly name: string, readonly storage: Map<AimKey, AimNode> = new Map()) {}
}

export type AimDict = Map<AimKey, AimNode>;
export type AimNode = AimScalar | AimFloat | AimNode[] | AimDict | AimCustomObject | AimBlob | { [key: string]: AimNode };

/** What the tree stream yields. */
export type AimTreeEvent =
  /** level 0: the whole tree, once, at the end. */
  | { kind: 'tree'; tree: AimNode }
  /** level 1: a top-level entry, as soon as the stream has moved past it (`path` is `[key]`). */
  | { kind: 'entry'; path: AimPath; value: AimNode }
  /**
   * level 1: a top-level entry whose key starts with `progress` (`progress_N`, and the keep-alive
   * `progress_N_<37 KB of digits>`): `[checked, total]` as Aim's search streamers send it.
   */
  | { kind: 'progress'; path: AimPath; key: string; checked: number | null; total: number | null; value: AimNode };

export interface AimTreeOptions {
  /**
   * 1: yield each top-level entry as soon as a record with another top-level key arrives (or
   * the stream ends), as Aim's `iter_decode_tree(level=1)` and UI do; memory holds one entry.
   * 0: rebuild the whole tree and yield it once at the end (Aim's `decode_tree`).
   *
   * @defaultValue 1
   */
  level?: 0 | 1;
  /**
   * level 1: report top-level keys starting with `progress` as `progress` events instead of
   * `entry` events (Aim's UI treats them so). Each is still reported once per opening.
   *
   * @defaultValue true
   */
  progress?: boolean;
  /**
   * Wrap floats whose value is an integer in `AimFloat`, so the tree re-encodes byte-identically
   * (otherwise `1.0` decodes to `1`, which encodes as an int).
   *
   * @defaultValue false
   */
  keepFloatType?: boolean;
  /**
   * Largest gap a list index may open (the list is padded with `null` up to the index, as Aim
   * does). Bounds memory on hostile input; a larger gap is a `malformed` FrameError.
   *
   * @defaultValue 1048576 (elements)
   */
  maxListGap?: number;
}

type Container = AimNode[] | AimDict | AimCustomObject;

function keyText(k: AimKey): string {
  return typeof k === 'string' ? JSON.stringify(k.length > 40 ? k.slice(0, 40) + '...' : k) : String(k);
}

/**
 * Rebuilds a tree record by record (Aim's `fold_tree` over `DecodePathsVals`). Synchronous core
 * of `AimTreeStream` and `decodeTree`: feed `push`, then `end`.
 */
export class AimTreeBuilder {
  private started = false;
  private root: AimNode = null;
  /** Path of the previous record. */
  private cur: AimPath = [];
  /** stack[i] is the open node at cur[0..i) (stack[0] is the root). */
  private stack: AimNode[] = [];
  private readonly level: 0 | 1;
  private readonly progress: boolean;
  private readonly keepFloatType: boolean;
  private readonly maxListGap: number;

  constructor(o: AimTreeOptions = {}) {
    this.level = o.level ?? 1;
    if (this.level !== 0 && this.level !== 1) throw new RangeError(`aim tree: level must be 0 or 1, got ${String(o.level)}`);
    this.progress = o.progress ?? true;
    this.keepFloatType = o.keepFloatType ?? false;
    this.maxListGap = o.maxListGap ?? 1 << 20;
  }

  private fail(rec: AimRecord, why: string): never {
    throw new FrameError(FrameErrorCode.Malformed, `invalid Aim tree: ${why}`, { offset: rec.offset, format: rec.format });
  }

  private node(rec: AimRecord): AimNode {
    const v = rec.data;
    if (v === ARRAY_FLAG) return [];
    if (v === OBJECT_FLAG) return new Map();
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && v.flag === 'custom_object') return new AimCustomObject(v.name);
    let n: AimNode = v === undefined ? null : v; // unknown type bytes decode to None, as in Aim
    if (this.keepFloatType && typeof n === 'number' && rec.value[0] === AimTypeByte.FLOAT && Number.isInteger(n) && !Object.is(n, -0)) n = new AimFloat(n);
    return rec.isBlob ? new AimBlob(n) : n;
  }

  private insert(rec: AimRecord, parent: AimNode, key: AimKey, node: AimNode): void {
    if (Array.isArray(parent)) {
      if (typeof key !== 'number' || key < 0) this.fail(rec, `list index ${keyText(key)} is not an int >= 0`);
      const len = parent.length;
      if (key < len) parent[key] = node;
      else {
        if (key - len > this.maxListGap) this.fail(rec, `list index ${key} leaves a gap of ${key - len} (> maxListGap ${this.maxListGap})`);
        while (parent.length < key) parent.push(null);
        parent.push(node);
      }
    } else if (parent instanceof Map) {
      parent.set(key, node);
    } else if (parent instanceof AimCustomObject) {
      parent.storage.set(key, node);
    } else {
      this.fail(rec, `key ${keyText(key)} inside a value that is not a container`);
    }
  }

  private close(out: AimTreeEvent[]): void {
    const k = this.cur[0]!;
    const value = this.stack[1]!;
    if (this.progress && typeof k === 'string' && k.startsWith('progress')) {
      const a = Array.isArray(value) ? value : [];
      const num = (x: AimNode | undefined): number | null => (typeof x === 'number' ? x : null);
      out.push({ kind: 'progress', path: [k], key: k, checked: num(a[0]), total: num(a[1]), value });
    } else {
      out.push({ kind: 'entry', path: [k], value });
    }
  }

  /** Adds one record; level 1 pushes the top-level entries it closes to `out`. */
  push(rec: AimRecord, out: AimTreeEvent[]): void {
    const p = rec.path;
    if (!this.started) {
      this.started = true;
      if (p.length === 0) {
        this.root = this.node(rec);
        this.stack = [this.root];
        return;
      }
      // A non-empty first path: the root is an implicit dict.
      this.root = new Map();
      this.stack = [this.root];
    }
    const c = this.cur;
    let n = 0;
    const m = Math.min(p.length, c.length);
    while (n < m && p[n] === c[n]) n++;
    if (n === p.length) {
      if (n === c.length) return; // the same path again: ignored, as DecodePathsVals does
      this.fail(rec, `path of length ${p.length} is a proper prefix of the previous record's (not depth-first order)`);
    }
    if (this.level === 1 && n === 0 && c.length > 0) this.close(out);
    const stack = this.stack;
    stack.length = n + 1;
    for (let i = n; i < p.length - 1; i++) {
      const d: AimDict = new Map();
      this.insert(rec, stack[i]!, p[i]!, d);
      stack.push(d);
    }
    const node = this.node(rec);
    this.insert(rec, stack[p.length - 1]!, p[p.length - 1]!, node);
    stack.push(node);
    this.cur = p;
  }

  /** The stream ended: level 1 yields the open top-level entry; level 0 yields the tree. */
  end(out: AimTreeEvent[], offset = 0, format = 'aim'): void {
    if (this.level === 1) {
      if (this.cur.length > 0) this.close(out);
      return;
    }
    if (!this.started) {
      throw new FrameError(FrameErrorCode.Malformed, 'invalid Aim tree: no records (a tree has at least one)', { offset, format });
    }
    out.push({ kind: 'tree', tree: this.root });
  }
}

/** Rebuilds the whole tree from complete records (Aim's `decode_tree`). */
export function decodeTree(records: Iterable<AimRecord>, options: Omit<AimTreeOptions, 'level' | 'progress'> = {}): AimNode {
  const b = new AimTreeBuilder({ ...options, level: 0 });
  const out: AimTreeEvent[] = [];
  let last: AimRecord | undefined;
  for (const r of records) {
    b.push(r, out);
    last = r;
  }
  b.end(out, last ? last.offset + last.length : 0, last?.format);
  return (out[0] as { tree: AimNode }).tree;
}

/**
 * Records in, tree events out: put it after a `FrameStream` of `'aim-rt'` or `'aim-web'`.
 * An invalid tree errors the stream with a `malformed` FrameError at the offending record's
 * offset, after every event before it has been read.
 *
 * @example Level-1 entries of a web API body, progress apart
 * ```ts
 * const events = res.body!
 *   .pipeThrough(new FrameStream({ format: 'aim-web' }))
 *   .pipeThrough(new AimTreeStream({ level: 1 }));
 * for await (const ev of events) {
 *   if (ev.kind === 'progress') bar.update(ev.checked, ev.total);
 *   else if (ev.kind === 'entry') runs.set(ev.path[0], ev.value);
 * }
 * ```
 */
export class AimTreeStream extends TransformStream<AimRecord, AimTreeEvent> {
  constructor(options: AimTreeOptions = {}) {
    const b = new AimTreeBuilder(options);
    let next = 0;
    let format = 'aim';
    const step = (c: TransformStreamDefaultController<AimTreeEvent>, run: (out: AimTreeEvent[]) => void): void | Promise<void> => {
      const out: AimTreeEvent[] = [];
      try {
        run(out);
      } catch (e) {
        for (const ev of out) c.enqueue(ev);
        // Erroring a stream drops its queue: let the reader take what came before the fault.
        return drained(c).then(() => {
          throw e;
        });
      }
      for (const ev of out) c.enqueue(ev);
    };
    super(
      {
        transform: (rec, c) => step(c, (out) => {
          next = rec.offset + rec.length;
          format = rec.format;
          b.push(rec, out);
        }),
        flush: (c) => step(c, (out) => b.end(out, next, format)),
      },
      { highWaterMark: 1 },
      { highWaterMark: 0 },
    );
  }
}

async function drained(c: TransformStreamDefaultController<unknown>): Promise<void> {
  for (;;) {
    const size = c.desiredSize;
    if (size === null || size >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function isPlainObject(v: unknown): v is { [key: string]: AimNode } {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function unencodable(why: string, cause?: unknown): never {
  throw new FrameError(FrameErrorCode.Unencodable, why, { offset: 0, format: 'aim', cause });
}

/**
 * Flattens a tree into records exactly as Aim's `encode_tree` does: depth-first, pre-order;
 * lists as an array flag then their elements; empty dicts as an object flag, non-empty dicts
 * as their items only; custom objects as their flag then their storage. Dicts are `Map`s or
 * plain objects (string keys, in property order).
 */
export function* flattenTree(tree: AimNode): Generator<AimRecordInput> {
  const enc = (v: Parameters<typeof encodeValue>[0]): Uint8Array => {
    try {
      return encodeValue(v);
    } catch (e) {
      if (e instanceof AimCodecError) unencodable(e.message, e);
      throw e;
    }
  };
  const seg = (k: AimKey): Uint8Array => {
    try {
      return encodePath([k]);
    } catch (e) {
      if (e instanceof AimCodecError) unencodable(e.message, e);
      throw e;
    }
  };
  const join = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const o = new Uint8Array(a.length + b.length);
    o.set(a);
    o.set(b, a.length);
    return o;
  };
  function* walk(node: AimNode, key: Uint8Array): Generator<AimRecordInput> {
    if (node instanceof AimBlob) {
      yield { key, value: enc(node.value as AimScalar), isBlob: true };
    } else if (Array.isArray(node)) {
      yield { key, value: enc(ARRAY_FLAG) };
      for (let i = 0; i < node.length; i++) yield* walk(node[i]!, join(key, seg(i)));
    } else if (node instanceof Map) {
      if (node.size === 0) yield { key, value: enc(OBJECT_FLAG) };
      for (const [k, v] of node) yield* walk(v, join(key, seg(k)));
    } else if (node instanceof AimCustomObject) {
      yield { key, value: enc({ flag: 'custom_object', name: node.name }) };
      for (const [k, v] of node.storage) yield* walk(v, join(key, seg(k)));
    } else if (isPlainObject(node)) {
      const entries = Object.entries(node);
      if (entries.length === 0) yield { key, value: enc(OBJECT_FLAG) };
      for (const [k, v] of entries) yield* walk(v, join(key, seg(k)));
    } else {
      yield { key, value: enc(node as AimScalar | AimFloat) };
    }
  }
  yield* walk(tree, new Uint8Array(0));
}

/** Encodes a tree as one record stream (Aim's `pack_stream(encode_tree(tree))` / `collect_streamable_data`). */
export function encodeTree(tree: AimNode, options: AimOptions): Uint8Array {
  const enc = createAimEncoder(options);
  const parts: Uint8Array[] = [];
  for (const r of flattenTree(tree)) parts.push(enc(r));
  return concatBytes(parts);
}
