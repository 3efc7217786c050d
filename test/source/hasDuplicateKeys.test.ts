import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { hasDuplicateKeys } from '../../cli/src/source/hasDuplicateKeys.js';
import { SourceDocument } from '../../cli/src/source/SourceDocument.js';
import { KsdkCliError } from '../../cli/src/errors/KsdkCliError.js';

/** What decided before (and still decides where there are duplicates): the YAML parser's unique-keys check. */
function yamlSaysDuplicate(text: string): boolean {
  return parseDocument(text, { uniqueKeys: true }).errors.some((e) => e.code === 'DUPLICATE_KEY');
}

const CASES: Array<[string, string, boolean]> = [
  ['flat, distinct', '{"a": 1, "b": 2}', false],
  ['flat, repeated', '{"a": 1, "b": 2, "a": 3}', true],
  ['same key in sibling objects', '{"x": {"a": 1}, "y": {"a": 2}}', false],
  ['same key in parent and child', '{"a": {"a": {"a": 1}}}', false],
  ['repeated deep inside', '{"x": [{"k": 1}, {"k": 2, "j": {"q": 1, "q": 2}}]}', true],
  ['repeated after a nested object', '{"a": {"b": 1}, "c": 2, "a": 3}', true],
  ['a value equal to a key', '{"a": "a", "b": "a"}', false],
  ['keys in arrays are values', '{"a": ["a", "a", {"a": 1}]}', false],
  ['escaped spelling of the same key', '{"a": 1, "\\u0061": 2}', true],
  ['escaped quote inside keys', '{"a\\"b": 1, "a\\"c": 2}', false],
  ['escaped quote, repeated', '{"a\\"b": 1, "a\\"b": 2}', true],
  ['escaped backslash before the closing quote', '{"a\\\\": 1, "a": 2}', false],
  ['brackets and commas inside strings', '{"a": "{,}[", "b": "\\",{"}', false],
  ['empty key twice', '{"": 1, "": 2}', true],
  ['an array at the top', '[{"a": 1}, {"a": 1}]', false],
  ['a scalar at the top', '"a"', false],
  ['whitespace and new lines', '{\n  "a" : 1 ,\n  "b":\n    {"a": 2},\n  "a"\n: 3\n}', true],
];

describe('hasDuplicateKeys (JSON text)', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(hasDuplicateKeys(text)).toBe(expected);
    expect(yamlSaysDuplicate(text), 'the YAML parser agrees').toBe(expected);
  });

  it('agrees with the YAML parser on random documents', () => {
    // A small deterministic generator (no Math.random): objects whose keys come from a tiny alphabet collide often.
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return (seed >>> 16) % n;
    };
    const keys = ['a', 'b', '\\u0061', 'a\\"', '{', ',', ''];
    const value = (depth: number): string => {
      const kind = depth === 0 ? 0 : depth > 3 ? 2 : next(4);
      if (kind === 0) return `{${Array.from({ length: next(5) }, () => `"${keys[next(keys.length)]}": ${value(depth + 1)}`).join(', ')}}`;
      if (kind === 1) return `[${Array.from({ length: next(3) }, () => value(depth + 1)).join(', ')}]`;
      return next(2) === 0 ? `"${keys[next(keys.length)]}"` : String(next(100));
    };
    let duplicates = 0;
    for (let i = 0; i < 500; i++) {
      const text = value(0);
      const expected = yamlSaysDuplicate(text);
      expect(hasDuplicateKeys(text), text).toBe(expected);
      if (expected) duplicates++;
    }
    expect(duplicates).toBeGreaterThan(20);
  });
});

describe('SourceDocument, JSON', () => {
  it('reports a duplicated key with its line and pointer', () => {
    const text = '{\n  "type": "object",\n  "properties": {\n    "a": {},\n    "a": {}\n  }\n}\n';
    const error = (() => {
      try {
        SourceDocument.parse('s.json', text, { json: true, syntaxCode: 'KSDK_SCHEMA_SYNTAX' });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(KsdkCliError);
    expect((error as KsdkCliError).issues).toEqual([{ file: 's.json', line: 5, column: 5, pointer: '/properties/a', message: 'duplicate key "a"' }]);
  });

  it('locates a pointer when asked, in a file parsed without positions', () => {
    const doc = SourceDocument.parse('s.json', '{\n  "a": {\n    "b": [1, {"c": 2}]\n  }\n}\n', { json: true, syntaxCode: 'KSDK_SCHEMA_SYNTAX' });
    expect(doc.value).toEqual({ a: { b: [1, { c: 2 }] } });
    expect(doc.locate('/a/b/1/c')).toEqual({ line: 3, column: 20 });
    expect(doc.locate('/a/b/1/c', { key: true })).toEqual({ line: 3, column: 15 });
    expect(doc.issue('/a/missing', 'm')).toEqual({ file: 's.json', line: 2, column: 8, pointer: '/a/missing', message: 'm' });
  });
});
