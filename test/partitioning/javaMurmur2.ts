// Runs Apache Kafka's own placement code (scripts/java/Murmur2Check.java) on keys, so
// tests compare ksdk with Java itself rather than with numbers copied from somewhere.
//
// The kafka-clients jar: the one the broker runs on (.kafka/<version>/lib, fetched by
// scripts/kafka.sh), else Maven Central via `mvn dependency:copy` into .cache/ (pinned).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** Used only when no broker lib folder exists. */
const PINNED_CLIENTS = '3.9.2';
const PINNED_SLF4J = '1.7.36';

function brokerLib(): string | undefined {
  const port = process.env.KSDK_KAFKA_PORT ?? '9092';
  const versionFile = join(ROOT, '.kafka', 'run', port, 'version');
  const candidates: string[] = [];
  if (existsSync(versionFile)) candidates.push(readFileSync(versionFile, 'utf8').trim());
  const kafkaDir = join(ROOT, '.kafka');
  if (existsSync(kafkaDir)) candidates.push(...readdirSync(kafkaDir).filter((d) => /^\d+\.\d+\.\d+$/.test(d)).sort().reverse());
  for (const version of candidates) {
    const lib = join(kafkaDir, version, 'lib');
    if (existsSync(join(lib, `kafka-clients-${version}.jar`))) return lib;
  }
  return undefined;
}

function mavenLib(): string {
  const lib = join(ROOT, '.cache', 'java-lib', `kafka-clients-${PINNED_CLIENTS}`);
  for (const artifact of [`org.apache.kafka:kafka-clients:${PINNED_CLIENTS}`, `org.slf4j:slf4j-api:${PINNED_SLF4J}`]) {
    const jar = `${artifact.split(':')[1]}-${artifact.split(':')[2]}.jar`;
    if (existsSync(join(lib, jar))) continue;
    execFileSync(
      'mvn',
      ['-q', '-B', `-Dmaven.repo.local=${join(ROOT, '.cache', 'm2')}`, 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${lib}`],
      { stdio: 'inherit', cwd: ROOT },
    );
  }
  return lib;
}

/** The classpath (a `dir/*` wildcard) holding kafka-clients and slf4j-api. */
export function kafkaClientsClasspath(): string {
  return `${brokerLib() ?? mavenLib()}/*`;
}

export interface JavaPlacement {
  /** `Utils.murmur2(bytes)` per key. */
  hashes: number[];
  /** `partitions[i][k]`: Java's partition for key k with `counts[i]` partitions. */
  partitions: number[][];
}

/** Asks Java where each key goes, for each partition count. */
export function javaPlacement(keys: readonly Buffer[], counts: readonly number[]): JavaPlacement {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const run = spawnSync(java, ['-cp', kafkaClientsClasspath(), join(ROOT, 'scripts', 'java', 'Murmur2Check.java'), ...counts.map(String)], {
    input: keys.map((k) => k.toString('hex')).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`Murmur2Check failed (${run.status}): ${run.stderr || run.error?.message}`);
  const rows = run.stdout.trim().split('\n');
  if (rows.length !== keys.length) throw new Error(`Murmur2Check answered ${rows.length} rows for ${keys.length} keys`);
  const hashes: number[] = [];
  const partitions: number[][] = counts.map(() => []);
  for (const row of rows) {
    const [hash, ...parts] = row.split(' ').map(Number);
    hashes.push(hash!);
    parts.forEach((p, i) => partitions[i]!.push(p));
  }
  return { hashes, partitions };
}
