import type { BaseClient } from '../../client/types.js'
import { decodeTradeReply } from '../../codec/messages/tradeReply.js'
import { encodeTradeRequest } from '../../codec/messages/tradeRequest.js'
import { decodeTradeResultPush } from '../../codec/messages/tradeResultPush.js'
import type { TradeRequestRecord } from '../../codec/schemas/tradeRequest.js'
import { isRetcodeFinal } from '../../enums.js'
import {
  AbortedError,
  MT5ConnectionError,
  MT5TimeoutError,
  TradeError,
  TradeOutcomeUnknownError,
} from '../../errors.js'
import { toTradeResult, tradeResultFromRetcode } from '../../model/toTradeResult.js'
import type { TradeResult } from '../../model/types.js'
import { rememberAttributed, tradingState } from '../../trading/context.js'
import type { TradeOptions } from '../../trading/requestTypes.js'
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
 * Sends an already filled wire request (cmd 12) and waits for its cmd 19 result, matched by
 * `actionId`. No local checks. A timeout (or a dropped connection after sending) is never answered
 * by re-sending: the outcome is looked up with {@link resolveTradeOutcome}.
 *
 * @example
 * const result = await sendTradeRequest(client, record, { timeoutMs: 10_000 })
 * @param client a logged-in client
 * @param request the 248-byte request, `actionId` already assigned
 * @param options `throwOnFailure`, `timeoutMs`, `signal`, `serverTimeMs` (server time of the last quote, for the lookup window)
 * @returns the trade result
 * @throws TradeError for a failed retcode (unless `throwOnFailure: false`)
 * @throws TradeOutcomeUnknownError when the outcome could not be established after a timeout
 * @throws AbortedError, SessionError when the request could not be sent (an abort after sending is
 *   resolved by the lookup, or raises TradeOutcomeUnknownError)
 */
export async function sendTradeRequest(
  client: BaseClient,
  request: TradeRequestRecord,
  options: TradeOptions & { serverTimeMs?: number | undefined } = {},
): Promise<TradeResult> {
  const state = tradingState(client)
  const timeoutMs = options.timeoutMs ?? client.options.timeoutMs ?? 30_000
  const actionId = request.actionId
  const settle = (result: TradeResult): TradeResult => {
    rememberAttributed(state, result.deal, result.order)
    return finishResult(result, options)
  }
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
  let sent = false
  try {
    const reqOptions = { timeoutMs, ...(options.signal ? { signal: options.signal } : {}) }
    let replyBody: Uint8Array
    try {
      options.signal?.throwIfAborted()
      sent = true
      replyBody = await client.request(12, encodeTradeRequest(request), reqOptions)
    } catch (error) {
      if (error instanceof MT5TimeoutError || error instanceof MT5ConnectionError) throw error
      if (error instanceof DOMException || (error instanceof Error && error.name === 'AbortError'))
        throw new AbortedError('trade request aborted', { cause: error })
      throw error
    }
    const reply = decodeTradeReply(replyBody)
    if (reply.retcode !== 0) return finishResult(retcodeOnlyResult(reply.retcode, actionId), options)
    const body = await waitFor(pushed, timeoutMs, options.signal)
    const push = decodeTradeResultPush(body)
    return settle(toTradeResult(push.result, actionId))
  } catch (error) {
    // an abort after the frame went out does not undo the trade: look the outcome up too
    const ambiguous =
      sent &&
      (error instanceof MT5TimeoutError ||
        error instanceof MT5ConnectionError ||
        error instanceof ResultTimeout ||
        error instanceof AbortedError)
    if (!ambiguous) throw error
    // the reply was lost but the result arrived: no lookup needed
    if (finalPush) return settle(toTradeResult(decodeTradeResultPush(finalPush).result, actionId))
    let found: TradeResult | undefined
    let lookupError: unknown
    for (let attempt = 0; attempt < 3 && found === undefined; attempt++) {
      try {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 300))
        found = await resolveTradeOutcome(client, {
          request,
          sentAtMs,
          serverOffsetSeconds: offsetOf(state.account),
          exclude: state.attributed,
          ...(options.serverTimeMs !== undefined ? { serverTimeMs: options.serverTimeMs } : {}),
        })
        lookupError = undefined
      } catch (e) {
        lookupError = e
      }
    }
    if (found) return settle(found)
    throw new TradeOutcomeUnknownError(
      actionId,
      `trade request ${actionId} timed out and its outcome is unknown; do NOT re-send blindly: ${outcomeHint(request)}`,
      { cause: lookupError ?? error },
    )
  } finally {
    state.waiters.delete(actionId)
  }
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
