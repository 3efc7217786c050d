/**
 * What the exit code of every ksdk command means (docs/cli.md). One table for
 * all commands: a script can tell "ksdk found something" (1) from "the input is
 * wrong" (2), "the world refused" (3) and "ksdk has a bug" (4), whichever
 * command it ran.
 */
export const EXIT = {
  /** Done; nothing to report. */
  ok: 0,
  /**
   * Done, and found what the command looks for: `generate --check` drift, an
   * incompatible change (`check`), a stale lock file (`lock --check`), a topic
   * that differs from the manifest (`topics apply`).
   */
  found: 1,
  /** A flag, the manifest, a schema, a baseline or a lock file is wrong; nothing was changed. */
  input: 2,
  /**
   * The input is fine but where the command writes refused: the output folder or
   * a file in the way (`generate`, `init`, `lock`), the Kafka cluster (`topics apply`).
   */
  output: 3,
  /** A bug in ksdk. */
  internal: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * Every error code a ksdk command fails with, and the exit code it gives. Codes
 * are stable: safe to switch on; the message text is for people.
 */
export const ERROR_EXIT = {
  KSDK_USAGE: EXIT.input,
  KSDK_BAD_FLAG: EXIT.input,
  KSDK_NO_BROKERS: EXIT.input,
  KSDK_CHECK_USAGE: EXIT.input,
  KSDK_MANIFEST_NOT_FOUND: EXIT.input,
  KSDK_MANIFEST_SYNTAX: EXIT.input,
  KSDK_MANIFEST_INVALID: EXIT.input,
  KSDK_DUPLICATE_MESSAGE: EXIT.input,
  KSDK_DUPLICATE_NAME: EXIT.input,
  KSDK_UNKNOWN_MESSAGE: EXIT.input,
  KSDK_UNKNOWN_TOPIC: EXIT.input,
  KSDK_OUTPUT_OUTSIDE_PROJECT: EXIT.input,
  KSDK_INPUT_OUTSIDE_PROJECT: EXIT.input,
  KSDK_INPUT_NOT_A_FILE: EXIT.input,
  KSDK_LIMIT_EXCEEDED: EXIT.input,
  KSDK_SCHEMA_NOT_FOUND: EXIT.input,
  KSDK_SCHEMA_SYNTAX: EXIT.input,
  KSDK_SCHEMA_INVALID: EXIT.input,
  KSDK_REF_UNRESOLVED: EXIT.input,
  KSDK_REF_REMOTE: EXIT.input,
  KSDK_REF_CYCLE: EXIT.input,
  KSDK_RESERVED_PROPERTY: EXIT.input,
  KSDK_RESERVED_NAME: EXIT.input,
  KSDK_UNKNOWN_PROPERTY: EXIT.input,
  KSDK_BASELINE_NOT_FOUND: EXIT.input,
  KSDK_LOCK_INVALID: EXIT.input,
  KSDK_GIT_FAILED: EXIT.input,
  KSDK_OUTPUT_CONFLICT: EXIT.output,
  KSDK_OUTPUT_UNSAFE: EXIT.output,
  KSDK_WRITE_FAILED: EXIT.output,
  KSDK_CLUSTER: EXIT.output,
  KSDK_INTERNAL: EXIT.internal,
} as const satisfies Record<`KSDK_${string}`, ExitCode>;

export type CliErrorCode = keyof typeof ERROR_EXIT;

export function exitCodeOf(code: CliErrorCode): ExitCode {
  return ERROR_EXIT[code];
}
