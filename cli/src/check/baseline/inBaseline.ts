import { KsdkCliError, type Issue } from '../../errors/KsdkCliError.js';

/** Where a file the baseline loader names really is, for the user: the folder's path from the project, `ref:path` for git. */
export type BaselineFileName = (file: string) => string;

const isUrl = (file: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(file);

/**
 * The error `err`, thrown while reading the baseline, restated so that it says
 * so: the manifest loader names `ksdk.yaml` or `schemas/a.json` as if they were
 * the working tree's, which sends the user to the wrong file. Every issue's
 * file becomes where it is (`fileName`), its message starts with `in baseline
 * <description>:`; a message without issues starts with `baseline
 * <description>:`. Code, suggestions and exit code stay; `cause` is `err`.
 * Anything not a `KsdkCliError` (a bug) is returned as it is.
 */
export function inBaseline(err: unknown, description: string, fileName: BaselineFileName = (f) => f): unknown {
  if (!(err instanceof KsdkCliError)) return err;
  const options = { cause: err, suggestions: err.suggestions };
  if (err.issues.length === 0) return new KsdkCliError(err.code, `baseline ${description}: ${err.message}`, options);
  const issues = err.issues.map(
    (issue): Issue => ({ ...issue, file: isUrl(issue.file) ? issue.file : fileName(issue.file), message: `in baseline ${description}: ${issue.message}` }),
  );
  return new KsdkCliError(err.code, issues, options);
}
