/**
 * NATS subjects: wildcard matching and validation (docs.nats.io "Subject-Based Messaging"), and
 * ai-dynamo's endpoint-instance subjects, in both naming generations
 * (test/fixtures/nats/README.md#dynamo has the sources):
 *
 *   <service_name>.<endpoint>-<lease id, lower-case hex, no padding>     (dynamic endpoint)
 *   <service_name>.<endpoint>                                           (static endpoint)
 *
 *   A (early 2025):  service_name = slug(lower("ns|comp")) + "_" + last 8 hex of blake3("ns|comp")
 *                    (slug: every char not a-z 0-9 _ becomes _; leading _ stripped)
 *                    dynamo|my_component  ->  dynamo_my_component_5e37f4fe
 *   B (later):       service_name = slug(lower("ns_comp")), '-' kept, no hash
 *                    dynamo|my_component  ->  dynamo_my_component
 *
 * Namespace and component cannot always be read back from a service name (both may contain
 * `_`, and A lower-cases and replaces before hashing), so finding instances goes forward:
 * compute the service names a query stands for and compare. A path such as
 * `dynamo/my_component/my_endpoint` can never be a prefix of a subject (subjects hold no `/`),
 * and a prefix test on `service.endpoint` also accepts `generate-…` for endpoint `gen`; the
 * finder matches the endpoint exactly.
 *
 * @module
 */
import { blake3 } from '@noble/hashes/blake3.js';

// ---------------------------------------------------------------------------------------------
// Subjects

/**
 * Whether `subject` is valid: non-empty tokens separated by `.`, no whitespace. With
 * `wildcards: true` (subscriptions) a token may be exactly `*`, and the last token exactly `>`.
 */
export function isValidSubject(subject: string, opts: { wildcards?: boolean } = {}): boolean {
  if (typeof subject !== 'string' || subject.length === 0 || /[\s]/.test(subject)) return false;
  const tokens = subject.split('.');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length === 0) return false;
    if (t === '*' || t === '>') {
      if (!opts.wildcards) return false;
      if (t === '>' && i !== tokens.length - 1) return false;
    }
  }
  return true;
}

/**
 * Whether a message published to `subject` reaches a subscription to `pattern`: `*` matches
 * exactly one token, `>` (last token only) one or more trailing tokens. Invalid patterns or
 * subjects (including a wildcard in `subject`) match nothing.
 */
export function subjectMatches(pattern: string, subject: string): boolean {
  if (!isValidSubject(pattern, { wildcards: true }) || !isValidSubject(subject)) return false;
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const t = p[i]!;
    if (t === '>') return s.length > i;
    if (i >= s.length) return false;
    if (t !== '*' && t !== s[i]) return false;
  }
  return p.length === s.length;
}

// ---------------------------------------------------------------------------------------------
// dynamo service names

const enc = new TextEncoder();

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Lower-cases and maps every code point outside `keep` to `_` (Rust `to_lowercase` + replace). */
function slugChars(s: string, keep: RegExp): string {
  let out = '';
  for (const ch of s.toLowerCase()) out += keep.test(ch) ? ch : '_';
  return out;
}

const A_KEEP = /^[a-z0-9_]$/;
const B_KEEP = /^[a-z0-9_-]$/;

/** The last 8 hex chars of blake3("ns|comp"), as generation A appends them. */
export function dynamoServiceHash(namespace: string, component: string): string {
  return hex(blake3(enc.encode(`${namespace}|${component}`))).slice(-8);
}

/** Generation A service name: `Slug::from_string("ns|comp")`, e.g. `dynamo_my_component_5e37f4fe`. */
export function dynamoServiceNameA(namespace: string, component: string): string {
  const input = `${namespace}|${component}`;
  return `${slugChars(input, A_KEEP)}_${dynamoServiceHash(namespace, component)}`.replace(/^_+/, '');
}

/** Generation B service name: `Slug::slugify("ns_comp")`, e.g. `dynamo_my_component`, `dynamo-prod_vllmworker`. */
export function dynamoServiceNameB(namespace: string, component: string): string {
  return slugChars(`${namespace}_${component}`, B_KEEP).replace(/^_+/, '');
}

// ---------------------------------------------------------------------------------------------
// dynamo subjects

export interface DynamoSubject {
  /** Text before the first `.`. */
  service: string;
  /** The endpoint name (kept as is: dynamo does not slug it, so it may hold `-`, `_`, upper case). */
  endpoint: string;
  /** The lease id as in the subject (lower-case hex), or null for a static endpoint. */
  instanceHex: string | null;
  /**
   * The lease id (dynamo's worker id): a `number` up to 2^53 - 1, a `bigint` above (etcd lease
   * ids are 64-bit, e.g. 694d988806b92e39 = 7587888657184927289). `String(instanceId)` gives
   * the decimal form dynamo's metrics print (`worker-<id>`). Null for a static endpoint.
   */
  instanceId: number | bigint | null;
  /** Generation A's trailing `_xxxxxxxx` (8 lower-case hex), or null (generation B, or none). */
  serviceHash: string | null;
  /**
   * Namespace and component when they can be proven: generation A, and exactly one split of the
   * service at a `_` reproduces the service name (names that were already slug-clean).
   */
  namespace: string | null;
  component: string | null;
}

function leaseId(hexText: string): number | bigint {
  const v = BigInt('0x' + hexText);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Every (namespace, component) split of the service body (without A's hash) at a `_`. */
export function dynamoNamespaceComponentSplits(service: string): [string, string][] {
  const body = service.replace(/_[0-9a-f]{8}$/, '');
  const out: [string, string][] = [];
  for (let i = body.indexOf('_'); i > 0; i = body.indexOf('_', i + 1)) {
    if (i < body.length - 1) out.push([body.slice(0, i), body.slice(i + 1)]);
  }
  return out;
}

/**
 * Parses a dynamo endpoint-instance subject. The instance is the text after the LAST `-` of the
 * part after the first `.`, when it is lower-case hex (dynamo's own `split('-').last()`);
 * otherwise the endpoint is static. Returns null for a subject without a `.`.
 */
export function parseDynamoSubject(subject: string): DynamoSubject | null {
  const dot = subject.indexOf('.');
  if (dot <= 0 || dot === subject.length - 1) return null;
  const service = subject.slice(0, dot);
  const rest = subject.slice(dot + 1);
  const dash = rest.lastIndexOf('-');
  let endpoint = rest;
  let instanceHex: string | null = null;
  if (dash > 0 && /^[0-9a-f]+$/.test(rest.slice(dash + 1))) {
    endpoint = rest.slice(0, dash);
    instanceHex = rest.slice(dash + 1);
  }
  const hash = /_([0-9a-f]{8})$/.exec(service);
  let namespace: string | null = null;
  let component: string | null = null;
  if (hash) {
    const verified = dynamoNamespaceComponentSplits(service).filter(([ns, comp]) => dynamoServiceNameA(ns, comp) === service);
    if (verified.length === 1) [namespace, component] = verified[0]!;
  }
  return {
    service, endpoint, instanceHex, instanceId: instanceHex === null ? null : leaseId(instanceHex),
    serviceHash: hash ? hash[1]! : null, namespace, component,
  };
}

// ---------------------------------------------------------------------------------------------
// Finding instances

export interface DynamoQuery {
  /** A namespace, or `*`. */
  namespace: string;
  /** A component, or `*`. */
  component: string;
  /** An endpoint name (matched exactly), or `*`. */
  endpoint: string;
  /** A lease id: hex (optional `0x`, any case, leading zeros ignored), a bigint/number, or `*`/undefined for any. */
  instance?: string | number | bigint;
}

/** Parses `namespace/component/endpoint[/instance]`. */
export function parseDynamoQuery(query: string): DynamoQuery {
  const parts = query.split('/');
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => p.length === 0)) {
    throw new RangeError(`dynamo query must be namespace/component/endpoint[/instance], got ${JSON.stringify(query)}`);
  }
  return { namespace: parts[0]!, component: parts[1]!, endpoint: parts[2]!, instance: parts[3] };
}

function instanceValue(i: DynamoQuery['instance']): bigint | null {
  if (i === undefined || i === '*') return null;
  if (typeof i === 'bigint') return i;
  if (typeof i === 'number') return BigInt(i);
  const h = i.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]+$/.test(h)) throw new RangeError(`instance must be hex, got ${JSON.stringify(i)}`);
  return BigInt('0x' + h);
}

/**
 * A predicate for the subjects of a query, per the rules of dynamo-subjects.json: the service
 * is A(ns|comp) or B(ns_comp) (with `*`: any slug of that shape), the endpoint is equal (or
 * `*`), and the instance, when given, is numerically equal.
 */
export function dynamoSubjectMatcher(query: string | DynamoQuery): (subject: string) => boolean {
  const q = typeof query === 'string' ? parseDynamoQuery(query) : query;
  const instance = instanceValue(q.instance);
  const wild = q.namespace === '*' || q.component === '*';
  let service: (s: string) => boolean;
  if (!wild) {
    const a = dynamoServiceNameA(q.namespace, q.component);
    const b = dynamoServiceNameB(q.namespace, q.component);
    service = (s) => s === a || s === b;
  } else {
    const part = (v: string, keep: RegExp, any: string) => (v === '*' ? any : slugChars(v, keep));
    const a = `${part(q.namespace, A_KEEP, '[a-z0-9_]+')}_${part(q.component, A_KEEP, '[a-z0-9_]+')}`.replace(/^_+/, '');
    const b = `${part(q.namespace, B_KEEP, '[a-z0-9_-]+')}_${part(q.component, B_KEEP, '[a-z0-9_-]+')}`.replace(/^_+/, '');
    const re = new RegExp(`^(?:${a}_[0-9a-f]{8}|${b})$`);
    service = (s) => re.test(s);
  }
  return (subject) => {
    const p = parseDynamoSubject(subject);
    if (!p) return false;
    if (q.endpoint !== '*' && p.endpoint !== q.endpoint) return false;
    if (instance !== null && (p.instanceHex === null || BigInt('0x' + p.instanceHex) !== instance)) return false;
    return service(p.service);
  };
}

/** The subjects (in input order) that are instances of the query's endpoint. */
export function findDynamoInstances(query: string | DynamoQuery, subjects: Iterable<string>): string[] {
  const m = dynamoSubjectMatcher(query);
  const out: string[] = [];
  for (const s of subjects) if (m(s)) out.push(s);
  return out;
}
