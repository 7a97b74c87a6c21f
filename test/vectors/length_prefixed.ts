/**
 * Length-prefixed vectors: every worked example of Netty's LengthFieldBasedFrameDecoder javadoc
 * (N1..N7, "HELLO, WORLD") and tokio-util's length_delimited docs (T1..T8, "Hello world"), then
 * edge cases. Bytes are hex. Each diagram in src/formats/length_prefixed.ts is one of these.
 */
import type { LengthPrefixedOptions } from '../../src/index.ts';

const HW = '48454c4c4f2c20574f524c44'; // "HELLO, WORLD" (12 bytes, 0x0C)
const hw = '48656c6c6f20776f726c64'; // "Hello world" (11 bytes, 0x0B)

export type LpOptions = Omit<LengthPrefixedOptions, 'format'>;

export interface GoodVector {
  name: string;
  options: LpOptions;
  bytes: string;
  frames: string[];
  /** False when the bytes are not what the encoder writes (e.g. a non-minimal varint). */
  canonical?: false;
}

export interface BadVector {
  name: string;
  options: LpOptions;
  bytes: string;
  code: string;
  offset: number;
  framesBefore: string[];
}

export const good: GoodVector[] = [
  // Netty javadoc
  { name: 'N1 2-byte length, no strip', options: { lengthFieldLength: 2, initialBytesToStrip: 0 }, bytes: `000c${HW}`, frames: [`000c${HW}`] },
  { name: 'N2 2-byte length, strip header', options: { lengthFieldLength: 2, initialBytesToStrip: 2 }, bytes: `000c${HW}`, frames: [HW] },
  { name: 'N3 length counts the header', options: { lengthFieldLength: 2, lengthAdjustment: -2, initialBytesToStrip: 0 }, bytes: `000e${HW}`, frames: [`000e${HW}`] },
  { name: 'N4 header before the length', options: { lengthFieldOffset: 2, lengthFieldLength: 3, initialBytesToStrip: 0 }, bytes: `cafe00000c${HW}`, frames: [`cafe00000c${HW}`] },
  { name: 'N5 header after the length', options: { lengthFieldLength: 3, lengthAdjustment: 2, initialBytesToStrip: 0 }, bytes: `00000ccafe${HW}`, frames: [`00000ccafe${HW}`] },
  { name: 'N6 headers around the length, strip first two fields', options: { lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: 1, initialBytesToStrip: 3 }, bytes: `ca000cfe${HW}`, frames: [`fe${HW}`] },
  { name: 'N7 length counts the whole frame, strip first two fields', options: { lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: -3, initialBytesToStrip: 3 }, bytes: `ca0010fe${HW}`, frames: [`fe${HW}`] },
  // tokio-util length_delimited docs
  { name: 'T1 defaults: u32 big-endian, header stripped', options: {}, bytes: `0000000b${hw}`, frames: [hw] },
  { name: 'T2 u16 length, num_skip 0', options: { lengthFieldLength: 2, initialBytesToStrip: 0 }, bytes: `000b${hw}`, frames: [`000b${hw}`] },
  { name: 'T3 u16 length counting itself, adjustment -2', options: { lengthFieldLength: 2, lengthAdjustment: -2 }, bytes: `000d${hw}`, frames: [hw] },
  { name: 'T4 length_field_offset 2, 3-byte length, num_skip 0', options: { lengthFieldOffset: 2, lengthFieldLength: 3, initialBytesToStrip: 0 }, bytes: `cafe00000b${hw}`, frames: [`cafe00000b${hw}`] },
  { name: 'T5 3-byte length, header after it, adjustment 2', options: { lengthFieldLength: 3, lengthAdjustment: 2, initialBytesToStrip: 0 }, bytes: `00000bcafe${hw}`, frames: [`00000bcafe${hw}`] },
  { name: 'T6 offset 1, adjustment 1, num_skip 3', options: { lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: 1, initialBytesToStrip: 3 }, bytes: `ca000bfe${hw}`, frames: [`fe${hw}`] },
  { name: 'T7 offset 1, adjustment -3, num_skip 3', options: { lengthFieldOffset: 1, lengthFieldLength: 2, lengthAdjustment: -3, initialBytesToStrip: 3 }, bytes: `ca000ffe${hw}`, frames: [`fe${hw}`] },
  { name: 'T8 little-endian u16 length', options: { lengthFieldLength: 2, byteOrder: 'little' }, bytes: `0b00${hw}`, frames: [hw] },
  // Edge cases
  { name: 'several frames, one empty', options: {}, bytes: '00000001aa0000000000000002bbcc', frames: ['aa', '', 'bbcc'] },
  { name: 'empty stream', options: {}, bytes: '', frames: [] },
  { name: '1-byte length', options: { lengthFieldLength: 1 }, bytes: '02aabb01cc', frames: ['aabb', 'cc'] },
  { name: '3-byte little-endian length', options: { lengthFieldLength: 3, byteOrder: 'little' }, bytes: '020000aabb', frames: ['aabb'] },
  { name: '4-byte little-endian length', options: { lengthFieldLength: 4, byteOrder: 'little' }, bytes: '03000000aabbcc', frames: ['aabbcc'] },
  { name: '8-byte big-endian length', options: { lengthFieldLength: 8 }, bytes: '0000000000000002aabb', frames: ['aabb'] },
  { name: '8-byte little-endian length', options: { lengthFieldLength: 8, byteOrder: 'little' }, bytes: '0200000000000000aabb', frames: ['aabb'] },
  { name: 'varint 1-byte lengths', options: { lengthFieldLength: 'varint' }, bytes: '01aa00027f80', frames: ['aa', '', '7f80'] },
  { name: 'varint 300 (ac 02)', options: { lengthFieldLength: 'varint' }, bytes: 'ac02' + '5a'.repeat(300), frames: ['5a'.repeat(300)] },
  { name: 'varint non-minimal encoding is accepted', options: { lengthFieldLength: 'varint' }, bytes: '8100aa', frames: ['aa'], canonical: false },
  { name: 'varint with header kept', options: { lengthFieldLength: 'varint', initialBytesToStrip: 0 }, bytes: 'ac02' + '5a'.repeat(300), frames: ['ac02' + '5a'.repeat(300)] },
  { name: 'varint after a 1-byte header, header stripped', options: { lengthFieldOffset: 1, lengthFieldLength: 'varint' }, bytes: '0702aabb', frames: ['aabb'] },
  { name: 'strip more than the header (into the payload)', options: { lengthFieldLength: 2, initialBytesToStrip: 4 }, bytes: '0004aabbccdd', frames: ['ccdd'] },
  { name: 'frame exactly maxFrameLength', options: { lengthFieldLength: 2, maxFrameLength: 6 }, bytes: '0004aabbccdd', frames: ['aabbccdd'] },
  { name: 'a frame larger than one 64 KiB window', options: {}, bytes: '00010001' + 'ab'.repeat(65537) + '00000001cd', frames: ['ab'.repeat(65537), 'cd'] },
];

export const bad: BadVector[] = [
  { name: 'frame longer than maxFrameLength (failFast)', options: { lengthFieldLength: 2, maxFrameLength: 10 }, bytes: '0003aabbcc0010' + '00'.repeat(16) + '0001ff', code: 'frame-too-large', offset: 5, framesBefore: ['aabbcc'] },
  { name: 'maxFrameLength counts the header', options: { lengthFieldLength: 2, maxFrameLength: 5 }, bytes: '0004aabbccdd', code: 'frame-too-large', offset: 0, framesBefore: [] },
  { name: 'frame longer than maxFrameLength, failFast off: fails after the frame', options: { lengthFieldLength: 2, maxFrameLength: 10, failFast: false }, bytes: '0003aabbcc0010' + '00'.repeat(16) + '0001ff', code: 'frame-too-large', offset: 5, framesBefore: ['aabbcc'] },
  { name: 'failFast off, stream ends inside the too-long frame', options: { lengthFieldLength: 2, maxFrameLength: 10, failFast: false }, bytes: '0003aabbcc0010' + '00'.repeat(3), code: 'frame-too-large', offset: 5, framesBefore: ['aabbcc'] },
  { name: 'adjusted length smaller than the header', options: { lengthFieldLength: 2, lengthAdjustment: -2 }, bytes: '0003aa0001', code: 'bad-length', offset: 3, framesBefore: ['aa'] },
  { name: 'adjusted length negative', options: { lengthFieldLength: 1, lengthAdjustment: -10 }, bytes: '0bff01', code: 'bad-length', offset: 2, framesBefore: ['ff'] },
  { name: 'initialBytesToStrip beyond the frame', options: { lengthFieldLength: 2, initialBytesToStrip: 5 }, bytes: '0001aa', code: 'strip-exceeds-frame', offset: 0, framesBefore: [] },
  { name: 'varint longer than 10 bytes', options: { lengthFieldLength: 'varint' }, bytes: '01aa' + '80'.repeat(10) + '00', code: 'varint-too-long', offset: 2, framesBefore: ['aa'] },
  { name: 'varint above 2^53 - 1', options: { lengthFieldLength: 'varint' }, bytes: '01aa' + 'ff'.repeat(7) + '10', code: 'varint-too-large', offset: 2, framesBefore: ['aa'] },
  { name: '8-byte length above 2^53 is too large', options: { lengthFieldLength: 8 }, bytes: 'ffffffffffffffff00', code: 'frame-too-large', offset: 0, framesBefore: [] },
  { name: 'stream ends inside a length field', options: {}, bytes: '00000001aa000000', code: 'truncated', offset: 5, framesBefore: ['aa'] },
  { name: 'stream ends inside a payload', options: {}, bytes: '00000001aa00000004bbcc', code: 'truncated', offset: 5, framesBefore: ['aa'] },
  { name: 'stream ends inside a varint', options: { lengthFieldLength: 'varint' }, bytes: '01aa80', code: 'truncated', offset: 2, framesBefore: ['aa'] },
  { name: 'stream ends inside a large payload', options: {}, bytes: '00020000' + 'ab'.repeat(70000), code: 'truncated', offset: 0, framesBefore: [] },
];
