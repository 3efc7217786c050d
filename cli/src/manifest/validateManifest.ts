import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { KsdkCliError, type Issue } from '../errors/KsdkCliError.js';
import type { SourceDocument } from '../source/SourceDocument.js';
import { joinPointer } from '../util/pointer.js';
import { closest } from '../util/suggest.js';
import type { ManifestDocument } from './ManifestDocument.js';
import { MANIFEST_SCHEMA_PATH } from './manifestSchemaPath.js';

let compiled: ValidateFunction | undefined;

function manifestValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Checks the manifest against `schemas/ksdk-manifest.schema.json`. Every
 * violation becomes one issue naming the line and the field.
 */
export function validateManifest(doc: SourceDocument): ManifestDocument {
  const validate = manifestValidator();
  if (validate(doc.value)) return doc.value as ManifestDocument;
  const issues = dedupe((validate.errors ?? []).filter(isReportable).map((e) => toIssue(doc, e)));
  issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.pointer ?? '').localeCompare(b.pointer ?? ''));
  throw new KsdkCliError('KSDK_MANIFEST_INVALID', issues, { cause: validate.errors });
}

/** `if`/`then` wrappers repeat what their inner error says. */
function isReportable(error: ErrorObject): boolean {
  return error.keyword !== 'if';
}

function toIssue(doc: SourceDocument, error: ErrorObject): Issue {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return doc.issue(joinPointer(at, field), `unknown field "${field}"${suggestion(field)}`, { key: true });
    }
    case 'required':
      return doc.issue(at, `missing required field "${String(params.missingProperty)}"`);
    case 'enum':
      return doc.issue(at, `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'const':
      return doc.issue(at, `must be ${JSON.stringify(params.allowedValue)}`);
    case 'pattern':
      return doc.issue(at, `${describePattern(String(params.pattern))} (pattern ${String(params.pattern)})`);
    case 'not':
      // Only topic names use `not` (Kafka refuses "." and "..").
      return doc.issue(at, '"." and ".." are not valid Kafka topic names');
    case 'propertyNames':
      return doc.issue(joinPointer(at, String(params.propertyName)), `invalid name "${String(params.propertyName)}"`, { key: true });
    default:
      return doc.issue(at, error.message ?? error.keyword);
  }
}

function describePattern(pattern: string): string {
  if (pattern === '^[A-Z][A-Za-z0-9]*$') return 'must be a PascalCase identifier';
  if (pattern === '^[A-Za-z][A-Za-z0-9]*$') return 'must be a camelCase identifier';
  if (pattern.startsWith('^[A-Za-z0-9._-]')) return 'must be a Kafka topic name (1 to 249 letters, digits, ".", "_", "-")';
  if (pattern.startsWith('^[A-Za-z0-9._:-]')) return 'must be a Kafka group id (1 to 255 letters, digits, ".", "_", ":", "-")';
  if (pattern.startsWith('^[A-Za-z0-9][A-Za-z0-9._:/+@~#-]')) return 'must be a CloudEvents type: letters, digits and ". _ : / + @ ~ # -", starting with a letter or digit';
  if (pattern.startsWith('^[A-Za-z0-9\\-._~')) return 'must be a URI reference (RFC 3986 characters, no spaces or quotes)';
  if (pattern.startsWith('^[A-Za-z0-9._@+~-]')) return 'must be a relative module path of letters, digits and ". _ / @ + ~ -"';
  if (pattern === '^[A-Za-z_$][A-Za-z0-9_$]*$') return 'must be an identifier';
  if (pattern.startsWith('^[a-z][a-z0-9]*(')) return 'must be a Kafka topic config name such as "retention.ms"';
  if (pattern.includes('ms|s|m|h|d')) return 'must be a duration such as "500ms", "5s", "1m", "1h"';
  return 'has the wrong format';
}

const KNOWN_FIELDS = [
  'source', 'output', 'cloudEvents', 'typePrefix', 'schemaRoots', 'compatibility', 'messages', 'producers', 'subscriptions', 'schema', 'topic',
  'type', 'subject', 'description', 'partitionKey', 'strategy', 'property', 'duration', 'window', 'module', 'export', 'clientId',
  'acks', 'idempotent', 'compression', 'lingerMs', 'batchSize', 'maxInFlight', 'retries', 'timeout', 'name', 'message', 'groupId',
  'consumers', 'retry', 'deadLetterTopic', 'processingDelay', 'onExhausted', 'concurrency', 'fromBeginning', 'mode', 'maxAttempts',
  'initialBackoff', 'exponential', 'maxBackoff', 'jitter', 'nextTopic', 'lenient', 'enabled', 'version', 'topics', 'topicDefaults',
  'partitions', 'replicationFactor', 'config', 'deadLetter',
];

/** "did you mean" for a misspelt field: the closest known field within two edits. */
function suggestion(field: string): string {
  const best = closest(field, KNOWN_FIELDS);
  return best === undefined ? '' : `; did you mean "${best}"?`;
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
