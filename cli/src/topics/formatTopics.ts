import type { AppliedTopic, ApplyTopicsResult } from './applyTopics.js';

const LABEL: Record<AppliedTopic['status'], string> = { created: 'created', missing: 'missing', exists: 'ok', drift: 'drift' };

/** `partitions 3, replication factor 1, retention.ms=604800000`: what the manifest declares (broker defaults left out). */
export function describeSettings(t: Pick<AppliedTopic, 'partitions' | 'replicationFactor' | 'config'>): string {
  const parts: string[] = [];
  parts.push(t.partitions === undefined ? 'partitions: broker default' : `partitions ${t.partitions}`);
  parts.push(t.replicationFactor === undefined ? 'replication factor: broker default' : `replication factor ${t.replicationFactor}`);
  for (const [name, value] of Object.entries(t.config)) parts.push(`${name}=${value}`);
  return parts.join(', ');
}

/** One line per topic (and one per difference), as `ksdk topics apply` prints them. */
export function formatTopic(t: AppliedTopic, dryRun: boolean): string[] {
  const role = t.deadLetter ? ' (dead-letter)' : t.uses.includes('retry') ? ' (retry)' : '';
  const head = `  ${LABEL[t.status].padEnd(8)} ${t.name}${role}`;
  switch (t.status) {
    case 'created':
      return [`${head}: ${describeSettings(t)}`];
    case 'missing':
      return [`${head}: ${dryRun ? 'would be created with' : 'not created;'} ${describeSettings(t)}`];
    case 'exists':
      return [head];
    case 'drift':
      return [head, ...t.drift.map((d) => `           ${d.message}`)];
  }
}

/** The closing line: counts per outcome. */
export function formatSummary(result: ApplyTopicsResult): string {
  const count = (status: AppliedTopic['status']) => result.topics.filter((t) => t.status === status).length;
  const parts = [
    result.dryRun ? `${count('missing')} to create` : `${count('created')} created`,
    `${count('exists')} as declared`,
    `${count('drift')} differ${count('drift') === 1 ? 's' : ''} from the manifest (not changed)`,
  ];
  return `${result.topics.length} topic(s) of ${result.manifest}${result.dryRun ? ' (dry run: nothing was changed)' : ''}: ${parts.join(', ')}`;
}
