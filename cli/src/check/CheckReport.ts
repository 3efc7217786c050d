import type { Baseline, BaselineKind } from './baseline/resolveBaseline.js';
import type { CompatibilityFinding, Verdict } from './checkCompatibility.js';
import type { CompatibilityMode } from './CompatibilityMode.js';
import type { ManifestRuleId } from './rules/RuleId.js';

export type SchemaReportFinding = CompatibilityFinding & { readonly kind: 'schema' };

export interface ManifestReportFinding {
  readonly kind: 'manifest';
  /** JSON pointer into the manifest. */
  readonly pointer: string;
  readonly rule: ManifestRuleId;
  readonly message: string;
  readonly verdict: Verdict;
  readonly hint: string;
}

export type ReportFinding = SchemaReportFinding | ManifestReportFinding;

export type MessageStatus = 'unchanged' | 'changed' | 'added' | 'removed';

export interface MessageReport {
  readonly name: string;
  readonly status: MessageStatus;
  /** Schema path in the working tree (or in the baseline for a removed message). */
  readonly schemaFile: string;
  readonly mode: CompatibilityMode;
  readonly lenient: boolean;
  readonly compatible: boolean;
  /** Earlier versions checked (labels): one for non-transitive modes. */
  readonly checkedAgainst: readonly string[];
  readonly findings: readonly ReportFinding[];
}

/** What `ksdk check` returns (and prints with `--json`). */
export interface CheckReport {
  readonly compatible: boolean;
  readonly baseline: { readonly kind: BaselineKind; readonly ref: string; readonly description: string };
  /** The project's default mode (after `--mode`). */
  readonly mode: CompatibilityMode;
  readonly lenient: boolean;
  /** Sorted by name. */
  readonly messages: readonly MessageReport[];
  readonly summary: {
    readonly messages: number;
    readonly incompatibleMessages: number;
    readonly findings: number;
    readonly incompatibleFindings: number;
  };
  readonly warnings: readonly string[];
}

export function baselineInfo(baseline: Baseline): CheckReport['baseline'] {
  return { kind: baseline.kind, ref: baseline.ref, description: baseline.description };
}
