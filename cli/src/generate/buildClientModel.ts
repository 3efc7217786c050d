import path from 'node:path';
import type { ClientCodeModel, MessageTemplate, PartitionKeyTemplate, TopicTemplate, ValidatorModuleTemplate } from '@ksdk/templates';
import type { Project } from '../manifest/loadProject.js';
import type { PartitionKeyModel, ProjectModel } from '../manifest/ProjectModel.js';
import { compileTypes, DEFINITIONS_MODULE } from '../schema/compileTypes.js';
import { VALIDATION_MODULE } from '../schema/validatorJob.js';
import { handlerTypeName } from '../util/naming.js';
import { moduleSpecifier } from '../util/paths.js';

export { VALIDATION_MODULE };

/**
 * The validator modules, once the compile of the validators (a worker thread's,
 * with `openProject`) settled: then the check of the schemas is over.
 */
export async function validatorTemplates(project: Project): Promise<ValidatorModuleTemplate[]> {
  project.context.progress({ stage: 'validators', message: `validators of ${project.model.messages.length} message(s)` });
  return (await project.validators).modules().map((v) => ({
    draft: v.draft.startsWith('draft-') ? v.draft : `draft-${v.draft}`,
    code: v.code,
    exports: v.exports,
  }));
}

/**
 * Everything the templates need but the validators, resolved: types compiled by
 * json-schema-to-typescript, lists in output order. What every file but the
 * validator files is rendered from, while the validators may still compile.
 */
export async function buildClientCodeModel(project: Project): Promise<ClientCodeModel> {
  const { model, context: ctx } = project;
  const types = await compileTypes(ctx, model, project.graph);

  const messages: MessageTemplate[] = model.messages.map((m) => {
    const body = types.bodies.get(m.name);
    const module = types.modules.get(`messages/${m.name}`);
    if (!body || !module) throw new Error(`internal: ${m.name} was not compiled`);
    return {
      name: m.name,
      dataTypeName: body.name,
      dataIsInterface: body.isInterface,
      description: m.description ?? schemaDescription(project, m.name),
      schemaFile: m.schemaDisplay,
      types: module,
      cloudEventType: m.type,
      subject: m.subject,
      topic: m.topic,
      partitionKey: m.partitionKey && partitionKey(m.partitionKey, model.outputDir),
    };
  });

  return {
    manifest: model.manifestDisplay,
    validationModule: VALIDATION_MODULE,
    messages,
    definitions: types.modules.get(DEFINITIONS_MODULE),
    producers: model.producers.map((p) => ({
      name: p.name,
      description: p.description,
      messages: p.messages,
      settings: {
        clientId: p.clientId,
        source: p.source,
        wireFormat: model.wireFormat,
        acks: p.acks,
        idempotent: p.idempotent,
        compression: p.compression,
        lingerMs: p.lingerMs,
        batchSize: p.batchSize,
        maxInFlight: p.maxInFlight,
        retries: p.retries,
        timeoutMs: p.timeoutMs,
      },
    })),
    subscriptions: model.subscriptions.map((s) => ({
      name: s.name,
      handlerName: handlerTypeName(s.name),
      description: s.description,
      topic: s.topic,
      groupId: s.groupId,
      messages: s.messages,
      consumers: s.consumers,
      retry: s.retry,
      deadLetterTopic: s.deadLetterTopic,
      processingDelayMs: s.processingDelayMs,
      onExhausted: s.onExhausted,
      concurrency: s.concurrency,
      fromBeginning: s.fromBeginning,
    })),
    topics: topics(model),
  };
}

/**
 * Every topic of the manifest with its declared settings, and the messages it
 * carries: those published to it, read from it by a subscription, and those of
 * the subscriptions that forward or dead-letter to it.
 */
function topics(model: ProjectModel): TopicTemplate[] {
  const carried = new Map<string, Set<string>>();
  const add = (topic: string, messages: readonly string[]): void => {
    let set = carried.get(topic);
    if (!set) carried.set(topic, (set = new Set()));
    for (const m of messages) set.add(m);
  };
  for (const m of model.messages) add(m.topic, [m.name]);
  for (const s of model.subscriptions) {
    add(s.topic, s.messages);
    if (s.retry?.mode === 'topic-chain') add(s.retry.nextTopic, s.messages);
    if (s.deadLetterTopic !== undefined) add(s.deadLetterTopic, s.messages);
  }
  return model.topics.map((t) => ({
    name: t.name,
    messages: [...(carried.get(t.name) ?? [])].sort(),
    partitions: t.partitions,
    replicationFactor: t.replicationFactor,
    config: t.config,
    deadLetter: t.deadLetter,
  }));
}

function partitionKey(key: PartitionKeyModel, outputDir: string): PartitionKeyTemplate {
  if (key.strategy !== 'custom') return key;
  const module = key.module.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs').replace(/\.tsx$/, '.js');
  return { strategy: 'custom', module: moduleSpecifier(outputDir, path.resolve(module)), exportName: key.exportName };
}

/** The `description` of a message's schema, the doc comment when the manifest gives none. */
function schemaDescription(project: Project, message: string): string | undefined {
  const value = project.graph.roots.get(message)?.doc.value;
  const description = typeof value === 'object' && value !== null ? (value as { description?: unknown }).description : undefined;
  return typeof description === 'string' ? description : undefined;
}
