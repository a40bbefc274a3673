/**
 * One line on stderr for a failure: a clear sentence, no stack, no internal error code, never the
 * password.
 */
import { retcodeDescription } from '../enums.js'
import {
  MT5ConnectionError,
  MT5TimeoutError,
  ServerError,
  SymbolNotFoundError,
  TradeError,
} from '../errors.js'
import { type ConnectContext, describeConnectFailure } from './connectFailure.js'
import { ExitCode } from './exitCodes.js'
import { UsageError } from './usageError.js'

/** A failure as the CLI reports it. */
export interface ErrorReport {
  line: string
  exitCode: number
}

/** What the CLI knew when the error happened. */
export interface ErrorContext extends ConnectContext {
  /** Redacted from the line (defence in depth). */
  password?: string | undefined
}

/** Maps an error to its stderr line (prefixed `mt5web: `) and exit code. */
export function errorReport(error: unknown, context: ErrorContext = {}): ErrorReport {
  const message = describe(error, context)
  return {
    line: `mt5web: ${redact(oneLine(message), context.password)}`,
    exitCode: error instanceof UsageError ? ExitCode.Usage : ExitCode.Failure,
  }
}

function describe(error: unknown, context: ErrorContext): string {
  if (error instanceof UsageError) return error.message
  if (error instanceof TradeError) return `trade rejected: ${rejection(error)}`
  if (error instanceof ServerError && /login failed/.test(error.message)) return error.message
  if (error instanceof MT5ConnectionError) return describeConnectFailure(error, context)
  if (error instanceof SymbolNotFoundError)
    return `${error.message} (names are case-sensitive; mt5web symbols lists them)`
  if (error instanceof MT5TimeoutError)
    return `timed out: the server did not answer command ${error.command} within ${error.timeoutMs} ms`
  if (error instanceof Error) return error.message
  return String(error)
}

/**
 * `retcode 10014 invalid volume: volume 0.015 lots is not a multiple of the step 0.01 lots`: the
 * retcode, its meaning, and the reason the SDK's local check or the server gave, when there is one.
 */
export function rejection(error: TradeError): string {
  const description = retcodeDescription(error.retcode)
  let reason = error.result?.comment.trim() ?? ''
  // The local check's comment repeats the meaning (`invalid volume: volume 0.015 lots …`).
  if (reason.toLowerCase().startsWith(description.toLowerCase()))
    reason = reason.slice(description.length).replace(/^[\s:]+/, '')
  return `retcode ${error.retcode} ${description}${reason === '' ? '' : `: ${reason}`}`
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Replaces the password wherever it appears (defence in depth; errors should never hold it). */
export function redact(text: string, password: string | undefined): string {
  if (password === undefined || password.length < 3) return text
  return text.split(password).join('***')
}
