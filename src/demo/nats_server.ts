/// <reference types="node" />
/**
 * Starts a real nats-server (Debian's /usr/sbin/nats-server, or NATS_SERVER_BIN) on 127.0.0.1
 * with a random port, and stops it cleanly (SIGINT, then waits for exit). Node-only: used by
 * the demo and by test/nats/server.node.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NatsServer {
  host: '127.0.0.1';
  port: number;
  /** The server's log file (its -l). */
  log: string;
  /**
   * SIGINT (nats-server's clean shutdown, exit status 0) and waits for the process to exit.
   * Resolves with its exit code and signal (Deno's node:child_process reports code null here).
   */
  stop(): Promise<{ code: number | null; signal: string | null }>;
}

/** Where nats-server is, or null. NATS_SERVER_BIN, when set, is the only place looked at. */
export function findNatsServer(): string | null {
  const explicit = process.env.NATS_SERVER_BIN;
  const candidates = explicit ? [explicit] : ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];
  for (const c of candidates) if (existsSync(c)) return c;
  return null;
}

export async function startNatsServer(extraArgs: string[] = []): Promise<NatsServer> {
  const bin = findNatsServer();
  if (!bin) throw new Error('nats-server is not installed (looked at NATS_SERVER_BIN if set, else /usr/sbin, /usr/bin, /usr/local/bin); on Debian: apt-get install -y nats-server');
  const dir = mkdtempSync(join(tmpdir(), 'framestream-nats-'));
  const log = join(dir, 'nats.log');
  // `-p -1` picks a random free port; the server writes it to <dir>/nats-server_<pid>.ports.
  const child: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', '-1', '--ports_file_dir', dir, '-l', log, ...extraArgs], { stdio: 'ignore' });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let spawnError: Error | null = null;
  child.once('error', (e) => { spawnError = e; });
  const stop = async (): Promise<{ code: number | null; signal: string | null }> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    const result = await exited;
    rmSync(dir, { recursive: true, force: true });
    return result;
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (spawnError) throw spawnError;
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nats-server exited with ${child.exitCode} before it was ready`);
    }
    const file = readdirSync(dir).find((f) => f.endsWith('.ports'));
    if (file) {
      try {
        const ports = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nats: string[] };
        const port = Number(new URL(ports.nats[0]!).port);
        if (port > 0) return { host: '127.0.0.1', port, log, stop };
      } catch {
        // The file may be half-written: poll again.
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('nats-server did not write its ports file within 10 s');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
