/** The JSON Schema drafts ksdk reads. Without `$schema`, a file is draft-07. */
export type Draft = 'draft-07' | '2019-09' | '2020-12';

export const DEFAULT_DRAFT: Draft = 'draft-07';

const DRAFTS: Array<[RegExp, Draft]> = [
  [/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, 'draft-07'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
];

/** The draft a `$schema` value names; `undefined` when absent; `{ unsupported }` for any other value. */
export function draftOf(schema: unknown): Draft | undefined | { unsupported: string } {
  if (typeof schema !== 'object' || schema === null || !('$schema' in schema)) return undefined;
  const uri = (schema as { $schema: unknown }).$schema;
  if (typeof uri !== 'string') return { unsupported: JSON.stringify(uri) };
  for (const [pattern, draft] of DRAFTS) if (pattern.test(uri)) return draft;
  return { unsupported: uri };
}
