import path from 'node:path';
import type { Limits } from '../../context/limits.js';
import { KsdkCliError, type Issue } from '../../errors/KsdkCliError.js';
import { graphOfDocuments } from '../../schema/graphOfDocuments.js';
import { joinPointer } from '../../util/pointer.js';
import { relativePosix } from '../../util/paths.js';
import type { SchemaVersion } from '../checkCompatibility.js';
import { SchemaNormalizer } from '../SchemaNormalizer.js';
import type { MessageSnapshot } from './ProjectSnapshot.js';
import type { Baseline } from './resolveBaseline.js';

export interface BaselineSchemaContext {
  readonly cwd: string;
  readonly baseline: Baseline;
  /** The baseline's message whose versions were compared. */
  readonly message: MessageSnapshot;
  /** Its versions as compared, oldest first: one per `message.history` entry, then `message.schema`. */
  readonly versions: readonly SchemaVersion[];
  readonly limits: Readonly<Limits>;
}

/**
 * `err`, thrown while comparing a message's versions, located in the baseline
 * when a baseline version alone is what ksdk refuses to read (a lock file's
 * schemas are checked only here; a folder's or a commit's were loaded by the
 * manifest loader). A lock file's schema is named by its place in the lock file
 * (`/messages/<name>/schema/...`, `/messages/<name>/history/<i>/schema/...`).
 * Otherwise `err` is returned as it is. Only runs on the error path.
 */
export function baselineSchemaError(err: unknown, ctx: BaselineSchemaContext): unknown {
  if (!(err instanceof KsdkCliError)) return err;
  const { baseline, message, versions } = ctx;
  const culprit = versions.findIndex((version) => {
    try {
      new SchemaNormalizer(graphOfDocuments(version.resolver, version.uri, ctx.limits)).root();
      return false;
    } catch {
      return true;
    }
  });
  if (culprit < 0) return err;
  const version = versions[culprit]!;
  const latest = culprit === versions.length - 1;
  const where =
    baseline.kind === 'lock'
      ? { file: relativePosix(ctx.cwd, path.resolve(ctx.cwd, baseline.ref)), base: joinPointer('/messages', message.name, ...(latest ? [] : ['history', culprit]), 'schema') }
      : { file: message.schemaFile, base: undefined };
  const what = `in baseline ${baseline.description}, ${message.name} ${version.label ?? ''}`.trimEnd();
  const issues = err.issues.map((issue): Issue => {
    if (issue.file !== version.uri) return { ...issue, message: `${what}: ${issue.message}` };
    const { line: _line, column: _column, ...rest } = issue;
    const pointer = where.base === undefined ? issue.pointer : `${where.base}${issue.pointer ?? ''}`;
    const position = pointer === undefined ? undefined : baseline.locate?.(pointer);
    return { ...rest, file: where.file, ...(position ?? {}), ...(pointer === undefined ? {} : { pointer }), message: `${what}: ${issue.message}` };
  });
  const options = { cause: err, suggestions: err.suggestions };
  return issues.length === 0 ? new KsdkCliError(err.code, `${what}: ${err.message}`, options) : new KsdkCliError(err.code, issues, options);
}
