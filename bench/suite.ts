/**
 * The interface a format's bench file implements. One file per format in `bench/suites/`
 * (`export default defineSuite({...})`); `bench/run.ts` discovers them, so adding a file adds
 * rows. See bench/README.md, "Adding a format's rows".
 *
 * Vocabulary:
 * - workload: one input stream, as a list of chunks (each its own ArrayBuffer, as a network
 *   read delivers it), with the frame count and checksum its generator wrote.
 * - contender: one way to decode it (framestream, a peer library, or a floor), fed the way it
 *   is meant to be used, returning the frames it saw as a `Tally` (count + checksum).
 * - target: a ratio the suite promises, evaluated from one run.
 *
 * @module
 */
import type { Expected, Tally } from './checksum.ts';

export type { Expected, Tally } from './checksum.ts';

/** How a contender takes its input: the API its users would call. Shown in the report. */
export type Feed = 'web-stream' | 'node-stream' | 'async-iterable' | 'loop';

/** framestream itself, a library users would pick instead, or a cost floor (no real decoding). */
export type Role = 'framestream' | 'peer' | 'floor';

/** One chunk of input, as a network read delivers it: a Uint8Array over its own ArrayBuffer. */
export type Chunk = Uint8Array<ArrayBuffer>;

/** A generated input stream. Built by `WorkloadSpec.make()`, inside the process that times it. */
export interface Workload extends Expected {
  /** The chunks, in order; each is its own ArrayBuffer. Contenders must not modify them. */
  chunks: Chunk[];
  /** Total bytes over all chunks. */
  bytes: number;
  /**
   * Optional, for the floors in `bench/floors.ts`: the whole stream as one array and each frame's
   * payload as `[start, end)` pairs of stream offsets. Omit both for large-message workloads
   * (they would double the memory being measured).
   */
  wire?: Uint8Array;
  bounds?: Uint32Array;
  /** Generator parameters contenders need to decode it (e.g. `{ lengthField: 'varint' }`). */
  params?: Readonly<Record<string, unknown>>;
}

/** A workload's description: cheap to list; the bytes are made only where it runs. */
export interface WorkloadSpec {
  /** Unique within the suite and stable across runs (a row key in the JSON), e.g. `'varint 16B @64KiB'`. */
  id: string;
  /** The report table this row goes into, e.g. `'varint length, 16 B frames'`. */
  table: string;
  /** Nominal payload bytes per frame (for the report). */
  frameBytes: number;
  /** How the stream is cut, for the report, e.g. `'64 KiB'`, `'random 1..64 KiB'`, `'1 B'`. */
  chunking: string;
  /** Part of `--quick`. */
  quick: boolean;
  /** Free-form labels contenders filter on (e.g. `'varint'`, `'u32'`). */
  tags: readonly string[];
  /**
   * Set for large single-message workloads: every contender is then measured alone in a fresh
   * child process, with its peak RSS growth; `series` groups sizes (x4 apart) for the
   * time-growth verdict.
   */
  isolated?: { series: string; messageBytes: number };
  /** Generates the chunks and the expected result. Deterministic (seeded). */
  make(): Workload;
}

/** One way to decode a workload. */
export interface Contender {
  /** Unique within the suite, e.g. `'FrameStream wasm'`, `'it-length-prefixed'`. */
  name: string;
  role: Role;
  feed: Feed;
  /**
   * Whether the harness checks this contender's tally against the workload's. Floors that do not
   * find frames themselves (e.g. memcpy) set `false`. @defaultValue true
   */
  checked?: boolean;
  /** Whether this contender runs on a workload. @defaultValue every workload */
  supports?(w: WorkloadSpec): boolean;
  /**
   * Decodes the whole stream once; folds every frame into a `new Checksum()` (bench/checksum.ts)
   * and returns its `tally()`. Throwing (or rejecting) shows ERROR; a wrong tally shows WRONG;
   * exceeding the per-run time limit shows TIMEOUT.
   */
  run(chunks: readonly Chunk[], w: Workload): Tally | Promise<Tally>;
}

/** A promise the suite makes, checked from one run and reported as PASS/MISS with its ratio. */
export type Target =
  /** frames/s of `contender` / frames/s of `baseline` on `workload` >= `atLeast`. */
  | { kind: 'ratio'; name: string; workload: string; contender: string; baseline: string; atLeast: number }
  /** peak RSS growth of `contender` on the isolated workload / its message bytes <= `atMost`. */
  | { kind: 'memory'; name: string; workload: string; contender: string; atMost: number }
  /** time growth per x4 message size of `contender` over `series` is linear (not quadratic). */
  | { kind: 'linear'; name: string; series: string; contender: string };

/** A format's bench file: `export default defineSuite({...})` in `bench/suites/<format>.ts`. */
export interface Suite {
  /** The framestream format name, e.g. `'length-prefixed'`. */
  format: string;
  /** Heading of the suite's section in the report. */
  title: string;
  /** Every workload (the harness picks the `quick` ones for `--quick`). */
  workloads(): WorkloadSpec[];
  contenders: Contender[];
  targets?: Target[];
}

/** Identity, for type-checking a suite's default export. */
export function defineSuite(suite: Suite): Suite {
  return suite;
}
