// split2 and ndjson ship no types; the parts bench/suites/lines.ts uses.
declare module 'split2' {
  import type { Transform } from 'node:stream';
  function split2(mapper?: (line: string) => unknown, options?: { maxLength?: number }): Transform;
  export default split2;
}
declare module 'ndjson' {
  import type { Transform } from 'node:stream';
  const ndjson: { parse(opts?: { strict?: boolean }): Transform; stringify(): Transform };
  export default ndjson;
}
