/**
 * Every error the SDK throws is an {@link Mt5Error} with a stable `code` and, where another error
 * caused it, a `cause`. Codes are part of the public API: match on `error.code`, not on messages.
 *
 * `docs/errors.md` lists every code; a unit test fails when the two drift apart.
 */

import type { TradeResult } from './model/types.js'

/** Stable error codes. */
export const errorCodes = [
  'MT5_CONNECTION',
  'MT5_TIMEOUT',
  'MT5_PROTOCOL',
  'MT5_SESSION',
  'MT5_SERVER',
  'MT5_TRADE',
  'MT5_TRADE_OUTCOME_UNKNOWN',
  'MT5_VALIDATION',
  'MT5_SYMBOL_NOT_FOUND',
  'MT5_ABORTED',
] as const

/** One of {@link errorCodes}. */
export type Mt5ErrorCode = (typeof errorCodes)[number]

/** Options accepted by every error constructor. */
export interface Mt5ErrorOptions {
  cause?: unknown
}

/** Base class of every error thrown by mt5web. */
export class Mt5Error extends Error {
  override name = 'Mt5Error'
  readonly code: Mt5ErrorCode

  constructor(code: Mt5ErrorCode, message: string, options: Mt5ErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined)
    this.code = code
  }
}

/** The socket could not be opened, the bootstrap failed, or the connection dropped. */
export class MT5ConnectionError extends Mt5Error {
  override name = 'MT5ConnectionError'
  constructor(message: string, options: Mt5ErrorOptions = {}) {
    super('MT5_CONNECTION', message, options)
  }
}

/** A request got no answer within its timeout. */
export class MT5TimeoutError extends Mt5Error {
  override name = 'MT5TimeoutError'
  readonly command: number
  readonly timeoutMs: number
  constructor(command: number, timeoutMs: number, options: Mt5ErrorOptions = {}) {
    super('MT5_TIMEOUT', `command ${command} got no reply within ${timeoutMs} ms`, options)
    this.command = command
    this.timeoutMs = timeoutMs
  }
}

/** Where in a record decoding or encoding failed. */
export interface ProtocolErrorDetails {
  /** Schema or message name, e.g. `Tick` or `cmd 3 account`. */
  schema?: string
  /** Field being read or written. */
  field?: string
  /** Byte offset inside the body. */
  offset?: number
}

/** Bytes that do not follow the protocol: truncated records, bad padding, malformed frames. */
export class ProtocolError extends Mt5Error {
  override name = 'ProtocolError'
  readonly schema: string | undefined
  readonly field: string | undefined
  readonly offset: number | undefined
  constructor(message: string, details: ProtocolErrorDetails = {}, options: Mt5ErrorOptions = {}) {
    super('MT5_PROTOCOL', message, options)
    this.schema = details.schema
    this.field = details.field
    this.offset = details.offset
  }
}

/** The session is not in a state that allows the call (not connected, not logged in, closed). */
export class SessionError extends Mt5Error {
  override name = 'SessionError'
  constructor(message: string, options: Mt5ErrorOptions = {}) {
    super('MT5_SESSION', message, options)
  }
}

/**
 * The server answered a request with a non-zero response code (docs/architecture.md#requests-and-replies).
 */
export class ServerError extends Mt5Error {
  override name = 'ServerError'
  readonly command: number
  readonly responseCode: number
  constructor(command: number, responseCode: number, message: string, options: Mt5ErrorOptions = {}) {
    super('MT5_SERVER', message, options)
    this.command = command
    this.responseCode = responseCode
  }
}

/** A trade request ended with a retcode that is not a success. */
export class TradeError extends Mt5Error {
  override name = 'TradeError'
  readonly retcode: number
  /** The full result reported by the server (or built from the retcode of a local check), when there is one. */
  readonly result: TradeResult | undefined
  constructor(retcode: number, message: string, result?: TradeResult, options: Mt5ErrorOptions = {}) {
    super('MT5_TRADE', message, options)
    this.retcode = retcode
    this.result = result
  }
}

/**
 * A trade request may have reached the server but its reply was lost (timeout, dropped connection,
 * heartbeat timeout, `close()`, abort after sending) and a lookup could not establish its outcome:
 * check the account before sending it again.
 */
export class TradeOutcomeUnknownError extends Mt5Error {
  override name = 'TradeOutcomeUnknownError'
  readonly actionId: number
  constructor(actionId: number, message: string, options: Mt5ErrorOptions = {}) {
    super('MT5_TRADE_OUTCOME_UNKNOWN', message, options)
    this.actionId = actionId
  }
}

/** Bad input from the caller: options, trade parameters, values out of a field's range. */
export class ValidationError extends Mt5Error {
  override name = 'ValidationError'
  /** The offending field, when one field is to blame. */
  readonly field: string | undefined
  readonly value: unknown
  constructor(
    message: string,
    details: { field?: string; value?: unknown } = {},
    options: Mt5ErrorOptions = {},
  ) {
    super('MT5_VALIDATION', message, options)
    this.field = details.field
    this.value = details.value
  }
}

/** A symbol name that the server does not know. */
export class SymbolNotFoundError extends Mt5Error {
  override name = 'SymbolNotFoundError'
  readonly symbol: string
  constructor(symbol: string, options: Mt5ErrorOptions = {}) {
    super('MT5_SYMBOL_NOT_FOUND', `unknown symbol "${symbol}"`, options)
    this.symbol = symbol
  }
}

/** An operation was cancelled through an `AbortSignal` or by `close()`. */
export class AbortedError extends Mt5Error {
  override name = 'AbortedError'
  constructor(message = 'operation aborted', options: Mt5ErrorOptions = {}) {
    super('MT5_ABORTED', message, options)
  }
}

/** True when `error` is an mt5web error, optionally with the given code. */
export function isMt5Error(error: unknown, code?: Mt5ErrorCode): error is Mt5Error {
  return error instanceof Mt5Error && (code === undefined || error.code === code)
}
