import { Command, Flags } from '@oclif/core';
import { formatIssue, KsdkCliError } from '../../errors/KsdkCliError.js';
import { applyTopics, type ApplyTopicsResult } from '../../topics/applyTopics.js';
import { formatSummary, formatTopic } from '../../topics/formatTopics.js';

/** Exit codes: 0 every topic as declared, 1 drift (with --dry-run: also topics to create), 2 bad input, 3 the cluster failed, 4 a bug. */
export const TOPICS_EXIT = { ok: 0, drift: 1, input: 2, cluster: 3, internal: 4 } as const;

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
type Sasl = { username: string; password: string } & ({ mechanism: 'plain' } | { mechanism: 'scram-sha-256' } | { mechanism: 'scram-sha-512' });

export default class TopicsApply extends Command {
  static override summary = "Create the manifest's topics that are missing and report how existing ones differ, changing nothing else.";

  static override description = `Reads the topics of the manifest — every topic a message is published to, a subscription reads, forwards to (retry topics) or dead-letters to, and those declared under \`topics:\` — with their partitions, replication factor and configs (\`topicDefaults\` applied; unset: the broker's defaults).

A topic that does not exist is created (and its partitions given leaders). A topic that exists is compared with its declaration: fewer or more partitions, another replication factor, or a declared config with another value is reported as drift and left alone (ksdk never adds partitions, deletes or alters anything). Running it again creates nothing: it is safe in every deploy.

Brokers come from --brokers or KSDK_BROKERS. --ssl turns TLS on; SASL comes from KSDK_SASL_MECHANISM (plain, scram-sha-256, scram-sha-512), KSDK_SASL_USERNAME and KSDK_SASL_PASSWORD.

Exit codes: 0 every topic exists as declared, 1 some topic differs (with --dry-run: or is missing), 2 invalid manifest or flags, 3 the cluster could not be reached or refused a topic, 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %> --brokers 127.0.0.1:9092', description: 'Create what is missing, report drift.' },
    { command: 'KSDK_BROKERS=kafka-1:9092,kafka-2:9092 <%= config.bin %> <%= command.id %> --dry-run', description: 'Show what would be created and what differs; change nothing.' },
    { command: '<%= config.bin %> <%= command.id %> --json', description: 'Machine-readable result: every topic with its status and drift.' },
  ];

  static override enableJsonFlag = true;

  static override flags = {
    manifest: Flags.string({ char: 'm', default: 'ksdk.yaml', helpValue: '<path>', description: 'Manifest to read, relative to --cwd.' }),
    cwd: Flags.string({ helpValue: '<dir>', description: 'Project directory. Default: the current directory.' }),
    brokers: Flags.string({ char: 'b', helpValue: '<host:port,...>', description: 'Bootstrap servers, comma separated. Default: KSDK_BROKERS.' }),
    'dry-run': Flags.boolean({ default: false, description: 'Compare only: list what would be created and what differs, create nothing.' }),
    ssl: Flags.boolean({ default: false, description: 'Connect with TLS.' }),
    timeout: Flags.integer({ default: 30_000, min: 1, helpValue: '<ms>', description: 'How long the cluster gets to answer, create the topics and elect their leaders.' }),
    quiet: Flags.boolean({ char: 'q', default: false, description: 'Print only drift, errors and the summary.' }),
  };

  async run(): Promise<ApplyTopicsResult> {
    const { flags } = await this.parse(TopicsApply);
    const json = this.jsonEnabled();
    const brokers = (flags.brokers ?? process.env.KSDK_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0) this.fail('KSDK_NO_BROKERS', 'no brokers: pass --brokers host:port[,host:port] or set KSDK_BROKERS', TOPICS_EXIT.input);
    const sasl = this.sasl();

    // The runtime (and kafkajs under it) loads only for this command, not for every ksdk invocation.
    const { DefaultClientFactory } = await import('@ksdk/runtime');
    const factory = new DefaultClientFactory({
      brokers,
      clientId: 'ksdk-cli',
      kafka: {
        logLevel: 0, // kafkajs's NOTHING: failures are reported here, once, naming the topic
        connectionTimeout: Math.min(flags.timeout, 10_000),
        requestTimeout: flags.timeout,
        retry: { retries: 4, initialRetryTime: 250, maxRetryTime: 2000 },
        ...(flags.ssl ? { ssl: true } : {}),
        ...(sasl ? { sasl } : {}),
      },
    });

    let result: ApplyTopicsResult;
    try {
      result = await applyTopics(flags.manifest, {
        ...(flags.cwd === undefined ? {} : { cwd: flags.cwd }),
        factory,
        dryRun: flags['dry-run'],
        timeoutMs: flags.timeout,
        onPlan: (topics) => {
          if (!json && !flags.quiet) this.logToStderr(`ksdk topics apply: ${topics.length} topic(s) on ${brokers.join(',')}${flags['dry-run'] ? ' (dry run)' : ''}`);
        },
        onTopic: (t) => {
          if (json || (flags.quiet && t.status !== 'drift')) return;
          for (const line of formatTopic(t, flags['dry-run'])) this.log(line);
        },
      });
    } catch (err) {
      if (err instanceof KsdkCliError) {
        process.exitCode = TOPICS_EXIT.input;
        if (json) throw err;
        this.logToStderr(`ksdk topics apply failed (${err.code}):`);
        for (const issue of err.issues) this.logToStderr(`  ${formatIssue(issue)}`);
        this.exit(TOPICS_EXIT.input);
      }
      const code = (err as { code?: unknown }).code;
      const known = typeof code === 'string' && code.startsWith('KSDK_');
      this.fail(known ? code : 'KSDK_CLUSTER', `could not apply the topics on ${brokers.join(',')}: ${(err as Error).message}`, TOPICS_EXIT.cluster);
    }

    if (!json) this.log(formatSummary(result));
    if (result.drift.length > 0 || (result.dryRun && result.missing.length > 0)) process.exitCode = TOPICS_EXIT.drift;
    return result;
  }

  /** SASL settings from the environment (never from flags: they would show in process lists and shell history). */
  private sasl(): Sasl | undefined {
    const mechanism = process.env.KSDK_SASL_MECHANISM?.toLowerCase();
    if (mechanism === undefined || mechanism === '') return undefined;
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      this.fail('KSDK_BAD_FLAG', `KSDK_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${mechanism}"`, TOPICS_EXIT.input);
    }
    const username = process.env.KSDK_SASL_USERNAME ?? '';
    const password = process.env.KSDK_SASL_PASSWORD ?? '';
    if (username === '' || password === '') this.fail('KSDK_BAD_FLAG', 'KSDK_SASL_MECHANISM needs KSDK_SASL_USERNAME and KSDK_SASL_PASSWORD', TOPICS_EXIT.input);
    switch (mechanism as (typeof SASL_MECHANISMS)[number]) {
      case 'plain':
        return { mechanism: 'plain', username, password };
      case 'scram-sha-256':
        return { mechanism: 'scram-sha-256', username, password };
      case 'scram-sha-512':
        return { mechanism: 'scram-sha-512', username, password };
    }
  }

  private fail(code: string, message: string, exit: number): never {
    process.exitCode = exit;
    if (this.jsonEnabled()) throw Object.assign(new Error(message), { code });
    this.error(message, { exit, code });
  }

  protected override toErrorJson(err: unknown): unknown {
    const error = err instanceof KsdkCliError ? err : undefined;
    return {
      error: {
        code: error?.code ?? (err as { code?: string }).code ?? 'KSDK_INTERNAL',
        message: err instanceof Error ? err.message : String(err),
        issues: error?.issues ?? [],
      },
    };
  }
}

