import type { BaseClient, DisconnectInfo } from '../../client/types.js'
import { decodeTradeReply } from '../../codec/messages/tradeReply.js'
import { encodeTradeRequest } from '../../codec/messages/tradeRequest.js'
import { decodeTradeResultPush } from '../../codec/messages/tradeResultPush.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import { isRetcodeFinal } from '../../enums.js'
import {
  AbortedError,
  MT5ConnectionError,
  MT5TimeoutError,
  ServerError,
  SessionError,
  TradeError,
  TradeOutcomeUnknownError,
} from '../../errors.js'
import { toTradeResult, tradeResultFromRetcode } from '../../model/toTradeResult.js'
import type { TradeResult } from '../../model/types.js'
import type { TradeOptions } from '../../tradeRules/requestTypes.js'
import { rememberAttributed, tradingState } from '../../tradeState/context.js'
import { outcomeHint, resolveTradeOutcome } from './resolveTradeOutcome.js'

/** A result that carries only a retcode (immediate rejection or local check). */
export function retcodeOnlyResult(retcode: number, requestId: number, comment = ''): TradeResult {
  return tradeResultFromRetcode(retcode, requestId, { comment })
}

/** Raises `TradeError` for a failed result unless `throwOnFailure` is false. */
export function finishResult(
  result: TradeResult,
  options: Pick<TradeOptions, 'throwOnFailure'>,
): TradeResult {
  if (!result.ok && options.throwOnFailure !== false) {
    throw new TradeError(
      result.retcode,
      `trade request ${result.requestId} failed: ${result.retcode} ${result.description}${result.comment ? ` (${result.comment})` : ''}`,
      result,
    )
  }
  return result
}

class ResultTimeout extends Error {}

/**
 * True when `error` proves the server did not act on the request: the frame never left
 * (`SessionError`: not logged in, transport not ready) or the server refused the frame itself
 * (`ServerError`, a non-zero response code). Every other failure after the send was attempted —
 * timeout, drop, heartbeat-declared death, `close()`, abort, a reply that does not decode, or an
 * error nobody foresaw — leaves the outcome open, so it is looked up instead of being reported as
 * a failure the caller could safely retry.
 */
function provesNotExecuted(error: unknown): boolean {
  return error instanceof SessionError || error instanceof ServerError
}

/**
 * Sends an already filled wire request (cmd 12) and waits for its cmd 19 result, matched by
 * `actionId`. No local checks. A request that may have reached the server is never answered by
 * re-sending: whatever way its reply is lost (timeout, dropped socket, heartbeat timeout, `close()`,
 * abort after sending), the outcome is looked up with {@link resolveTradeOutcome}, after the
 * client logged in again when it is reconnecting.
 *
 * @example
 * const result = await sendTradeRequest(client, record, { timeoutMs: 10_000 })
 * @param client a logged-in client
 * @param request the 248-byte request, `actionId` already assigned
 * @param options `throwOnFailure`, `timeoutMs`, `signal`, `serverTimeMs` (server time of the last quote at the send, for the lookup window; a function is called only when a lookup needs it)
 * @returns the trade result
 * @throws TradeError for a failed retcode (unless `throwOnFailure: false`)
 * @throws TradeOutcomeUnknownError when the reply was lost and the outcome could not be established
 * @throws AbortedError, SessionError, ValidationError when the request was not sent (safe to retry)
 */
export async function sendTradeRequest(
  client: BaseClient,
  request: TradeRequestRecord,
  options: TradeOptions & { serverTimeMs?: number | (() => number | undefined) | undefined } = {},
): Promise<TradeResult> {
  const state = tradingState(client)
  const timeoutMs = options.timeoutMs ?? client.options.timeoutMs ?? 30_000
  const actionId = request.actionId
  const settle = (result: TradeResult): TradeResult => {
    rememberAttributed(state, result.deal, result.order)
    return finishResult(result, options)
  }
  if (options.signal?.aborted)
    throw new AbortedError('trade request aborted', { cause: options.signal.reason })
  const payload = encodeTradeRequest(request)
  let resolvePush!: (body: Uint8Array) => void
  // the final cmd 19 result, kept even when the cmd 12 reply is lost (it is the authoritative outcome)
  let finalPush: Uint8Array | undefined
  const pushed = new Promise<Uint8Array>((resolve) => {
    resolvePush = resolve
  })
  const waiter = {
    resolve: (body: Uint8Array) => {
      try {
        const push = decodeTradeResultPush(body)
        if (isRetcodeFinal(push.result.retcode)) {
          finalPush = body
          resolvePush(body)
        }
      } catch {
        // an undecodable push is ignored; the timeout path resolves the outcome
      }
    },
  }
  state.waiters.set(actionId, waiter)
  const early = state.early.get(actionId)
  if (early) {
    state.early.delete(actionId)
    waiter.resolve(early)
  }
  const sentAtMs = Date.now()
  /** The reply was lost: the pushed result if it came, else a lookup, else TradeOutcomeUnknownError. */
  const lookUp = async (error: unknown): Promise<TradeResult> => {
    if (finalPush) return settle(toTradeResult(decodeTradeResultPush(finalPush).result, actionId))
    let found: TradeResult | undefined
    let lookupError: unknown
    // one budget for waiting on the reconnect, whatever the number of attempts
    const reconnectDeadline = Date.now() + timeoutMs
    for (let attempt = 0; attempt < 3 && found === undefined; attempt++) {
      try {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 300))
        await loggedInAgain(client, reconnectDeadline - Date.now())
        if (finalPush) return settle(toTradeResult(decodeTradeResultPush(finalPush).result, actionId))
        const serverTimeMs =
          typeof options.serverTimeMs === 'function' ? options.serverTimeMs() : options.serverTimeMs
        found = await resolveTradeOutcome(client, {
          request,
          sentAtMs,
          serverOffsetSeconds: offsetOf(state.account),
          exclude: state.attributed,
          ...(serverTimeMs !== undefined ? { serverTimeMs } : {}),
        })
        lookupError = undefined
      } catch (e) {
        lookupError = e
        // closed or given up reconnecting: no session to ask, retrying cannot help
        if (client.status === 'closed' || client.status === 'disconnected') break
      }
    }
    if (found) return settle(found)
    throw new TradeOutcomeUnknownError(
      actionId,
      `trade request ${actionId} lost its reply (${describeLoss(error)}) and its outcome is unknown; do NOT re-send blindly: ${outcomeHint(request)}`,
      { cause: lookupError ?? error },
    )
  }
  try {
    const reqOptions = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) }
    let replyBody: Uint8Array
    try {
      replyBody = await client.request(12, payload, reqOptions)
    } catch (error) {
      if (provesNotExecuted(error)) throw error
      return await lookUp(error)
    }
    try {
      const reply = decodeTradeReply(replyBody)
      if (reply.retcode !== 0) return finishResult(retcodeOnlyResult(reply.retcode, actionId), options)
      const body = await untilDisconnect(client, (lost) =>
        waitFor(Promise.race([pushed, lost]), timeoutMs, options.signal),
      )
      const push = decodeTradeResultPush(body)
      return settle(toTradeResult(push.result, actionId))
    } catch (error) {
      // a failed retcode is an answer; anything else after the reply leaves the outcome open
      if (error instanceof TradeError) throw error
      return await lookUp(error)
    }
  } finally {
    state.waiters.delete(actionId)
  }
}

/**
 * Runs `wait` with a promise that rejects when the connection ends (drop, heartbeat timeout,
 * `close()`): a cmd 19 result can only arrive on the socket that carried the request, so waiting
 * on after it is gone would only delay the lookup until the timeout.
 */
async function untilDisconnect<T>(
  client: BaseClient,
  wait: (lost: Promise<never>) => Promise<T>,
): Promise<T> {
  let onDisconnect: ((info: DisconnectInfo) => void) | undefined
  const lost = new Promise<never>((_, reject) => {
    onDisconnect = (info) =>
      reject(info.error ?? new AbortedError('the client was closed while waiting for the trade result'))
    client.events.on('disconnect', onDisconnect)
  })
  lost.catch(() => {}) // observed through `wait`; never unhandled when the result comes first
  try {
    return await wait(lost)
  } finally {
    if (onDisconnect) client.events.off('disconnect', onDisconnect)
  }
}

/** A short reason for the message of `TradeOutcomeUnknownError`. */
function describeLoss(error: unknown): string {
  if (error instanceof MT5TimeoutError || error instanceof ResultTimeout) return 'timed out'
  if (error instanceof MT5ConnectionError) return 'connection lost'
  if (error instanceof AbortedError) return 'aborted or closed after sending'
  return error instanceof Error ? error.message : String(error)
}

/**
 * When the client is reconnecting (a drop or a heartbeat timeout cost the reply), waits until it
 * is logged in again, at most `timeoutMs`, so the lookup can run on the new session. Returns at
 * once when logged in, and when closed (the lookup then fails and the outcome is reported unknown).
 */
function loggedInAgain(client: BaseClient, timeoutMs: number): Promise<void> {
  const waiting = (s: string) => s === 'reconnecting' || s === 'connecting' || s === 'connected'
  if (!waiting(client.status) || timeoutMs <= 0) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const onStatus = (s: string) => {
      if (waiting(s)) return
      clearTimeout(timer)
      client.events.off('status', onStatus)
      resolve()
    }
    const timer = setTimeout(() => {
      client.events.off('status', onStatus)
      resolve()
    }, timeoutMs)
    client.events.on('status', onStatus)
  })
}

function offsetOf(account: { main: { timezoneShift: number; daylightmode: number } } | undefined): number {
  return account ? account.main.timezoneShift + 3600 * account.main.daylightmode : 0
}

/**
 * Waits for `promise` at most `timeoutMs`, or until `signal` aborts. Whichever way it settles, the
 * timer is cleared and the abort listener removed (no leak on long-lived signals).
 * @internal
 */
export function waitFor(
  promise: Promise<Uint8Array>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const cleanup = () => {
      if (timer) clearTimeout(timer)
      timer = undefined
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      cleanup()
      reject(new ResultTimeout('aborted while waiting for the result'))
    }
    if (timeoutMs > 0)
      timer = setTimeout(() => {
        cleanup()
        reject(new ResultTimeout('no cmd 19 result in time'))
      }, timeoutMs)
    signal?.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (v) => {
        cleanup()
        resolve(v)
      },
      (e: unknown) => {
        cleanup()
        reject(e)
      },
    )
  })
}
