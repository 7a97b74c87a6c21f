/**
 * NATS protocol vectors beyond the real captures: faults, each with the code, the stream offset
 * and the ops decoded before it (`framesBefore`, as op names). Text is latin-1; `\r\n` explicit.
 */
import type { NatsOptions } from '../../src/index.ts';

export interface NatsBadVector {
  name: string;
  options: Omit<NatsOptions, 'format'>;
  text: string;
  code: string;
  offset: number;
  framesBefore: string[];
}

const long = (n: number) => 'x'.repeat(n);

export const bad: NatsBadVector[] = [
  { name: 'MSG size too small: no CRLF where the payload should end', options: { role: 'client' }, text: 'PING\r\nMSG a 1 3\r\nhello\r\nPONG\r\n', code: 'malformed', offset: 6, framesBefore: ['PING'] },
  { name: 'MSG size too large: swallows the CRLF and the next op', options: { role: 'client' }, text: 'MSG a 1 9\r\nhello\r\nPING\r\n', code: 'malformed', offset: 0, framesBefore: [] },
  { name: 'PUB payload followed by LF only', options: { role: 'server' }, text: 'PUB a 2\r\nok\nPING\r\n', code: 'malformed', offset: 0, framesBefore: [] },
  { name: 'HPUB header size larger than total', options: { role: 'server' }, text: 'PING\r\nHPUB a 20 10\r\n', code: 'bad-length', offset: 6, framesBefore: ['PING'] },
  { name: 'PUB size is not a number', options: { role: 'server' }, text: 'PUB q x\r\n', code: 'bad-length', offset: 0, framesBefore: [] },
  { name: 'MSG with too many fields', options: { role: 'client' }, text: 'MSG a 1 r extra 2\r\nhi\r\n', code: 'malformed', offset: 0, framesBefore: [] },
  { name: 'HMSG with too few fields', options: { role: 'client' }, text: 'HMSG a 4 4\r\n', code: 'malformed', offset: 0, framesBefore: [] },
  { name: 'PUB larger than maxPayload', options: { role: 'server', maxPayload: 1024 }, text: 'PUB a 1025\r\n', code: 'frame-too-large', offset: 0, framesBefore: [] },
  { name: 'unknown op (err-unknown-op)', options: { role: 'server' }, text: 'PING\r\nFROB ok.1 2\r\n', code: 'unknown-operation', offset: 6, framesBefore: ['PING'] },
  { name: 'unknown op detected before its line ends', options: { role: 'server' }, text: 'PING\r\nFROB ok.1', code: 'unknown-operation', offset: 6, framesBefore: ['PING'] },
  { name: 'op name longer than any op, no delimiter yet', options: { role: 'server' }, text: 'CONNECTX', code: 'unknown-operation', offset: 0, framesBefore: [] },
  { name: 'whitespace before the op name', options: { role: 'server' }, text: ' PING\r\n', code: 'unknown-operation', offset: 0, framesBefore: [] },
  { name: 'a server op sent to a server (MSG in role server)', options: { role: 'server' }, text: 'MSG a 1 0\r\n\r\n', code: 'unknown-operation', offset: 0, framesBefore: [] },
  { name: 'a client op sent to a client (PUB in role client)', options: { role: 'client' }, text: 'PUB a 0\r\n\r\n', code: 'unknown-operation', offset: 0, framesBefore: [] },
  { name: 'arguments of 4097 bytes (limit 4096)', options: { role: 'server' }, text: `PING\r\nSUB ${long(4095)} 1\r\n`, code: 'control-line-too-long', offset: 6, framesBefore: ['PING'] },
  { name: 'over-long line fails before its CRLF arrives', options: { role: 'server' }, text: `CONNECT {"a":"${long(5000)}`, code: 'control-line-too-long', offset: 0, framesBefore: [] },
  { name: 'maxControlLine option', options: { role: 'server', maxControlLine: 7 }, text: 'SUB abc 1\r\nSUB abcdef 2\r\n', code: 'control-line-too-long', offset: 11, framesBefore: ['SUB'] },
  { name: 'invalid CONNECT JSON', options: { role: 'server' }, text: 'CONNECT {"verbose":\r\n', code: 'invalid-json', offset: 0, framesBefore: [] },
  { name: 'stream ends inside a control line', options: { role: 'client' }, text: 'PING\r\nPON', code: 'truncated', offset: 6, framesBefore: ['PING'] },
  { name: 'stream ends inside a payload', options: { role: 'client' }, text: 'MSG a 1 5\r\nhel', code: 'truncated', offset: 0, framesBefore: [] },
  { name: 'stream ends before the CRLF after a payload', options: { role: 'client' }, text: 'MSG a 1 5\r\nhello', code: 'truncated', offset: 0, framesBefore: [] },
  { name: 'UNSUB max not a number', options: { role: 'server' }, text: 'UNSUB 1 x\r\n', code: 'malformed', offset: 0, framesBefore: [] },
];

export interface NatsGoodVector {
  name: string;
  options: Omit<NatsOptions, 'format'>;
  text: string;
  ops: Record<string, unknown>[];
}

/** Edge cases the captures do not cover. Ops are compared on the listed fields only. */
export const good: NatsGoodVector[] = [
  // The two diagrams in src/formats/nats.ts.
  { name: 'doc: MSG with a reply subject', options: { role: 'client' }, text: 'MSG orders.new 7 _INBOX.x 5\r\nhello\r\n', ops: [{ op: 'MSG', subject: 'orders.new', sid: '7', replyTo: '_INBOX.x', payload: Uint8Array.from([104, 101, 108, 108, 111]) }] },
  { name: 'doc: HMSG no-responders status', options: { role: 'client' }, text: 'HMSG s 1 16 18\r\nNATS/1.0 503\r\n\r\nhi\r\n', ops: [{ op: 'HMSG', status: 503, headers: {}, payload: Uint8Array.from([104, 105]) }] },
  { name: 'arguments of exactly 4096 bytes are accepted', options: { role: 'server' }, text: `SUB ${long(4094)} 1\r\n`, ops: [{ op: 'SUB', subject: long(4094), sid: '1' }] },
  { name: 'bare LF line endings (the server accepts them)', options: { role: 'server' }, text: 'PING\nPUB a 2\nhi\r\n', ops: [{ op: 'PING' }, { op: 'PUB', subject: 'a', replyTo: null }] },
  { name: 'payload containing CRLF and op text', options: { role: 'client' }, text: 'MSG a 1 13\r\nPING\r\nMSG x\r\n\r\n', ops: [{ op: 'MSG', subject: 'a' }] },
  { name: 'INFO longer than maxControlLine is bounded by maxInfoLine', options: { role: 'client' }, text: `INFO {"x":"${long(6000)}"} \r\n`, ops: [{ op: 'INFO' }] },
  { name: 'mixed-case +ok and -err', options: { role: 'client' }, text: "+ok\r\n-Err 'Stale Connection'\r\n", ops: [{ op: '+OK' }, { op: '-ERR', message: 'Stale Connection' }] },
  { name: 'HMSG with status and inline description, reply', options: { role: 'client' }, text: 'HMSG s 9 r 38 38\r\nNATS/1.0 408 Request Timeout\r\nA: 1\r\n\r\n\r\n', ops: [{ op: 'HMSG', subject: 's', sid: '9', replyTo: 'r', status: 408, description: 'Request Timeout', headers: { A: ['1'] } }] },
  { name: 'UNSUB with and without max', options: { role: 'server' }, text: 'UNSUB 4 2\r\nunsub 5\r\n', ops: [{ op: 'UNSUB', sid: '4', max: 2 }, { op: 'UNSUB', sid: '5', max: null }] },
];
