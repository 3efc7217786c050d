// The compile-time contract of `to(topic)` and the other operators: runs `tsc --noEmit`
// on typecheck/to-topic.ts (every `@ts-expect-error` must be needed) and on a copy
// without the directives, where each line marked `to-mismatch` must fail with the
// mismatch message of `to()`.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const source = join(import.meta.dirname, 'typecheck/to-topic.ts');

describe('typed to(topic)', () => {
  it('compiles matching topics and rejects a topic of another message type', async () => {
    // Inside the repository, so the copy resolves `@ksdk/runtime` as the original does.
    mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(root, 'node_modules/.cache/ksdk-typecheck-'));
    try {
      const text = readFileSync(source, 'utf8');
      const lines = text.split('\n');
      // The copy: directives removed, relative imports made absolute.
      const copy = lines
        .map((line) => (line.trim().startsWith('// @ts-expect-error') ? '//' : line))
        .join('\n')
        .replaceAll("'../../../", `'${root}/`)
        .replaceAll("'../../", `'${root}/test/`)
        .replaceAll("'../", `'${root}/test/streams/`);
      writeFileSync(join(dir, 'negative.ts'), copy);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({ extends: join(root, 'tsconfig.base.json'), compilerOptions: { noEmit: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] }, files: [source, join(dir, 'negative.ts')] }),
      );
      const tsc = join(root, 'node_modules/typescript/bin/tsc');
      const output = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json')], { cwd: root }).then(
        (r) => r.stdout,
        (err: { stdout?: string }) => err.stdout ?? String(err),
      );
      // tsc prints "file(line,col): error TSxxxx: message" plus indented continuation lines.
      if (process.env.KSDK_DEBUG_TSC) console.log(output);
      const errors = output.split(/\n(?=\S)/).filter((e) => /error TS\d+/.test(e));
      const inOriginal = errors.filter((e) => !e.includes('negative.ts'));
      expect(inOriginal, 'the file with @ts-expect-error directives compiles cleanly').toEqual([]);

      const expected = lines.flatMap((line, i) => (line.trim().startsWith('// @ts-expect-error') ? [{ line: i + 2, mismatch: line.includes('to-mismatch') }] : []));
      const failing = new Map<number, string>();
      for (const e of errors) {
        const m = /negative\.ts\((\d+),\d+\)/.exec(e);
        if (m) failing.set(Number(m[1]), (failing.get(Number(m[1])) ?? '') + e);
      }
      expect([...failing.keys()].sort((a, b) => a - b)).toEqual(expected.map((x) => x.line));
      for (const { line, mismatch } of expected) {
        if (mismatch) expect(failing.get(line), `line ${line}`).toContain('ksdk: this stream produces values the topic does not accept');
      }
      expect(expected.filter((x) => x.mismatch).length).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
