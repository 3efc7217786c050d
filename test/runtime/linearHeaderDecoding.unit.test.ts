// kafkajs's record headers decoded in linear time (issue 13, item 8): the patch applies to the
// installed kafkajs (the version guard holds), and kafkajs's own record decoder, patched, builds
// the same headers object as unpatched on bytes written by kafkajs's own encoder.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headersObject, linearHeaderDecoding, ORIGINAL_READ_VAR_INT_ARRAY } from '../../runtime/src/kafka/linearHeaderDecoding.js';

const REPO = path.join(import.meta.dirname, '../..');
// kafkajs as the runtime resolves it: the module instances the patch changes.
const require = createRequire(path.join(REPO, 'runtime/src/kafka/linearHeaderDecoding.ts'));
const Encoder = require('kafkajs/src/protocol/encoder');
const Decoder = require('kafkajs/src/protocol/decoder');
const encodeHeader = require('kafkajs/src/protocol/recordBatch/header/v0');
const decodeRecord = require('kafkajs/src/protocol/recordBatch/record/v0/decoder');

type Header = { key: string | null; value: string | Buffer | null };
type Decoded = Record<string, Buffer | null | Array<Buffer | null>>;

/** One record (v2 format, without its length prefix) carrying `headers` in this order. */
function recordBytes(headers: readonly Header[]): Buffer {
  return new Encoder()
    .writeInt8(0)
    .writeVarLong(0)
    .writeVarInt(0)
    .writeVarIntBytes(Buffer.from('key'))
    .writeVarIntBytes(Buffer.from('{}'))
    .writeVarIntArray(headers.map((h) => encodeHeader(h))).buffer;
}

/** The record's headers as kafkajs's record decoder returns them, patched or as kafkajs wrote it. */
function decodedHeaders(bytes: Buffer, original: boolean): Decoded {
  const decoder = new Decoder(bytes);
  if (original) decoder.readVarIntArray = Decoder.prototype.readVarIntArray[ORIGINAL_READ_VAR_INT_ARRAY];
  return decodeRecord(decoder, { firstOffset: '0', firstTimestamp: '0' }).headers as Decoded;
}

/** Deep equality that also holds key order, prototypes, Buffer vs array and null. */
function expectSame(patched: Decoded, original: Decoded): void {
  expect(Object.getPrototypeOf(patched)).toBe(Object.getPrototypeOf(original));
  expect(Reflect.ownKeys(patched)).toEqual(Reflect.ownKeys(original));
  for (const name of Object.keys(original)) {
    const [p, o] = [patched[name], original[name]];
    expect(Array.isArray(p), name).toBe(Array.isArray(o));
    const [ps, os] = [Array.isArray(p) ? p : [p], Array.isArray(o) ? o : [o]];
    expect(ps.map((v) => (v === null ? null : Buffer.isBuffer(v) ? v.toString('hex') : 'not a Buffer')), name).toEqual(
      os.map((v) => (v === null || v === undefined ? null : v.toString('hex'))),
    );
  }
}

const h = (key: string | null, value: string | Buffer | null): Header => ({ key, value });

const CASES: Record<string, Header[]> = {
  'no headers': [],
  'one header': [h('content-type', 'application/json')],
  'distinct keys': [h('a', '1'), h('b', '2'), h('c', '3')],
  'a repeated key, interleaved': [h('a', '1'), h('b', 'x'), h('a', '2'), h('c', 'y'), h('a', '3'), h('b', 'z')],
  'a key repeated twice, then once more': [h('k', 'first'), h('k', 'second'), h('k', 'third')],
  'empty key and empty value': [h('', ''), h('empty', ''), h('', 'again')],
  'null values, repeated with null first': [h('n', null), h('n', 'after'), h('m', 'before'), h('m', null)],
  'a null key (read back as "null")': [h(null, 'v'), h('null', 'w')],
  'odd names': [h('1', 'int-like'), h('0', 'zero'), h('é', 'accent'), h('日本', 'cjk'), h('with space', 's'), h('a.b-c_d', 'dots'), h('x'.repeat(1000), 'long')],
  'binary values': [h('bin', Buffer.from([0, 255, 128, 10])), h('bin', Buffer.alloc(0))],
};

describe('linearHeaderDecoding', () => {
  it('applies to the installed kafkajs: the vetted version, whose record decoder has the call it replaces', () => {
    expect(require('kafkajs/package.json').version).toBe('2.2.4');
    expect(readFileSync(require.resolve('kafkajs/src/protocol/recordBatch/record/v0/decoder'), 'utf8')).toContain('readVarIntArray(HeaderDecoder).reduce(');
    expect(linearHeaderDecoding()).toBe('applied');
    const patched = Decoder.prototype.readVarIntArray;
    expect(typeof patched[ORIGINAL_READ_VAR_INT_ARRAY]).toBe('function');
    // Idempotent: a second call wraps nothing again.
    expect(linearHeaderDecoding()).toBe('applied');
    expect(Decoder.prototype.readVarIntArray).toBe(patched);
    expect(patched[ORIGINAL_READ_VAR_INT_ARRAY][ORIGINAL_READ_VAR_INT_ARRAY]).toBeUndefined();
  });

  it.each(Object.entries(CASES))('gives the same headers object as kafkajs: %s', (_, headers) => {
    linearHeaderDecoding();
    const bytes = recordBytes(headers);
    expectSame(decodedHeaders(bytes, false), decodedHeaders(bytes, true));
  });

  it('gives the same headers object as kafkajs on 2,000 headers with repeats', () => {
    const headers = Array.from({ length: 2000 }, (_, i) => h(`h-${(i * 7919) % 1500}`, `v-${i}`));
    const bytes = recordBytes(headers);
    const patched = decodedHeaders(bytes, false);
    expectSame(patched, decodedHeaders(bytes, true));
    expect(Object.keys(patched)).toHaveLength(1500);
  });

  it('makes headers named like inherited properties plain own values (kafkajs pairs them with the inherited value)', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
    const bytes = recordBytes([...names.map((n) => h(n, `v-${n}`)), h('constructor', 'again')]);
    const patched = decodedHeaders(bytes, false);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(Object.keys(patched)).toEqual(names);
    for (const n of names.filter((n) => n !== 'constructor')) {
      expect(Object.getOwnPropertyDescriptor(patched, n)?.value.toString()).toBe(`v-${n}`);
    }
    expect((patched['constructor'] as Buffer[]).map(String)).toEqual(['v-constructor', 'again']);
    // What kafkajs itself does, the documented difference:
    const original = decodedHeaders(bytes, true);
    expect((original['toString'] as unknown[])[0]).toBe(Object.prototype.toString);
    expect((Object.getOwnPropertyDescriptor(original, '__proto__')?.value as unknown[])[0]).toBe(Object.prototype);
  });

  it('leaves every other reduce on a header array, and other arrays, standard', () => {
    linearHeaderDecoding();
    const decoder = new Decoder(new Encoder().writeVarIntArray([h('a', '1'), h('a', '2')].map((x) => encodeHeader(x))).buffer);
    const headers = decoder.readVarIntArray(require('kafkajs/src/protocol/recordBatch/header/v0/decoder'));
    expect(headers.reduce((n: number) => n + 1, 0)).toBe(2);
    expect(headers.reduce((keys: string, x: Header) => keys + x.key)).toMatch(/^\[object Object\]a$/);
    const ints = new Decoder(new Encoder().writeVarIntArray([new Encoder().writeVarInt(5)]).buffer).readVarIntArray((d: { readVarInt(): number }) => d.readVarInt());
    expect(Object.hasOwn(ints, 'reduce')).toBe(false);
    expect(ints).toEqual([5]);
  });

  it('builds the object in one pass (headersObject on 20,000 headers, 10,000 keys)', () => {
    const decoded = Array.from({ length: 20_000 }, (_, i) => ({ key: `k-${i % 10_000}`, value: Buffer.from(String(i)) }));
    const headers = headersObject(decoded);
    expect(Object.keys(headers)).toHaveLength(10_000);
    expect((headers['k-42'] as Buffer[]).map(String)).toEqual(['42', '10042']);
  });

  it('is off, kafkajs untouched, with KSDK_KAFKAJS_HEADER_PATCH=off', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { linearHeaderDecoding } from '@ksdk/runtime';
      const require = createRequire(import.meta.resolve('@ksdk/runtime'));
      const Decoder = require('kafkajs/src/protocol/decoder');
      console.log(JSON.stringify([linearHeaderDecoding(), Object.getOwnPropertySymbols(Decoder.prototype.readVarIntArray).length]));
    `;
    const run = (env: Record<string, string>) =>
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env: { ...process.env, ...env }, encoding: 'utf8' }));
    expect(run({ KSDK_KAFKAJS_HEADER_PATCH: 'off' })).toEqual(['disabled', 0]);
    expect(run({ KSDK_KAFKAJS_HEADER_PATCH: '' })).toEqual(['applied', 1]);
  });
});
