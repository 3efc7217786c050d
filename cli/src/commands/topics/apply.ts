import { Flags } from '@oclif/core';
import { KsdkCommand } from '../../command/KsdkCommand.js';
import { KsdkCliError } from '../../errors/KsdkCliError.js';
import { applyTopics, type ApplyTopicsResult } from '../../topics/applyTopics.js';
import { formatSummary, formatTopic } from '../../topics/formatTopics.js';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
type Sasl = { username: string; password: string } & ({ mechanism: 'plain' } | { mechanism: 'scram-sha-256' } | { mechanism: 'scram-sha-512' });

export default class TopicsApply extends KsdkCommand {
  static override summary = "Create the manifest's topics that are missing and report how existing ones differ, changing nothing else.";

  static override description = `Reads the topics of the manifest — every topic a message is published to, a subscription reads, forwards to (retry topics) or dead-letters to, and those declared under \`topics:\` — with their partitions, replication factor and configs (\`topicDefaults\` applied; unset: the broker's defaults).

A topic that does not exist is created (and its partitions given leaders). A topic that exists is compared with its declaration: fewer or more partitions, another replication factor, or a declared config with another value is reported as drift and left alone (ksdk never adds partitions, deletes or alters anything). Running it again creates nothing: it is safe in every deploy.

Brokers come from --brokers or KSDK_BROKERS. --ssl turns TLS on; SASL comes from KSDK_SASL_MECHANISM (plain, scram-sha-256, scram-sha-512), KSDK_SASL_USERNAME and KSDK_SASL_PASSWORD.

Exit codes (the same for every ksdk command): 0 every topic exists as declared, 1 some topic differs (with --dry-run: or is missing), 2 invalid manifest or flags, 3 the cluster could not be reached or refused a topic, 4 internal error.`;

  static override examples = [
    { command: '<%= config.bin %> <%= command.id %> --brokers 127.0.0.1:9092', description: 'Create what is missing, report drift.' },
    { command: 'KSDK_BROKERS=kafka-1:9092,kafka-2:9092 <%= config.bin %> <%= command.id %> --dry-run', description: 'Show what would be created and what differs; change nothing.' },
    { command: '<%= config.bin %> <%= command.id %> --json', description: 'Machine-readable result: every topic with its status and drift.' },
  ];

  static override flags = {
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
    if (brokers.length === 0) throw new KsdkCliError('KSDK_NO_BROKERS', 'no brokers: pass --brokers host:port[,host:port] or set KSDK_BROKERS');
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

    const { cwd, manifest } = this.project(flags);
    const result = await applyTopics(manifest, {
      cwd,
      factory,
      cluster: brokers.join(','),
      dryRun: flags['dry-run'],
      timeoutMs: flags.timeout,
      onPlan: (topics) => {
        if (!flags.quiet) this.logToStderr(`ksdk topics apply: ${topics.length} topic(s) on ${brokers.join(',')}${flags['dry-run'] ? ' (dry run)' : ''}`);
      },
      onTopic: (t) => {
        if (json || (flags.quiet && t.status !== 'drift')) return;
        for (const line of formatTopic(t, flags['dry-run'])) this.log(line);
      },
    });

    this.log(formatSummary(result));
    if (result.drift.length > 0 || (result.dryRun && result.missing.length > 0)) this.found();
    return result;
  }

  /** SASL settings from the environment (never from flags: they would show in process lists and shell history). */
  private sasl(): Sasl | undefined {
    const mechanism = process.env.KSDK_SASL_MECHANISM?.toLowerCase();
    if (mechanism === undefined || mechanism === '') return undefined;
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new KsdkCliError('KSDK_BAD_FLAG', `KSDK_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')}, got "${mechanism}"`);
    }
    const username = process.env.KSDK_SASL_USERNAME ?? '';
    const password = process.env.KSDK_SASL_PASSWORD ?? '';
    if (username === '' || password === '') throw new KsdkCliError('KSDK_BAD_FLAG', 'KSDK_SASL_MECHANISM needs KSDK_SASL_USERNAME and KSDK_SASL_PASSWORD');
    switch (mechanism as (typeof SASL_MECHANISMS)[number]) {
      case 'plain':
        return { mechanism: 'plain', username, password };
      case 'scram-sha-256':
        return { mechanism: 'scram-sha-256', username, password };
      case 'scram-sha-512':
        return { mechanism: 'scram-sha-512', username, password };
    }
  }
}
