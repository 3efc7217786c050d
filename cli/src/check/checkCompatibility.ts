import { DEFAULT_LIMITS, type Limits } from '../context/limits.js';
import { singleDocument, type SchemaResolver } from '../schema/DocumentSet.js';
import { graphOfDocuments } from '../schema/graphOfDocuments.js';
import { CompareContext } from './CompareContext.js';
import { baseModeOf, isTransitive, type BaseMode, type CompatibilityMode, type Direction } from './CompatibilityMode.js';
import type { JsonSchema } from '../schema/JsonSchema.js';
import { mergeFindings, type SchemaFinding } from './SchemaFinding.js';
import { SchemaNormalizer } from './SchemaNormalizer.js';
import { compareSchemas } from './compareSchemas.js';
import { ruleInfo } from './rules/ruleCatalog.js';

export type Verdict = 'compatible' | 'incompatible';

/** Which readers a change breaks. */
export type Breaks = 'none' | 'backward' | 'forward' | 'both';

/** A change with its verdict for every mode and for the mode checked. */
export interface CompatibilityFinding extends SchemaFinding {
  /** Verdicts for BACKWARD, FORWARD and FULL, whatever mode was asked for. */
  readonly verdicts: Readonly<Record<BaseMode, Verdict>>;
  /** The verdict for the mode checked (`compatible` for NONE). */
  readonly verdict: Verdict;
  readonly breaks: Breaks;
  /** A compatible way to make the change. */
  readonly hint: string;
  /** For transitive modes: the earlier version this finding is against. */
  readonly against?: string;
}

export interface CompatibilityResult {
  readonly mode: CompatibilityMode;
  readonly compatible: boolean;
  readonly findings: readonly CompatibilityFinding[];
}

export interface CheckOptions {
  /** See `CompareOptions.lenient`. Default false. */
  readonly lenient?: boolean;
  /** Resolves the previous schema's `$ref`s to other documents; default: only local references. */
  readonly previousResolver?: SchemaResolver;
  /** Resolves the next schema's `$ref`s to other documents. */
  readonly nextResolver?: SchemaResolver;
  /** The URI (project-relative path) of the previous schema document, for relative `$ref`s. Default `previous.schema.json`. */
  readonly previousUri?: string;
  /** The URI of the next schema document. Default `next.schema.json`. */
  readonly nextUri?: string;
  /** Overrides of the input limits (nesting depth, number of documents and schemas); default `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits>;
}

/** Options of `checkHistory` and `diffSchemas`. */
export interface HistoryOptions {
  /** See `CompareOptions.lenient`. Default false. */
  readonly lenient?: boolean;
  /** Overrides of the input limits; default `DEFAULT_LIMITS`. */
  readonly limits?: Partial<Limits>;
}

/** One version of a schema: a document URI and a resolver that can load it and what it references. */
export interface SchemaVersion {
  readonly uri: string;
  readonly resolver: SchemaResolver;
  /** How reports name this version (`v3`, a commit, ...). */
  readonly label?: string;
}

/**
 * Checks whether `next` may replace `previous` under `mode`, with Confluent Schema
 * Registry's JSON Schema rules: BACKWARD — consumers on `next` read data written
 * with `previous`; FORWARD — consumers on `previous` read data written with `next`;
 * FULL — both. With one previous version the transitive modes equal their base
 * mode; use `checkHistory` to check against several. Pure: no I/O, never throws
 * for an incompatible change; throws `KsdkCliError` for a schema ksdk refuses
 * to read (a `$ref` it cannot resolve, a `$ref` cycle, input over a limit),
 * as `ksdk generate` does.
 */
export function checkCompatibility(
  previous: JsonSchema,
  next: JsonSchema,
  mode: CompatibilityMode = 'BACKWARD',
  options: CheckOptions = {},
): CompatibilityResult {
  const previousUri = options.previousUri ?? 'previous.schema.json';
  const nextUri = options.nextUri ?? 'next.schema.json';
  return checkHistory(
    [{ uri: previousUri, resolver: withRoot(options.previousResolver, previousUri, previous) }],
    { uri: nextUri, resolver: withRoot(options.nextResolver, nextUri, next) },
    mode,
    { lenient: options.lenient ?? false, ...(options.limits === undefined ? {} : { limits: options.limits }) },
  );
}

function withRoot(resolver: SchemaResolver | undefined, uri: string, schema: JsonSchema): SchemaResolver {
  const own = singleDocument(uri, schema);
  if (resolver === undefined) return own;
  return { load: (u) => (u === uri ? schema : resolver.load(u)) };
}

/**
 * Checks `next` against earlier versions (oldest first). Transitive modes check
 * every one of them, the others only the latest, as the registry does.
 */
export function checkHistory(
  history: readonly SchemaVersion[],
  next: SchemaVersion,
  mode: CompatibilityMode,
  options: HistoryOptions = {},
): CompatibilityResult {
  const against = isTransitive(mode) ? history : history.slice(-1);
  const findings: CompatibilityFinding[] = [];
  for (const version of against) {
    const raw = diffSchemas(version, next, options);
    const label = against.length > 1 || isTransitive(mode) ? version.label ?? version.uri : undefined;
    findings.push(...raw.map((f) => withVerdicts(f, mode, label)));
  }
  const compatible = findings.every((f) => f.verdict === 'compatible');
  return { mode, compatible, findings };
}

/** Every change between two versions, with per-direction verdicts (no mode applied). */
export function diffSchemas(previous: SchemaVersion, next: SchemaVersion, options: HistoryOptions = {}): SchemaFinding[] {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const ctx = new CompareContext({ lenient: options.lenient ?? false }, compareSchemas);
  const before = new SchemaNormalizer(graphOfDocuments(previous.resolver, previous.uri, limits)).root();
  const after = new SchemaNormalizer(graphOfDocuments(next.resolver, next.uri, limits)).root();
  return mergeFindings(compareSchemas(before, after, '', ctx));
}

function ok(finding: SchemaFinding, direction: Direction): boolean {
  return (direction === 'backward' ? finding.backward : finding.forward)?.compatible !== false;
}

function withVerdicts(finding: SchemaFinding, mode: CompatibilityMode, against: string | undefined): CompatibilityFinding {
  const backward = ok(finding, 'backward');
  const forward = ok(finding, 'forward');
  const verdicts: Record<BaseMode, Verdict> = {
    BACKWARD: backward ? 'compatible' : 'incompatible',
    FORWARD: forward ? 'compatible' : 'incompatible',
    FULL: backward && forward ? 'compatible' : 'incompatible',
  };
  const base = baseModeOf(mode);
  return {
    ...finding,
    verdicts,
    verdict: base === 'NONE' ? 'compatible' : verdicts[base],
    breaks: backward && forward ? 'none' : backward ? 'forward' : forward ? 'backward' : 'both',
    hint: ruleInfo(finding.rule).hint,
    ...(against === undefined ? {} : { against }),
  };
}
