import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../cli/src/index.js';
import * as validation from '@ksdk/runtime/validation';
import { EXAMPLE, manifestFor, project, readTree } from './helpers.js';
import { loadValidator } from './validatorShim.js';

const require = createRequire(import.meta.url);

/**
 * Generated validators import ajv's helpers from `@ksdk/runtime/validation`
 * only (an application depends on the runtime alone); the runtime provides
 * exactly those, and they are ajv's own.
 */
describe('@ksdk/runtime/validation', () => {
  it('provides every helper the generated validators import, and they are ajv\'s', async () => {
    const tree = await readTree(path.join(EXAMPLE, 'src/generated'));
    const imported = new Set<string>();
    const ajvModules = [...tree.keys()].filter((f) => /^validators\/draft-[\d-]+\.ts$/.test(f));
    expect(ajvModules).toEqual(['validators/draft-07.ts', 'validators/draft-2020-12.ts']);
    for (const [file, content] of tree) {
      if (!ajvModules.includes(file)) continue;
      const specifiers = [...content.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(specifiers, file).toEqual(['@ksdk/runtime/validation']);
      expect(content, file).not.toMatch(/\brequire\(/);
      for (const m of content.matchAll(/^import \{ ([^}]+) \} from '@ksdk\/runtime\/validation';$/gm)) {
        for (const name of (m[1] as string).split(',')) imported.add(name.trim());
      }
    }
    expect([...imported].sort()).toEqual(expect.arrayContaining(['formats', 'ucs2length']));
    for (const name of imported) expect(validation, name).toHaveProperty(name);

    expect(validation.equal).toBe(require('ajv/dist/runtime/equal').default);
    expect(validation.ucs2length).toBe(require('ajv/dist/runtime/ucs2length').default);
    expect(validation.uri).toBe(require('ajv/dist/runtime/uri').default);
    // ajv-formats' full set, except `date-time`: the runtime's faster check, held to ajv-formats' answers by test/runtime/dateTime.unit.test.ts.
    const fullFormats = require('ajv-formats/dist/formats').fullFormats as Record<string, { validate?: (text: string) => boolean; compare?: unknown }>;
    const formats = validation.formats as typeof fullFormats;
    expect(Object.keys(formats).sort()).toEqual(Object.keys(fullFormats).sort());
    for (const [name, format] of Object.entries(fullFormats)) if (name !== 'date-time') expect(formats[name], name).toBe(format);
    expect(formats['date-time']?.compare).toBe(fullFormats['date-time']?.compare);
    for (const text of ['2024-02-29T23:59:59Z', '2024-02-30T00:00:00Z', '2024-01-02 03:04:05+01:00', 'yesterday']) {
      expect(formats['date-time']?.validate?.(text), text).toBe(fullFormats['date-time']?.validate?.(text));
    }
    expect(validation.ucs2length('😀')).toBe(1);
  });
});

/**
 * One ajv standalone module per draft: a definition several messages (and several
 * properties) `$ref` is compiled into one function they all call, not copied into each.
 */
describe('generated validators share definitions', () => {
  it('compiles a definition two messages reference twice each into one function, and both validators use it', async () => {
    const shared = { type: 'object', required: ['sharedMarker'], properties: { sharedMarker: { type: 'string', minLength: 2 } }, additionalProperties: false };
    const message = (extra: object) => ({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['first'],
      properties: { first: { $ref: 'common.json#/definitions/Shared' }, second: { $ref: 'common.json#/definitions/Shared' }, ...extra },
    });
    const dir = await project({
      'package.json': { type: 'module' },
      'ksdk.yaml': manifestFor({ Alpha: { schema: 'schemas/alpha.json' }, Beta: { schema: 'schemas/beta.json' } }),
      'schemas/common.json': { $schema: 'http://json-schema.org/draft-07/schema#', definitions: { Shared: shared } },
      'schemas/alpha.json': message({ alpha: { type: 'integer' } }),
      'schemas/beta.json': message({ beta: { type: 'boolean' } }),
    });
    await generate('ksdk.yaml', { cwd: dir });
    const out = path.join(dir, 'src/generated');
    const tree = await readTree(out);
    expect([...tree.keys()].filter((f) => f.startsWith('validators/'))).toEqual(['validators/draft-07.ts', 'validators/index.ts']);
    const code = tree.get('validators/draft-07.ts') as string;
    expect(code.match(/missingProperty: "sharedMarker"/g)).toHaveLength(1);
    expect(code.match(/^function validate\d+\(/gm)).toHaveLength(3);

    for (const name of ['Alpha', 'Beta']) {
      const validate = await loadValidator(out, name);
      expect(validate({ first: { sharedMarker: 'ok' }, second: { sharedMarker: 'fine' } }), name).toBe(true);
      expect(validate({ first: { sharedMarker: 'ok' }, second: { sharedMarker: 'x' } }), name).toBe(false);
      expect(validate({ first: { other: 'ok' } }), name).toBe(false);
    }
  });
});
