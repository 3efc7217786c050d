import { describe, expect, it } from 'vitest';
import { readTree } from './helpers.js';
import { generateCase, schemaCases } from './schemaCases.js';
import { loadValidator } from './validatorShim.js';

describe('schema edge cases', () => {
  it.each(schemaCases)('%s', async (name, c) => {
    const out = await generateCase(c);
    const tree = await readTree(out);
    const typeFiles = [...tree.keys()].filter((f) => f.startsWith('messages/') || f === 'definitions.ts');
    const snapshot = typeFiles.map((f) => `//// ${f}\n${tree.get(f)}`).join('\n');
    await expect(snapshot).toMatchFileSnapshot(`__snapshots__/schemas/${name}.ts.snap`);

    const first = Object.keys(c.messages)[0] as string;
    const validate = await loadValidator(out, first);
    for (const body of c.valid) expect(validate(body), `valid: ${JSON.stringify(body)}`).toBe(true);
    for (const body of c.invalid) expect(validate(body), `invalid: ${JSON.stringify(body)}`).toBe(false);
  });
});
