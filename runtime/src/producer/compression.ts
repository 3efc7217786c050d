import kafkajs, { CompressionTypes } from 'kafkajs';
import { KsdkError } from '../errors/KsdkError.js';

/** Compression by name, as the manifest writes it, or as kafkajs's enum. */
export type CompressionName = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
export type Compression = CompressionName | CompressionTypes;

/** What kafkajs calls for a codec: a factory of `{ compress, decompress }`. */
export type CompressionCodecFactory = () => {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
};

const TYPES: Readonly<Record<CompressionName, CompressionTypes>> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

const NAMES: Readonly<Partial<Record<number, CompressionName>>> = Object.fromEntries(
  (Object.entries(TYPES) as Array<[CompressionName, CompressionTypes]>).map(([name, type]) => [type, name]),
);

/** The codec package a user installs for each compression kafkajs does not ship, and how it is registered. */
const CODEC_PACKAGES: Readonly<Record<CompressionName, string | undefined>> = {
  none: undefined,
  gzip: undefined,
  snappy: "npm install kafkajs-snappy, then registerCompressionCodec('snappy', SnappyCodec) with SnappyCodec = the package's default export",
  lz4: "npm install kafkajs-lz4, then registerCompressionCodec('lz4', new LZ4Codec().codec)",
  zstd: "npm install @kafkajs/zstd, then registerCompressionCodec('zstd', ZstdCodec())",
};

/**
 * kafkajs keeps its codecs in a CommonJS object that ESM cannot import by name
 * (`import { CompressionCodecs } from 'kafkajs'` fails in Node), so ksdk reaches
 * it through the default export.
 */
function codecs(): Record<number, CompressionCodecFactory | undefined> {
  return kafkajs.CompressionCodecs as unknown as Record<number, CompressionCodecFactory | undefined>;
}

export function compressionType(compression: Compression | undefined): CompressionTypes {
  if (compression === undefined) return CompressionTypes.None;
  if (typeof compression === 'number') {
    if (NAMES[compression] === undefined) throw new KsdkError('KSDK_CONFIG', `unknown compression type ${compression}`);
    return compression;
  }
  const type = TYPES[compression];
  if (type === undefined) {
    throw new KsdkError('KSDK_CONFIG', `unknown compression "${String(compression)}"; use one of ${Object.keys(TYPES).join(', ')}`);
  }
  return type;
}

/** `compression`'s name, for messages. */
export function compressionName(compression: Compression | undefined): CompressionName {
  return NAMES[compressionType(compression)] ?? 'none';
}

/**
 * Registers a codec with kafkajs (process-wide, as kafkajs has it), e.g.
 * `registerCompressionCodec('snappy', SnappyCodec)` after `npm install kafkajs-snappy`.
 */
export function registerCompressionCodec(compression: Exclude<CompressionName, 'none' | 'gzip'>, codec: CompressionCodecFactory): void {
  codecs()[compressionType(compression)] = codec;
}

/**
 * Throws a `KSDK_CONFIG` error saying which package to install when kafkajs has
 * no working codec for `compression`; kafkajs itself would only fail inside the
 * first send, with an error that names no package to install.
 */
export function assertCodecAvailable(compression: Compression | undefined): void {
  const type = compressionType(compression);
  if (type === CompressionTypes.None) return;
  const factory = codecs()[type];
  let ok = false;
  try {
    const codec = factory?.();
    ok = typeof codec?.compress === 'function';
  } catch {
    ok = false;
  }
  if (!ok) {
    const name = compressionName(type);
    throw new KsdkError('KSDK_CONFIG', `compression "${name}" has no codec registered in kafkajs: ${CODEC_PACKAGES[name] ?? 'register one with registerCompressionCodec'}`);
  }
}
