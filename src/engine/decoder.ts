import { FrameError, FrameErrorCode } from '../errors.ts';
import type { FormatDef, FrameSink, RecordView } from '../formats/format.ts';
import type { ByteChunk } from '../options.ts';
import type { Core } from './core.ts';
import { ErrorNum, META0, PAYLOAD_END, PAYLOAD_START, REC_SLOTS, Status } from './layout.ts';

/**
 * Bytes of an input chunk copied into the core per scan. Bounds the core's buffer to the
 * pending frame plus one window, however large the caller's chunks are.
 */
const WINDOW = 64 * 1024;

/** A frame whose payload is still arriving: its bytes go straight from the input into `target`. */
interface Fill {
  /** Input bytes to pass over before the payload starts (initialBytesToStrip beyond the buffer). */
  skip: number;
  target: Uint8Array;
  filled: number;
  offset: number;
  head: Uint8Array;
  meta: [number, number, number, number, number];
}

const EMPTY = new Uint8Array(0);
const NO_META: readonly number[] = [0, 0, 0, 0, 0];

/**
 * The `RecordView` sinks see. Its META numbers are read from where they are (the record table,
 * or a pending frame's saved copy) only when a sink asks: most formats never do, and copying
 * five numbers per frame was a measurable part of the per-frame cost on small frames.
 */
class RecordCursor implements RecordView {
  offset = 0;
  head: Uint8Array = EMPTY;
  /** Where META0..META4 are: `src[at]`..`src[at + 4]`. */
  src: ArrayLike<number> = NO_META;
  at = 0;
  get m0(): number { return this.src[this.at]!; }
  get m1(): number { return this.src[this.at + 1]!; }
  get m2(): number { return this.src[this.at + 2]!; }
  get m3(): number { return this.src[this.at + 3]!; }
  get m4(): number { return this.src[this.at + 4]!; }
}

const ERROR_CODES: Record<number, FrameErrorCode> = {
  [ErrorNum.TRUNCATED]: FrameErrorCode.Truncated,
  [ErrorNum.FRAME_TOO_LARGE]: FrameErrorCode.FrameTooLarge,
  [ErrorNum.BAD_LENGTH]: FrameErrorCode.BadLength,
  [ErrorNum.STRIP_EXCEEDS_FRAME]: FrameErrorCode.StripExceedsFrame,
  [ErrorNum.VARINT_TOO_LONG]: FrameErrorCode.VarintTooLong,
  [ErrorNum.VARINT_TOO_LARGE]: FrameErrorCode.VarintTooLarge,
  [ErrorNum.MALFORMED]: FrameErrorCode.Malformed,
  [ErrorNum.UNKNOWN_OP]: FrameErrorCode.UnknownOperation,
  [ErrorNum.LINE_TOO_LONG]: FrameErrorCode.ControlLineTooLong,
};

const GENERIC_MESSAGES: Record<number, string> = {
  [ErrorNum.TRUNCATED]: 'stream ended inside a frame',
  [ErrorNum.FRAME_TOO_LARGE]: 'frame longer than the maximum',
  [ErrorNum.BAD_LENGTH]: 'invalid length field',
  [ErrorNum.STRIP_EXCEEDS_FRAME]: 'initialBytesToStrip is larger than the frame',
  [ErrorNum.VARINT_TOO_LONG]: 'varint longer than 10 bytes',
  [ErrorNum.VARINT_TOO_LARGE]: 'varint above 2^53 - 1',
  [ErrorNum.MALFORMED]: 'malformed input',
  [ErrorNum.UNKNOWN_OP]: 'unknown operation',
  [ErrorNum.LINE_TOO_LONG]: 'control line too long',
};

/** Turns a chunk written by a caller into bytes, or explains why it cannot. */
export function toBytes(chunk: unknown, format: string, offset: number): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const tag = Object.prototype.toString.call(chunk);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(chunk as ArrayBuffer);
  const what = chunk === null ? 'null' : typeof chunk === 'object' ? tag.slice(8, -1) : typeof chunk;
  throw new FrameError(FrameErrorCode.InvalidChunk,
    `expected a BufferSource (Uint8Array, another ArrayBufferView or an ArrayBuffer), got ${what}`, { offset, format });
}

export interface DecoderOptions {
  /** Deliver every frame as its own copy instead of a view of the input chunk it lies in. */
  copy: boolean;
}

/**
 * The engine driver, shared by both cores: feeds input to the core window by window, turns
 * records into frames, completes declared-length payloads straight from the input, and compacts.
 *
 * Ownership: with a format whose payloads are `'owned'`, a frame that lies wholly inside one input
 * chunk is a `subarray` of that chunk (no copy: the chunk's bytes are also copied once into the
 * core's buffer to be scanned, a bulk copy of the whole chunk rather than one per frame); a frame
 * that spans chunks is a fresh copy, assembled once. With `copy: true` every frame is a fresh copy.
 */
export class FrameDecoder<T> {
  private len = 0; // pending bytes in the core buffer: [0, len)
  private pos = 0; // scanner cursor: first unconsumed buffer position
  private base = 0; // absolute stream offset of buffer position 0
  private fill: Fill | null = null;
  private state: 'open' | 'failed' | 'ended' = 'open';
  private readonly sink: FrameSink<T>;
  private readonly rec = new RecordCursor();
  private readonly transient: boolean;

  constructor(
    private readonly core: Core,
    private readonly format: FormatDef<T>,
    private readonly opts: DecoderOptions,
  ) {
    this.sink = format.createSink();
    this.transient = format.payload === 'transient' && !opts.copy;
  }

  /** Which core runs this decoder. */
  get engine(): 'wasm' | 'js' { return this.core.kind; }

  /** Bytes received and not yet delivered in a frame (pending in the buffer or a partial payload). */
  get bufferedBytes(): number {
    return this.len - this.pos + (this.fill ? this.fill.filled : 0);
  }

  /** Bytes of buffer the core holds (for wasm: linear memory after the tables); never shrinks. */
  get bufferCapacity(): number {
    return this.core.buf.length;
  }

  /** Absolute stream offset of the next byte to be pushed. */
  get bytesIn(): number {
    return this.base + this.len;
  }

  /**
   * Decodes a chunk; returns the frames it completed. On a fault, throws a `FrameError` whose
   * `frames` holds the frames this chunk completed before the fault; the decoder is then failed.
   */
  push(chunk: ByteChunk): T[] {
    this.checkOpen();
    const out: T[] = [];
    try {
      this.feed(toBytes(chunk, this.format.name, this.bytesIn), out);
    } catch (e) {
      this.state = 'failed';
      if (e instanceof FrameError) e.frames = out;
      throw e;
    }
    return out;
  }

  /** Ends the input; returns the last frames, or throws a `FrameError` if the stream ended inside a frame. */
  end(): T[] {
    this.checkOpen();
    const out: T[] = [];
    try {
      const f = this.fill;
      if (f) {
        throw new FrameError(FrameErrorCode.Truncated,
          `stream ended inside a frame: ${f.filled} of ${f.target.length} payload bytes received`,
          { offset: f.offset, format: this.format.name });
      }
      const core = this.core;
      const st = core.finish(this.pos, this.len);
      this.emitRecords(core.count(), Infinity, EMPTY, out);
      if (st === Status.ERROR) throw this.scanError();
      this.sink.end?.(out);
      this.state = 'ended';
    } catch (e) {
      this.state = 'failed';
      if (e instanceof FrameError) e.frames = out;
      throw e;
    }
    return out;
  }

  private checkOpen(): void {
    if (this.state !== 'open') {
      throw new FrameError(FrameErrorCode.Closed, `the decoder has ${this.state === 'ended' ? 'ended' : 'failed'}`,
        { offset: this.bytesIn, format: this.format.name });
    }
  }

  private feed(chunk: Uint8Array, out: T[]): void {
    const n = chunk.length;
    let off = 0;
    while (off < n) {
      if (this.fill) {
        off = this.fillFrom(chunk, off, out);
        continue;
      }
      const w = Math.min(WINDOW, n - off);
      this.makeRoom(w);
      const core = this.core;
      core.reserve(this.len + w);
      core.buf.set(off === 0 && w === n ? chunk : chunk.subarray(off, off + w), this.len);
      const chunkPos = this.len - off; // buffer position of chunk[0]
      this.len += w;
      off += w;
      off = this.drain(chunk, chunkPos, off, out);
    }
  }

  /** Drops consumed bytes when that is cheap relative to what stays (amortized linear). */
  private makeRoom(incoming: number): void {
    const { pos, len } = this;
    if (pos === 0) return;
    const live = len - pos;
    if (live === 0 || pos >= live || len + incoming > this.core.buf.length) {
      if (live > 0) this.core.compact(pos, live);
      this.base += pos;
      this.len = live;
      this.pos = 0;
    }
  }

  /** Scans what is buffered; returns the input offset after any payload bytes taken from `chunk`. */
  private drain(chunk: Uint8Array, chunkPos: number, off: number, out: T[]): number {
    const core = this.core;
    for (;;) {
      const st = core.scan(this.pos, this.len);
      const count = core.count();
      if (st === Status.PAYLOAD_PENDING) {
        this.emitRecords(count - 1, chunkPos, chunk, out);
        return this.pending(count - 1, chunk, chunkPos, off, out);
      }
      this.emitRecords(count, chunkPos, chunk, out);
      this.pos = core.consumed();
      if (st === Status.TABLE_FULL) continue;
      if (st === Status.ERROR) throw this.scanError();
      return off;
    }
  }

  /**
   * Delivers records [0, count) whose payloads lie within the buffer. `chunkPos` is the buffer
   * position of `chunk[0]` (Infinity when no input chunk is involved, as at the end).
   */
  private emitRecords(count: number, chunkPos: number, chunk: Uint8Array, out: T[]): void {
    if (count <= 0) return;
    const core = this.core;
    const t = core.table;
    const buf = core.buf;
    if (this.format.payloadIsFrame && !this.transient) {
      // Hot path (e.g. length-prefixed): the frame is the payload; no sink call, no metadata.
      const copy = this.opts.copy;
      const o = out as unknown as Uint8Array[];
      // `new Uint8Array(buffer, offset, length)` is about twice as fast in V8 as `subarray`,
      // which goes through the species constructor lookup: it matters at small frames.
      const ab = chunk.buffer;
      const at = chunk.byteOffset - chunkPos;
      for (let j = 0, end = count * REC_SLOTS; j < end; j += REC_SLOTS) {
        const ps = t[j + PAYLOAD_START]!;
        const pe = t[j + PAYLOAD_END]!;
        o.push(ps >= chunkPos && !copy ? new Uint8Array(ab, at + ps, pe - ps) : buf.slice(ps, pe));
      }
      return;
    }
    const base = this.base;
    const rec = this.rec;
    const sink = this.sink;
    const needsHead = this.format.needsHead;
    const transient = this.transient;
    const copy = this.opts.copy;
    rec.src = t;
    if (transient && sink.batch && sink.frameInBatch) {
      // The sink takes the run at once and each record by position: no view per frame.
      const s0 = t[PAYLOAD_START]!;
      sink.batch(buf.subarray(s0, t[(count - 1) * REC_SLOTS + PAYLOAD_END]!));
      for (let i = 0, j = 0; i < count; i++, j += REC_SLOTS) {
        rec.offset = base + t[j]!;
        rec.at = j + META0;
        if (needsHead) rec.head = buf.subarray(t[j]!, t[j + PAYLOAD_START]!);
        sink.frameInBatch(rec, t[j + PAYLOAD_START]! - s0, t[j + PAYLOAD_END]! - s0, out);
      }
      return;
    }
    // Views by constructor, not subarray (see the hot path above).
    const bufAb = buf.buffer;
    const bufAt = buf.byteOffset;
    const chunkAb = chunk.buffer;
    const chunkAt = chunk.byteOffset - chunkPos;
    for (let i = 0, j = 0; i < count; i++, j += REC_SLOTS) {
      const fs = t[j]!;
      const ps = t[j + PAYLOAD_START]!;
      const pe = t[j + PAYLOAD_END]!;
      rec.offset = base + fs;
      rec.at = j + META0;
      if (needsHead) rec.head = new Uint8Array(bufAb, bufAt + fs, ps - fs);
      let payload: Uint8Array;
      if (transient) payload = new Uint8Array(bufAb, bufAt + ps, pe - ps);
      else if (ps >= chunkPos && !copy) payload = new Uint8Array(chunkAb, chunkAt + ps, pe - ps);
      else payload = buf.slice(ps, pe);
      sink.frame(rec, payload, out);
    }
  }

  /**
   * The record at `index` has a declared payload reaching past the buffered bytes. Take it from the
   * rest of this chunk when it ends there (as a view, if it lies wholly inside the chunk), else
   * start filling a payload-sized array from the input. Either way the buffer empties.
   */
  private pending(index: number, chunk: Uint8Array, chunkPos: number, off: number, out: T[]): number {
    const core = this.core;
    const t = core.table;
    const j = index * REC_SLOTS;
    const fs = t[j]!;
    const ps = t[j + PAYLOAD_START]!;
    const pe = t[j + PAYLOAD_END]!;
    const len = this.len;
    const offset = this.base + fs;
    const meta: Fill['meta'] = [t[j + 3]!, t[j + 4]!, t[j + 5]!, t[j + 6]!, t[j + 7]!];
    const headEnd = Math.min(ps, len);
    // Everything in the buffer now belongs to this frame; the buffer restarts after it.
    const restOfChunk = chunk.length - off;
    if (pe - len <= restOfChunk) {
      let payload: Uint8Array;
      if (ps >= chunkPos && !this.opts.copy) {
        payload = chunk.subarray(ps - chunkPos, pe - chunkPos);
      } else {
        payload = new Uint8Array(pe - ps);
        const fromBuf = Math.max(0, len - ps);
        if (fromBuf > 0) payload.set(core.buf.subarray(ps, len));
        payload.set(chunk.subarray(off + Math.max(0, ps - len), off + (pe - len)), fromBuf);
      }
      this.deliver(offset, this.format.needsHead ? core.buf.subarray(fs, headEnd) : EMPTY, meta, payload, out);
      this.base += pe;
      this.len = 0;
      this.pos = 0;
      return off + (pe - len);
    }
    const target = new Uint8Array(pe - ps);
    let filled = 0;
    if (ps < len) {
      target.set(core.buf.subarray(ps, len));
      filled = len - ps;
    }
    this.fill = {
      skip: Math.max(0, ps - len),
      target,
      filled,
      offset,
      head: this.format.needsHead ? core.buf.slice(fs, headEnd) : EMPTY,
      meta,
    };
    this.base += len;
    this.len = 0;
    this.pos = 0;
    return this.fillFrom(chunk, off, out);
  }

  private fillFrom(chunk: Uint8Array, off: number, out: T[]): number {
    const f = this.fill!;
    const n = chunk.length;
    if (f.skip > 0) {
      const k = Math.min(f.skip, n - off);
      f.skip -= k;
      this.base += k;
      off += k;
      if (f.skip > 0) return off;
    }
    const k = Math.min(f.target.length - f.filled, n - off);
    f.target.set(chunk.subarray(off, off + k), f.filled);
    f.filled += k;
    this.base += k;
    off += k;
    if (f.filled === f.target.length) {
      this.fill = null;
      this.deliver(f.offset, f.head, f.meta, f.target, out);
    }
    return off;
  }

  private deliver(offset: number, head: Uint8Array, meta: Fill['meta'], payload: Uint8Array, out: T[]): void {
    if (this.format.payloadIsFrame) {
      (out as unknown as Uint8Array[]).push(payload);
      return;
    }
    const rec = this.rec;
    rec.offset = offset;
    rec.head = head;
    rec.src = meta;
    rec.at = 0;
    this.sink.frame(rec, payload, out);
  }

  private scanError(): FrameError {
    const core = this.core;
    const num = core.errorCode();
    const detail = core.errorDetail();
    const code = ERROR_CODES[num] ?? FrameErrorCode.Malformed;
    const message = this.format.describeError?.(num, detail) ?? GENERIC_MESSAGES[num] ?? `scanner error ${num}`;
    return new FrameError(code, message, { offset: this.base + core.errorPos(), format: this.format.name });
  }
}
