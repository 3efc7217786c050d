import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as validation from '../../runtime/src/validation.js';
import { EXAMPLE, readTree } from './helpers.js';

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
    for (const [file, content] of tree) {
      if (!file.endsWith('.js')) continue;
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
    expect(validation.formats).toBe(require('ajv-formats/dist/formats').fullFormats);
    expect(validation.ucs2length('😀')).toBe(1);
  });
});
