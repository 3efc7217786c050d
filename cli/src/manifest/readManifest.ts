import { InputRefused, type GenContext } from '../context/GenContext.js';
import { KsdkCliError } from '../errors/KsdkCliError.js';
import { SourceDocument } from '../source/SourceDocument.js';
import { parsePointer } from '../util/pointer.js';

/**
 * Reads and parses the manifest (YAML, or JSON when the name ends in `.json`)
 * with line tracking. A duplicated message or producer name is reported as
 * such; any other syntax error as `KSDK_MANIFEST_SYNTAX`.
 */
export async function readManifest(ctx: GenContext, manifestFile: string): Promise<SourceDocument> {
  const display = ctx.display(manifestFile);
  let text: string;
  try {
    text = await ctx.readInput(manifestFile, { confined: false });
  } catch (err) {
    if (err instanceof InputRefused) throw new KsdkCliError(err.code, { file: display, pointer: '', message: err.message }, { cause: err });
    throw new KsdkCliError('KSDK_MANIFEST_NOT_FOUND', { file: display, message: `manifest not found (${(err as NodeJS.ErrnoException).code ?? 'unreadable'}); pass --manifest or --cwd` }, { cause: err });
  }
  const doc = SourceDocument.parse(display, text, {
    json: /\.json$/i.test(manifestFile),
    syntaxCode: 'KSDK_MANIFEST_SYNTAX',
    limits: ctx.limits,
    onDuplicateKey(problem) {
      const segments = problem.pointer === undefined ? [] : parsePointer(problem.pointer);
      if (segments.length !== 2) return;
      const [section, name] = segments as [string, string];
      const where = { file: display, ...(problem.position ? { line: problem.position.line, column: problem.position.column } : {}), pointer: problem.pointer ?? '' };
      if (section === 'messages') throw new KsdkCliError('KSDK_DUPLICATE_MESSAGE', { ...where, message: `message "${name}" is declared twice` });
      if (section === 'producers') throw new KsdkCliError('KSDK_DUPLICATE_NAME', { ...where, message: `producer "${name}" is declared twice` });
    },
  });
  ctx.documents.set(manifestFile, doc);
  return doc;
}
