import { describe, expect, it } from 'vitest';
import {
  dynamoNamespaceComponentSplits, dynamoServiceHash, dynamoServiceNameA, dynamoServiceNameB, findDynamoInstances,
  isValidSubject, parseDynamoSubject, subjectMatches,
} from '../../src/index.ts';
import { fixtureJson } from '../support/nats_fixtures.ts';

const vectors = fixtureJson<{ slug_cases: any[]; subjects: any[]; queries: any[] }>('dynamo-subjects.json');

describe('subjectMatches (NATS wildcard rules)', () => {
  it.each([
    ['demo.orders.*', 'demo.orders.created', true],
    ['demo.orders.*', 'demo.orders.created.x', false],
    ['demo.orders.*', 'demo.orders', false],
    ['demo.>', 'demo.orders.created', true],
    ['demo.>', 'demo.once', true],
    ['demo.>', 'demo', false],
    ['>', 'a', true],
    ['*.gpu.1.*', 'node7.gpu.1.util', true],
    ['*.gpu.1.*', 'node7.gpu.2.util', false],
    ['a.b', 'a.b', true],
    ['a.b', 'a.B', false],
    ['a.*.c', 'a..c', false],
    ['a.>.c', 'a.b.c', false],
    ['a.b*', 'a.b*', true], // '*' inside a token is a literal character
    ['a.b*', 'a.bc', false],
    ['a.*', 'a.*', false], // wildcards are not allowed in a published subject
    ['', 'a', false],
    ['a b', 'a b', false],
  ] as const)('%s vs %s → %s', (p, s, want) => {
    expect(subjectMatches(p, s)).toBe(want);
  });
  it.each([
    ['a.b.c', false, true], ['a..b', false, false], ['.a', false, false], ['a.', false, false], ['a.*', false, false],
    ['a.*', true, true], ['a.>', true, true], ['a.>.b', true, false], ['a\tb', false, false], ['_INBOX.x.*', true, true],
  ] as const)('isValidSubject(%s, wildcards %s) → %s', (s, w, want) => {
    expect(isValidSubject(s, { wildcards: w })).toBe(want);
  });
});

describe('dynamo service names (slug_cases)', () => {
  it.each(vectors.slug_cases.map((c: any) => [`${c.namespace}/${c.component}`, c] as const))('%s', (_n, c: any) => {
    expect(dynamoServiceHash(c.namespace, c.component)).toBe(c.era_A_hash);
    expect(dynamoServiceNameA(c.namespace, c.component)).toBe(c.era_A_service_name);
    expect(dynamoServiceNameB(c.namespace, c.component)).toBe(c.era_B_service_name);
  });
});

describe('parseDynamoSubject (subjects)', () => {
  it.each(vectors.subjects.map((s: any) => [s.subject, s] as const))('%s', (_n, s: any) => {
    const p = parseDynamoSubject(s.subject)!;
    expect({
      service: p.service, endpoint: p.endpoint, instance_hex: p.instanceHex,
      instance_id: p.instanceId === null ? null : String(p.instanceId), service_hash: p.serviceHash,
    }).toEqual(s.parse);
    // Ids above 2^53 - 1 come as bigint, exact; smaller ones as number.
    if (p.instanceId !== null) expect(typeof p.instanceId).toBe(BigInt(s.parse.instance_id) > BigInt(Number.MAX_SAFE_INTEGER) ? 'bigint' : 'number');
    expect(p.namespace === null ? null : { namespace: p.namespace, component: p.component }).toEqual(s.hash_verified_split);
    expect(dynamoNamespaceComponentSplits(s.parse.service)).toEqual(s.namespace_component_splits);
    // Where namespace/component were recovered, they are the ground truth.
    if (p.namespace !== null) expect([p.namespace, p.component, p.endpoint]).toEqual([s.expected.namespace, s.expected.component, s.expected.endpoint]);
  });
  it('is null for a subject with no endpoint part', () => {
    expect(parseDynamoSubject('dynamo_backend')).toBeNull();
    expect(parseDynamoSubject('.x')).toBeNull();
  });
});

describe('findDynamoInstances (queries)', () => {
  const subjects: string[] = vectors.subjects.map((s: any) => s.subject);
  it.each(vectors.queries.map((q: any) => [q.query, q] as const))('%s', (_n, q: any) => {
    expect(findDynamoInstances(q.query, subjects)).toEqual(q.matches);
    // What the broken approaches give, as recorded: a path is never a prefix of a subject...
    expect(subjects.filter((s) => s.startsWith(q.query))).toEqual(q.legacy_path_prefix_matches);
    // ...and dynamo's own prefix filter on service.endpoint (per generation), where defined.
    if (q.dynamo_subject_prefix_filter) {
      const [ns, comp, ep] = q.query.split('/');
      const prefixA = `${dynamoServiceNameA(ns, comp)}.${ep}`;
      const prefixB = `${dynamoServiceNameB(ns, comp)}.${ep}`;
      const genA = subjects.filter((s) => vectors.subjects.find((v: any) => v.subject === s).generated_by.era === 'A');
      const genB = subjects.filter((s) => !genA.includes(s));
      expect({ A: genA.filter((s) => s.startsWith(prefixA)), B: genB.filter((s) => s.startsWith(prefixB)) }).toEqual(q.dynamo_subject_prefix_filter);
    }
  });
  it('accepts the query as an object, instance as bigint', () => {
    expect(findDynamoInstances({ namespace: 'dynamo', component: 'my_component', endpoint: 'my_endpoint', instance: 0x694d988806b92e5bn }, subjects))
      .toEqual(['dynamo_my_component_5e37f4fe.my_endpoint-694d988806b92e5b']);
  });
  it('rejects a malformed query', () => {
    expect(() => findDynamoInstances('dynamo/my_component', subjects)).toThrow(/namespace\/component\/endpoint/);
    expect(() => findDynamoInstances('a/b/c/zz', subjects)).toThrow(/instance must be hex/);
  });
});
