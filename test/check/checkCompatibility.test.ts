import { describe, expect, it } from 'vitest';
import { checkCompatibility, checkHistory, type SchemaVersion } from '../../cli/src/check/checkCompatibility.js';
import type { BaseMode } from '../../cli/src/check/CompatibilityMode.js';
import type { JsonSchema } from '../../cli/src/schema/JsonSchema.js';
import { DocumentSet } from '../../cli/src/schema/DocumentSet.js';
import { allRules, ruleInfo } from '../../cli/src/check/rules/ruleCatalog.js';
import { cases, type Case } from './compatibilityCases.js';

const MODES: BaseMode[] = ['BACKWARD', 'FORWARD', 'FULL'];

function run(c: Case, mode: BaseMode, swap = false) {
  const [previous, next] = swap ? [c.next, c.previous] : [c.previous, c.next];
  const [previousDocs, nextDocs] = swap ? [c.nextDocs, c.previousDocs] : [c.previousDocs, c.nextDocs];
  return checkCompatibility(previous, next, mode, {
    lenient: c.lenient ?? false,
    ...(previousDocs ? { previousResolver: new DocumentSet(previousDocs) } : {}),
    ...(nextDocs ? { nextResolver: new DocumentSet(nextDocs) } : {}),
  });
}

describe('checkCompatibility: the rule table', () => {
  it('has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases)('%s', (_name, c) => {
    const got = Object.fromEntries(MODES.map((mode) => [mode, run(c, mode).compatible]));
    const findings = run(c, 'FULL').findings;
    expect(got, JSON.stringify(findings, null, 2)).toEqual(c.want);
    if (c.rule !== undefined) {
      const match = findings.find((f) => f.rule === c.rule && (c.pointer === undefined || f.pointer === c.pointer));
      expect(match, `expected ${c.rule}${c.pointer === undefined ? '' : ` at ${c.pointer}`} in ${JSON.stringify(findings.map((f) => [f.rule, f.pointer]))}`).toBeDefined();
    }
  });
});

describe('checkCompatibility: FORWARD is BACKWARD with the versions swapped', () => {
  it.each(cases)('%s', (_name, c) => {
    expect(run(c, 'BACKWARD', true).compatible).toBe(c.want.FORWARD);
    expect(run(c, 'FORWARD', true).compatible).toBe(c.want.BACKWARD);
  });
});

describe('checkCompatibility: findings', () => {
  it('carries pointer, rule, per-direction verdicts, per-mode verdicts and a hint', () => {
    const result = checkCompatibility(
      { type: 'object', properties: { total: { type: 'number', maximum: 100 } } },
      { type: 'object', properties: { total: { type: 'number', maximum: 50 } } },
      'BACKWARD',
    );
    expect(result).toEqual({
      mode: 'BACKWARD',
      compatible: false,
      findings: [
        {
          pointer: '/properties/total/maximum',
          rule: 'MAXIMUM_DECREASED',
          message: 'maximum 100 → 50',
          backward: { compatible: false, registryRule: 'MAXIMUM_DECREASED' },
          forward: { compatible: true, registryRule: 'MAXIMUM_INCREASED' },
          verdicts: { BACKWARD: 'incompatible', FORWARD: 'compatible', FULL: 'incompatible' },
          verdict: 'incompatible',
          breaks: 'backward',
          hint: ruleInfo('MAXIMUM_DECREASED').hint,
        },
      ],
    });
  });

  it('NONE reports the changes but never fails', () => {
    const result = checkCompatibility({ type: 'string' }, { type: 'number' }, 'NONE');
    expect(result.compatible).toBe(true);
    expect(result.findings.map((f) => [f.rule, f.verdict, f.breaks])).toEqual([['TYPE_CHANGED', 'compatible', 'both']]);
  });

  it('marks verdicts that --lenient turned compatible', () => {
    const result = checkCompatibility({ properties: { a: { type: 'string' } } }, { properties: { a: { type: 'string' }, b: { type: 'string' } } }, 'BACKWARD', { lenient: true });
    expect(result.findings[0]?.backward).toEqual({ compatible: true, registryRule: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', lenient: true });
  });

  it('throws a KsdkCliError with a stable code for a $ref it cannot resolve', () => {
    expect(() => checkCompatibility({ $ref: 'missing.json' }, { type: 'string' })).toThrowError(
      expect.objectContaining({ code: 'KSDK_REF_UNRESOLVED' }),
    );
  });

  it('every rule has a summary and a hint', () => {
    for (const rule of allRules()) {
      expect(ruleInfo(rule).summary, rule).not.toBe('');
      expect(ruleInfo(rule).hint, rule).not.toBe('');
    }
  });
});

/** Three versions, oldest first. */
function versions(...schemas: JsonSchema[]): SchemaVersion[] {
  return schemas.map((schema, i) => ({ uri: 'm.schema.json', resolver: new DocumentSet({ 'm.schema.json': schema }), label: `v${i + 1}` }));
}

describe('checkHistory: transitive modes over three versions', () => {
  const obj = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', properties });

  it('BACKWARD passes against the latest, BACKWARD_TRANSITIVE fails against the first', () => {
    // lenient: v2 dropped `a`, v3 re-adds it with another type — fine against v2, not against v1.
    const [v1, v2, v3] = versions(obj({ a: { type: 'string' } }), obj({}), obj({ a: { type: 'number' } })) as [SchemaVersion, SchemaVersion, SchemaVersion];
    expect(checkHistory([v1, v2], v3, 'BACKWARD', { lenient: true }).compatible).toBe(true);
    const transitive = checkHistory([v1, v2], v3, 'BACKWARD_TRANSITIVE', { lenient: true });
    expect(transitive.compatible).toBe(false);
    expect(transitive.findings.filter((f) => f.verdict === 'incompatible').map((f) => [f.against, f.rule, f.pointer])).toEqual([
      ['v1', 'TYPE_CHANGED', '/properties/a'],
    ]);
  });

  it('FORWARD and FULL pass step by step, their transitive modes do not', () => {
    const [v1, v2, v3] = versions(obj({ a: { type: 'string' } }), obj({}), obj({ a: { type: 'number' } })) as [SchemaVersion, SchemaVersion, SchemaVersion];
    expect(checkHistory([v1, v2], v3, 'FORWARD', { lenient: true }).compatible).toBe(true);
    expect(checkHistory([v1, v2], v3, 'FORWARD_TRANSITIVE', { lenient: true }).compatible).toBe(false);
    expect(checkHistory([v1, v2], v3, 'FULL', { lenient: true }).compatible).toBe(true);
    expect(checkHistory([v1, v2], v3, 'FULL_TRANSITIVE', { lenient: true }).compatible).toBe(false);
  });

  it('enum growing release after release is BACKWARD_TRANSITIVE, not FORWARD_TRANSITIVE', () => {
    const [v1, v2, v3] = versions({ enum: ['a'] }, { enum: ['a', 'b'] }, { enum: ['a', 'b', 'c'] }) as [SchemaVersion, SchemaVersion, SchemaVersion];
    expect(checkHistory([v1, v2], v3, 'BACKWARD_TRANSITIVE').compatible).toBe(true);
    const forward = checkHistory([v1, v2], v3, 'FORWARD_TRANSITIVE');
    expect(forward.compatible).toBe(false);
    expect(forward.findings.map((f) => f.against)).toEqual(['v1', 'v2']);
  });

  it('a change that breaks only the latest version fails both modes', () => {
    const [v1, v2, v3] = versions({ type: 'string' }, { type: 'string', maxLength: 10 }, { type: 'string', maxLength: 5 }) as [SchemaVersion, SchemaVersion, SchemaVersion];
    expect(checkHistory([v1, v2], v3, 'BACKWARD').compatible).toBe(false);
    expect(checkHistory([v1, v2], v3, 'BACKWARD_TRANSITIVE').compatible).toBe(false);
  });
});

describe('the rule table covers every schema rule', () => {
  it('names each schema rule in at least one case', () => {
    const named = new Set(cases.map(([, c]) => c.rule));
    const manifestRules = ['MESSAGE_REMOVED', 'MESSAGE_ADDED', 'TOPIC_RENAMED', 'CLOUDEVENT_TYPE_CHANGED', 'PARTITION_KEY_STRATEGY_CHANGED'];
    expect(allRules().filter((r) => !named.has(r as Case['rule']) && !manifestRules.includes(r))).toEqual([]);
  });
});

describe('docs/check.md', () => {
  it('lists every rule', async () => {
    const { readFile } = await import('node:fs/promises');
    const doc = await readFile(new URL('../../docs/check.md', import.meta.url), 'utf8');
    expect(allRules().filter((rule) => !doc.includes(`| \`${rule}\` |`))).toEqual([]);
  });
});
