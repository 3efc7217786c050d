// Runs the Kafka Streams side of the differential window test: the Java program in
// scripts/java/kafka-streams-windows (org.apache.kafka:kafka-streams from Maven Central),
// built with Maven into the ignored .cache/ and rebuilt only when its pom or sources change.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const PROJECT = join(ROOT, 'scripts', 'java', 'kafka-streams-windows');
const MAIN_CLASS = 'dev.ksdk.tooling.WindowCounts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** A hash of everything the build reads: the pom and the sources. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [join(PROJECT, 'pom.xml'), ...filesUnder(join(PROJECT, 'src'))]) {
    hash.update(relative(PROJECT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function cacheDir(): string {
  const cache = join(ROOT, '.cache');
  mkdirSync(cache, { recursive: true });
  // Absolute paths in the classpath file point at the real cache, not at a checkout's link to it.
  return realpathSync(cache);
}

function usable(dir: string): string | undefined {
  const file = join(dir, 'classpath.txt');
  if (!existsSync(file) || !existsSync(join(dir, 'classes', ...MAIN_CLASS.split('.')) + '.class')) return undefined;
  const jars = readFileSync(file, 'utf8').trim().split(':');
  return jars.every((jar) => existsSync(jar)) ? [join(dir, 'classes'), ...jars].join(':') : undefined;
}

/**
 * The classpath of the built program. Builds it with Maven the first time (and after a
 * change to the pom or the sources); later calls find it in .cache/ and run no Maven.
 */
export function kafkaStreamsClasspath(): string {
  const cache = cacheDir();
  const dir = join(cache, 'kafka-streams-windows', sourceHash());
  const ready = usable(dir);
  if (ready) return ready;
  // Build beside the final folder and rename: test runs of other checkouts share this cache.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    execFileSync(
      'mvn',
      [
        '-q', '-B', '-ntp',
        '-f', join(PROJECT, 'pom.xml'),
        `-Dmaven.repo.local=${join(cache, 'm2')}`,
        `-Dksdk.build.dir=${tmp}`,
        `-Dmdep.outputFile=${join(tmp, 'classpath.txt')}`,
        'compile',
        'dependency:build-classpath',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 32 * 1024 * 1024 },
    );
    if (!existsSync(dir)) renameSync(tmp, dir);
  } catch (err) {
    const output = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`building ${relative(ROOT, PROJECT)} with Maven failed: ${output.message}\n${output.stdout?.toString() ?? ''}${output.stderr?.toString() ?? ''}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const built = usable(dir);
  if (!built) throw new Error(`Maven ran but ${dir} holds no usable build`);
  return built;
}

export interface KafkaStreamsWindowsOptions {
  bootstrap: string;
  input: string;
  applicationId: string;
  outputPrefix: string;
  tumbling: { sizeMs: number; graceMs: number };
  hopping: { sizeMs: number; advanceMs: number; graceMs: number };
  session: { gapMs: number; graceMs: number };
}

/** The running Java program: `running` resolves once Kafka Streams is RUNNING. */
export interface KafkaStreamsWindows {
  readonly running: Promise<void>;
  /** Stops the app; resolves with the sum of its task-level `dropped-records-total`. */
  stop(): Promise<{ droppedRecords: number }>;
  /** Kills the JVM if it is still alive (cleanup after a failed test). */
  kill(): void;
  /** Why the program is no longer working (an error it reported, or its exit), if it is not. */
  failure(): string | undefined;
}

export function startKafkaStreamsWindows(options: KafkaStreamsWindowsOptions): KafkaStreamsWindows {
  const classpath = kafkaStreamsClasspath();
  const stateDir = mkdtempSync(join(tmpdir(), 'ksdk-kstreams-'));
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const child: ChildProcessWithoutNullStreams = spawn(
    java,
    [
      '-Xmx384m',
      '-XX:+UseSerialGC',
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
      // Every late record is a WARN line of these loggers; the test counts them through the metric instead.
      '-Dorg.slf4j.simpleLogger.log.org.apache.kafka.streams.kstream.internals=error',
      '-cp', classpath,
      MAIN_CLASS,
      `--bootstrap=${options.bootstrap}`,
      `--input=${options.input}`,
      `--application-id=${options.applicationId}`,
      `--output-prefix=${options.outputPrefix}`,
      `--state-dir=${stateDir}`,
      `--tumbling=${options.tumbling.sizeMs},${options.tumbling.graceMs}`,
      `--hopping=${options.hopping.sizeMs},${options.hopping.advanceMs},${options.hopping.graceMs}`,
      `--session=${options.session.gapMs},${options.session.graceMs}`,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 200) stderr.splice(0, stderr.length - 200);
  });
  const tail = () => stderr.join('').split('\n').slice(-40).join('\n');

  type Event = { event: 'running' } | { event: 'stopped'; droppedRecords: number } | { event: 'error'; message: string };
  const events: Event[] = [];
  const waiters: Array<() => void> = [];
  let exited: number | null | undefined;
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('{')) events.push(JSON.parse(line) as Event);
    }
    for (const wake of waiters.splice(0)) wake();
  });
  child.on('exit', (code) => {
    exited = code;
    rmSync(stateDir, { recursive: true, force: true });
    for (const wake of waiters.splice(0)) wake();
  });

  const waitForEvent = <E extends Event['event']>(name: E): Promise<Extract<Event, { event: E }>> =>
    new Promise((resolvePromise, reject) => {
      const check = () => {
        const found = events.find((e) => e.event === name);
        if (found) return resolvePromise(found as Extract<Event, { event: E }>);
        const error = events.find((e) => e.event === 'error');
        if (error) return reject(new Error(`Kafka Streams failed: ${(error as { message: string }).message}\n${tail()}`));
        if (exited !== undefined) return reject(new Error(`the Kafka Streams program exited (${exited}) before "${name}"\n${tail()}`));
        waiters.push(check);
      };
      check();
    });

  return {
    running: waitForEvent('running').then(() => undefined),
    async stop() {
      child.stdin.end('stop\n');
      const stopped = await waitForEvent('stopped');
      return { droppedRecords: stopped.droppedRecords };
    },
    kill() {
      if (exited === undefined) child.kill('SIGKILL');
    },
    failure() {
      const error = events.find((e) => e.event === 'error');
      if (error) return `Kafka Streams failed: ${(error as { message: string }).message}\n${tail()}`;
      if (exited !== undefined) return `the Kafka Streams program exited (${exited})\n${tail()}`;
      return undefined;
    },
  };
}
