import type { Scanner } from '../engine/scanner.ts';

/**
 * What the engine tells a format about one frame. One object is reused for every frame of a
 * stream: read it during `FrameSink.frame`, never keep it.
 */
export interface RecordView {
  /** Absolute stream offset of the frame's first wire byte. */
  offset: number;
  /**
   * The frame's bytes before its payload (e.g. a length field, a NATS control line, an Aim key),
   * when the format sets `needsHead`; otherwise an empty array. Valid only during the call:
   * it may be a view of the engine's buffer, which is reused.
   */
  head: Uint8Array;
  /** Format-specific numbers the scanner wrote (META0..META4; positions relative to the frame's first byte). */
  m0: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
}

/** Turns frames into output values. One sink per stream, so it may keep state (e.g. SSE events). */
export interface FrameSink<T> {
  /**
   * Called once per frame, in stream order. Push zero or more values to `out`. Throw a
   * `FrameError` (with `rec.offset`) for a payload that is invalid; frames already pushed are kept.
   */
  frame(rec: RecordView, payload: Uint8Array, out: T[]): void;
  /**
   * Optional, for `payload: 'transient'` formats: called before a run of `frame` calls whose
   * payloads all lie inside `span` (a view of the engine's buffer, valid only until the last of
   * those calls), so a text format can decode the run once and slice it (a payload's position in
   * the span is `payload.byteOffset - span.byteOffset`). Bytes between payloads (delimiters) are
   * in the span too.
   */
  batch?(span: Uint8Array): void;
  /**
   * With `batch`: called instead of `frame` for each record of the run, with its payload's
   * `[start, end)` position in the span, so no view is made per frame (a text format slices the
   * run's decoded string; it can still take `span.subarray(start, end)` when it needs the bytes).
   */
  frameInBatch?(rec: RecordView, start: number, end: number, out: T[]): void;
  /** Called once at the end of a clean stream, after the last frame. */
  end?(out: T[]): void;
}

/** A format as the engine sees it: its scanner (wasm id and TS twin), and how frames become values. */
export interface FormatDef<T> {
  /** The `format` option's value, used in errors. */
  readonly name: string;
  /** `ScannerId` of the wasm scanner. */
  readonly scannerId: number;
  /** Numeric scanner parameters (at most PARAM_SLOTS), identical for both engines. */
  readonly params: readonly number[];
  /** Binary scanner configuration (at most CONFIG_BYTES), e.g. a delimiter. */
  readonly config?: Uint8Array;
  /** A fresh TS twin of the wasm scanner, configured with `params`/`config`. */
  createScanner(): Scanner;
  /**
   * `'owned'`: the payload handed to the sink is a view of the caller's input chunk (when the
   * frame lies inside one) or a fresh copy, so the sink may keep it. `'transient'`: it may be a
   * view of the engine's buffer, valid only during the call (cheaper for formats that parse
   * text out of it and keep nothing).
   */
  readonly payload: 'owned' | 'transient';
  /**
   * The frame is exactly the payload bytes (an owned `Uint8Array`): the driver then pushes
   * payloads itself and never calls the sink's `frame` (the sink's `end` still runs).
   */
  readonly payloadIsFrame?: boolean;
  /** Whether the sink reads `RecordView.head`. */
  readonly needsHead: boolean;
  /** Explains a scanner error number (ErrorNum) for the message, given the scanner's detail number. */
  describeError?(errNum: number, detail: number): string | undefined;
  createSink(): FrameSink<T>;
}
