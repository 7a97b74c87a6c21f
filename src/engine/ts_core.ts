import type { Core } from './core.ts';
import { ScanOutput, type Scanner } from './scanner.ts';

/** The pure-TS core: a growable Uint8Array and a TS scanner. */
export class TsCore implements Core {
  readonly kind = 'js' as const;
  buf = new Uint8Array(64 * 1024);
  private readonly out = new ScanOutput();
  readonly table = this.out.table;

  constructor(private readonly scanner: Scanner) {}

  reserve(bytes: number): void {
    if (bytes <= this.buf.length) return;
    // Geometric growth, like memory.grow in the wasm core.
    const next = new Uint8Array(Math.max(bytes, this.buf.length * 1.5) | 0);
    next.set(this.buf);
    this.buf = next;
  }

  compact(from: number, len: number): void {
    this.buf.copyWithin(0, from, from + len);
  }

  scan(pos: number, end: number): number {
    this.out.count = 0;
    return this.scanner.scan(this.buf, pos, end, this.out);
  }

  finish(pos: number, end: number): number {
    this.out.count = 0;
    return this.scanner.finish(this.buf, pos, end, this.out);
  }

  count(): number { return this.out.count; }
  consumed(): number { return this.out.consumed; }
  errorCode(): number { return this.out.errCode; }
  errorPos(): number { return this.out.errPos; }
  errorDetail(): number { return this.out.errDetail; }
}
