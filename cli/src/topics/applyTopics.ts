import type { ClientFactory, EnsureTopicsReport, TopicDrift, TopicOutcome, TopicSpec } from '@ksdk/runtime';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { loadManifest, type LoadProjectOptions } from '../manifest/loadProject.js';
import type { TopicModel, TopicUse } from '../manifest/ProjectModel.js';

export interface ApplyTopicsOptions extends Pick<LoadProjectOptions, 'cwd'> {
  /** The cluster: where the topics are created and compared. */
  factory: ClientFactory;
  /** How errors name the cluster (its bootstrap servers). */
  cluster?: string;
  /** Compare only; create nothing. */
  dryRun?: boolean;
  /** How long the broker gets to create topics and elect leaders, in ms. Default 30000. */
  timeoutMs?: number;
  /** Called once the manifest is read, before the cluster is asked (progress output). */
  onPlan?: (topics: readonly TopicModel[]) => void;
  /** Called for each topic once its outcome is known (progress output). */
  onTopic?: (result: AppliedTopic) => void;
}

/** One topic of the manifest and what became of it on the cluster. */
export interface AppliedTopic {
  name: string;
  status: TopicOutcome['status'];
  uses: TopicUse[];
  deadLetter: boolean;
  /** Declared settings; undefined: the broker's default. */
  partitions: number | undefined;
  replicationFactor: number | undefined;
  config: Record<string, string>;
  drift: TopicDrift[];
}

export interface ApplyTopicsResult {
  manifest: string;
  dryRun: boolean;
  topics: AppliedTopic[];
  /** Created now (a dry run creates nothing). */
  created: string[];
  /** Missing from the cluster: with `dryRun`, what would be created. */
  missing: string[];
  drift: TopicDrift[];
}

/**
 * `ksdk topics apply` as a function: reads the manifest's topics (retry and
 * dead-letter topics included, with `topicDefaults` applied) and hands them to
 * the runtime's `ensureTopics`, which creates the missing ones and reports how
 * existing ones differ, altering nothing. Idempotent: a second run creates
 * nothing. Throws `KsdkCliError`: the manifest's codes for a bad manifest,
 * `KSDK_CLUSTER` (with the runtime's error as `cause`) when the cluster cannot
 * be reached or refuses a topic.
 */
export async function applyTopics(manifestPath: string, options: ApplyTopicsOptions): Promise<ApplyTopicsResult> {
  const { model } = await loadManifest(manifestPath, options.cwd === undefined ? {} : { cwd: options.cwd });
  options.onPlan?.(model.topics);
  const { ensureTopics } = await import('@ksdk/runtime');
  const byName = new Map(model.topics.map((t) => [t.name, t]));
  const applied = (outcome: TopicOutcome): AppliedTopic => {
    const t = byName.get(outcome.topic)!;
    return {
      name: t.name,
      status: outcome.status,
      uses: t.uses,
      deadLetter: t.deadLetter,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      config: t.config,
      drift: outcome.drift,
    };
  };
  let report: EnsureTopicsReport;
  try {
    report = await ensureTopics(options.factory, model.topics.map(toSpec), {
      dryRun: options.dryRun === true,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.onTopic ? { onTopic: (outcome: TopicOutcome) => options.onTopic!(applied(outcome)) } : {}),
    });
  } catch (err) {
    const where = options.cluster === undefined ? '' : ` on ${options.cluster}`;
    throw new KsdkCliError('KSDK_CLUSTER', `could not apply the topics${where}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return {
    manifest: model.manifestDisplay,
    dryRun: report.dryRun,
    topics: report.topics.map(applied),
    created: report.created,
    missing: report.missing,
    drift: report.drift,
  };
}

function toSpec(t: TopicModel): TopicSpec {
  return {
    name: t.name,
    ...(t.partitions === undefined ? {} : { partitions: t.partitions }),
    ...(t.replicationFactor === undefined ? {} : { replicationFactor: t.replicationFactor }),
    ...(Object.keys(t.config).length === 0 ? {} : { config: t.config }),
  };
}
