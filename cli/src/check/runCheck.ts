import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../context/limits.js';
import { singleDocument } from '../schema/DocumentSet.js';
import type { Baseline, BaselineKind } from './baseline/resolveBaseline.js';
import { resolveBaseline } from './baseline/resolveBaseline.js';
import { baselineSchemaError } from './baseline/baselineSchemaError.js';
import { loadSnapshot } from './baseline/loadSnapshot.js';
import type { MessageSnapshot, ProjectSnapshot } from './baseline/ProjectSnapshot.js';
import { baselineInfo, type CheckReport, type MessageReport, type ReportFinding } from './CheckReport.js';
import { checkHistory, type SchemaVersion } from './checkCompatibility.js';
import { DEFAULT_MODE, isTransitive, type CompatibilityMode } from './CompatibilityMode.js';
import { compareManifests, type ManifestFinding } from './manifest/compareManifests.js';
import { ruleInfo } from './rules/ruleCatalog.js';

export interface RunCheckOptions {
  /** Project directory (where the manifest is). Default `process.cwd()`. */
  readonly cwd?: string;
  /** Manifest path relative to `cwd`. Default `ksdk.yaml`. */
  readonly manifest?: string;
  /** A git ref, a folder (another checkout) or a lock file. Default: `ksdk.lock.json` next to the manifest. */
  readonly baseline?: string;
  /** How to read `baseline`; `auto` (default) looks at what exists. */
  readonly baselineKind?: BaselineKind | 'auto';
  /** Overrides the manifest's default and per-message modes. */
  readonly mode?: CompatibilityMode;
  /** Overrides the manifest's `compatibility.lenient`. */
  readonly lenient?: boolean;
  /** How many commits back a git baseline looks for earlier versions (transitive modes). Default 20. */
  readonly historyDepth?: number;
  /** Overrides of the input limits: the project's and the baseline's files, a lock file, every schema compared. */
  readonly limits?: Partial<Limits>;
}

/**
 * `ksdk check` as a function: loads the working tree and the baseline, compares
 * every message schema and the manifest, and returns a typed report. Never exits
 * the process; usage and input errors are thrown as `KsdkCliError` (the manifest
 * loader's codes, `KSDK_BASELINE_NOT_FOUND`, `KSDK_LOCK_INVALID`, ...).
 */
export async function runCheck(options: RunCheckOptions = {}): Promise<CheckReport> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const manifest = options.manifest ?? 'ksdk.yaml';
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { snapshot: current } = await loadSnapshot(manifest, { cwd, limits });

  const projectMode = options.mode ?? current.compatibility.mode ?? DEFAULT_MODE;
  const projectLenient = options.lenient ?? current.compatibility.lenient ?? false;
  const modeOf = (m: MessageSnapshot | undefined): CompatibilityMode => options.mode ?? m?.compatibility?.mode ?? projectMode;
  const lenientOf = (m: MessageSnapshot | undefined): boolean => options.lenient ?? m?.compatibility?.lenient ?? projectLenient;
  const needsHistory = [...current.messages.values()].some((m) => isTransitive(modeOf(m)));

  const baseline = await resolveBaseline({
    cwd,
    manifest,
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    kind: options.baselineKind ?? 'auto',
    history: needsHistory,
    historyDepth: options.historyDepth ?? 20,
    limits,
  });
  const warnings = [...baseline.warnings];
  if (needsHistory && baseline.kind === 'folder') {
    warnings.push('a folder baseline has no history: transitive modes check only the folder version');
  }

  const messages = compareProjects(cwd, baseline, current, modeOf, lenientOf, limits);
  const findings = messages.flatMap((m) => m.findings);
  return {
    compatible: messages.every((m) => m.compatible),
    baseline: baselineInfo(baseline),
    mode: projectMode,
    lenient: projectLenient,
    messages,
    summary: {
      messages: messages.length,
      incompatibleMessages: messages.filter((m) => !m.compatible).length,
      findings: findings.length,
      incompatibleFindings: findings.filter((f) => f.verdict === 'incompatible').length,
    },
    warnings,
  };
}

function compareProjects(
  cwd: string,
  baseline: Baseline,
  current: ProjectSnapshot,
  modeOf: (m: MessageSnapshot | undefined) => CompatibilityMode,
  lenientOf: (m: MessageSnapshot | undefined) => boolean,
  limits: Readonly<Limits>,
): MessageReport[] {
  const previous = baseline.snapshot;
  const manifestFindings = compareManifests(previous, current);
  const names = [...new Set([...previous.messages.keys(), ...current.messages.keys()])].sort();
  return names.map((name) => {
    const before = previous.messages.get(name);
    const after = current.messages.get(name);
    const setting = after ?? before;
    const mode = modeOf(setting);
    const lenient = lenientOf(setting);
    const findings: ReportFinding[] = [];
    let checkedAgainst: string[] = [];

    if (before !== undefined && after !== undefined) {
      const versionOf = (schema: MessageSnapshot['schema'], label: string): SchemaVersion => ({
        uri: `${name}.schema.json`,
        resolver: singleDocument(`${name}.schema.json`, schema),
        label,
      });
      const history = [...before.history.map((h) => versionOf(h.schema, h.label)), versionOf(before.schema, before.label ?? 'baseline')];
      let result: ReturnType<typeof checkHistory>;
      try {
        result = checkHistory(history, versionOf(after.schema, 'working tree'), mode, { lenient, limits });
      } catch (err) {
        throw baselineSchemaError(err, { cwd, baseline, message: before, versions: history, limits });
      }
      checkedAgainst = (isTransitive(mode) ? history : history.slice(-1)).map((v) => v.label ?? v.uri);
      findings.push(...result.findings.map((f) => ({ kind: 'schema' as const, ...f })));
    }
    for (const f of manifestFindings.get(name) ?? []) findings.push(manifestReportFinding(f, mode));

    const status = before === undefined ? 'added' : after === undefined ? 'removed' : findings.length > 0 ? 'changed' : 'unchanged';
    return {
      name,
      status,
      schemaFile: (after ?? before)?.schemaFile ?? '',
      mode,
      lenient,
      compatible: findings.every((f) => f.verdict === 'compatible'),
      checkedAgainst,
      findings,
    };
  });
}

function manifestReportFinding(f: ManifestFinding, mode: CompatibilityMode): ReportFinding {
  return {
    kind: 'manifest',
    pointer: f.pointer,
    rule: f.rule,
    message: f.message,
    verdict: f.breaking && mode !== 'NONE' ? 'incompatible' : 'compatible',
    hint: ruleInfo(f.rule).hint,
  };
}
