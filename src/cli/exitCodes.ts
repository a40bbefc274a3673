/** Exit codes of the `mt5web` command: 0 ok, 1 failure (rejected trade, connection), 2 usage error. */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  /** Interrupted (SIGINT/SIGTERM) while a non-streaming command was running. */
  Interrupted: 130,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]
