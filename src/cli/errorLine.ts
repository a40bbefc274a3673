/**
 * One line on stderr for a failure: a clear sentence, no stack, never the password.
 */
import { retcodeDescription } from '../enums.js'
import { MT5ConnectionError, MT5TimeoutError, Mt5Error, ServerError, TradeError } from '../errors.js'
import { ExitCode } from './exitCodes.js'
import { UsageError } from './usageError.js'

/** A failure as the CLI reports it. */
export interface ErrorReport {
  line: string
  exitCode: number
}

/** Maps an error to its stderr line (prefixed `mt5web: `) and exit code. */
export function errorReport(
  error: unknown,
  context: { server?: string | undefined; password?: string | undefined } = {},
): ErrorReport {
  const message = describe(error, context.server)
  return {
    line: `mt5web: ${redact(oneLine(message), context.password)}`,
    exitCode: error instanceof UsageError ? ExitCode.Usage : ExitCode.Failure,
  }
}

function describe(error: unknown, server: string | undefined): string {
  if (error instanceof UsageError) return error.message
  if (error instanceof TradeError)
    return `trade rejected: retcode ${error.retcode} ${retcodeDescription(error.retcode)}`
  if (error instanceof ServerError && /login failed/.test(error.message)) return error.message
  if (error instanceof MT5ConnectionError) {
    // The root cause (e.g. `connect ECONNREFUSED 127.0.0.1:1`) says more than the wrapper.
    return `cannot connect to ${server ?? 'the server'}: ${rootMessage(error) ?? error.message}`
  }
  if (error instanceof MT5TimeoutError) return `timed out: ${error.message}`
  if (error instanceof Mt5Error) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}

function rootMessage(error: Error): string | undefined {
  let at: unknown = error.cause
  let last: string | undefined
  for (let i = 0; i < 5 && at instanceof Error; i++) {
    const code = (at as { code?: unknown }).code
    last = typeof code === 'string' && !at.message.includes(code) ? `${code}: ${at.message}` : at.message
    at = at.cause
  }
  return last === '' ? undefined : last
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Replaces the password wherever it appears (defence in depth; errors should never hold it). */
export function redact(text: string, password: string | undefined): string {
  if (password === undefined || password.length < 3) return text
  return text.split(password).join('***')
}
