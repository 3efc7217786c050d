import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { javaPartition, murmur2, murmur3Hash as murmur3 } from '@ksdk/runtime/wire';
import { toPositive } from '../../runtime/src/partitioning/murmur2.js';
import { byteKeys, textKeys } from './keys.js';

// kafkajs's own murmur2 (behind its DefaultPartitioner), to check its Java-compatibility claim.
const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: string | Buffer) => number;

describe('murmur2', () => {
  // The expectations of Apache Kafka's UtilsTest.testMurmur2 (clients/src/test/.../UtilsTest.java).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('murmur2(%j) is %i as in Kafka UtilsTest', (key, hash) => {
    expect(murmur2(key)).toBe(hash);
  });

  it('masks the sign bit like Utils.toPositive, not Math.abs or >>> 0', () => {
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(5)).toBe(5);
    // A key whose hash is negative goes where Java puts it.
    expect(murmur2('21')).toBeLessThan(0);
    expect(javaPartition('21', 7)).toBe((-973932308 & 0x7fffffff) % 7);
    expect(javaPartition('21', 7)).not.toBe((-973932308 >>> 0) % 7);
  });

  it('hashes strings as their UTF-8 bytes', () => {
    for (const key of textKeys(300)) expect(murmur2(key)).toBe(murmur2(Buffer.from(key, 'utf8')));
  });

  it('agrees with kafkajs DefaultPartitioner murmur2 on 5,000 text and byte keys', () => {
    for (const key of [...textKeys(3000), ...byteKeys(2000)]) expect(murmur2(key)).toBe(kafkajsMurmur2(key));
  });

  it('rejects a partition count that is not a positive integer', () => {
    expect(() => javaPartition('k', 0)).toThrow(RangeError);
    expect(() => javaPartition('k', 1.5)).toThrow(RangeError);
  });
});

describe('murmur3 (x86, 32-bit)', () => {
  // Reference vectors of MurmurHash3_x86_32 (SMHasher) as widely published.
  it.each([
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['hello', 0, 0x248bfa47],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
    ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ])('murmur3(%j, seed %i) = %i', (input, seed, want) => {
    expect(murmur3(input, seed)).toBe(want);
  });
});
