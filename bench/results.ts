/**
 * The raw results of a run (written as JSON) and the machine they came from.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Feed, Role, Target } from './suite.ts';
import type { Status } from './worker.ts';

export interface ContenderResult {
  status: Status;
  detail?: string;
  /** Duration of the checked run (full checksum), ms. */
  checkMs?: number;
  /** One sample per round: ms per run (mean over the round's batch). */
  samplesMs: number[];
  /** Runs per sample. */
  batch?: number;
  medianMs?: number;
  framesPerSec?: number;
  mbPerSec?: number;
  /** Isolated workloads: peak RSS (maxRSS) after the first run minus RSS after setup. */
  rssGrowthBytes?: number;
  rssBaselineBytes?: number;
  /** Isolated workloads: how far setup's own peak was above the baseline (growth below it is invisible). */
  rssHiddenBelowBytes?: number;
}

export interface WorkloadResult {
  id: string;
  table: string;
  frameBytes: number;
  chunking: string;
  frames: number;
  bytes: number;
  chunks: number;
  isolated?: { series: string; messageBytes: number };
  results: Record<string, ContenderResult>;
}

export interface SuiteResults {
  format: string;
  title: string;
  contenders: { name: string; role: Role; feed: Feed }[];
  targets: Target[];
  workloads: WorkloadResult[];
}

export interface Machine {
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
}

export interface RunResults {
  date: string;
  quick: boolean;
  machine: Machine;
  settings: Record<string, unknown>;
  wallSeconds: number;
  suites: SuiteResults[];
}

export function machineInfo(): Machine {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1]!.trim();
  } catch {
    // not Linux: keep os.cpus()
  }
  return { nproc: cpus().length, cpu, node: process.version, platform: `${process.platform} ${process.arch}` };
}
