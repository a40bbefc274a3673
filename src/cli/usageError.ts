/** A bad command line (unknown option, missing argument, bad value, missing credentials): exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
