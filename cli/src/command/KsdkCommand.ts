import path from 'node:path';
import { Command, Errors, Flags, ux } from '@oclif/core';
import { EXIT } from '../errors/exitCodes.js';
import { formatIssue, KsdkCliError, toCliError, type CliErrorJson } from '../errors/KsdkCliError.js';

/**
 * What every ksdk command shares: the flags `--manifest`, `--cwd` and `--json`,
 * the exit codes (`EXIT`, one table) and how a failure is reported. A command
 * parses its flags, calls one library function and returns its typed result
 * (what `--json` prints); it throws `KsdkCliError` (or lets the library's
 * through), and this class turns the error into the exit code of its code and
 * into either `ksdk <command> failed (<code>):` with one `file:line:column
 * pointer: message` line per issue on stderr, or `{ "error": { code, message,
 * issues, suggestions } }` on stdout with `--json`.
 */
export abstract class KsdkCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    manifest: Flags.string({
      char: 'm',
      default: 'ksdk.yaml',
      helpValue: '<path>',
      description: 'The manifest, relative to --cwd: YAML, or JSON when the name ends in .json.',
    }),
    cwd: Flags.string({
      helpValue: '<dir>',
      description: 'Project directory: --manifest and the other paths are resolved against it. Default: the current directory.',
    }),
  };

  /** The project directory (absolute) and the manifest path relative to it, from the shared flags. */
  protected project(flags: { manifest: string; cwd?: string | undefined }): { cwd: string; manifest: string } {
    return { cwd: path.resolve(flags.cwd ?? process.cwd()), manifest: flags.manifest };
  }

  /** The run succeeded and found what the command looks for (drift, an incompatible change): exit 1, result printed as usual. */
  protected found(): void {
    process.exitCode = EXIT.found;
  }

  protected override async catch(err: Error & { exitCode?: number }): Promise<unknown> {
    // `this.exit()` (below), and oclif's own usage errors without --json: oclif prints these (with the usage) and exits.
    if (err instanceof Errors.ExitError) throw err;
    if (err instanceof Errors.CLIError && !this.jsonEnabled()) {
      process.exitCode = EXIT.input;
      throw err;
    }
    const error = asCliError(err);
    process.exitCode = error.exit;
    if (ux.action.running) ux.action.stop('failed');
    if (this.jsonEnabled()) {
      this.logJson(this.toErrorJson(error));
    } else {
      this.logToStderr(`ksdk ${(this.id ?? '').replaceAll(':', ' ')} failed (${error.code}):`);
      if (error.issues.length === 0) for (const line of error.message.split('\n')) this.logToStderr(`  ${line}`);
      for (const issue of error.issues) this.logToStderr(`  ${formatIssue(issue)}`);
      for (const suggestion of error.suggestions) this.logToStderr(`  try: ${suggestion}`);
    }
    // Reported: oclif only exits (an ExitError is never printed again).
    return this.exit(error.exit);
  }

  /** `--json` errors: one shape for every command (docs/cli.md). */
  protected override toErrorJson(err: unknown): { error: CliErrorJson } {
    return { error: asCliError(err).toJSON() };
  }
}

/** oclif's flag and argument errors are usage errors; anything else not a `KsdkCliError` is a bug. */
function asCliError(err: unknown): KsdkCliError {
  if (err instanceof Errors.CLIError) {
    return new KsdkCliError('KSDK_USAGE', err.message, { cause: err, suggestions: (err as { suggestions?: string[] }).suggestions ?? [] });
  }
  return toCliError(err);
}
