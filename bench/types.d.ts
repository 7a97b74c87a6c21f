// length-prefixed-stream ships no types; the part the bench uses.
declare module 'length-prefixed-stream' {
  import type { Transform } from 'node:stream';
  const lps: { decode(opts?: { limit?: number; allowEmpty?: boolean }): Transform; encode(): Transform };
  export default lps;
}
