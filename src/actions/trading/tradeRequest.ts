import type { BaseClient } from '../../client/types.js'
import { lotsToUnits } from '../../codec/volume.js'
import { isMarketAction, TradeAction } from '../../enums.js'
import { ValidationError } from '../../errors.js'
import type { TradeResult } from '../../model/types.js'
import { buildTradeRequest } from '../../tradeRules/buildRequest.js'
import type { CheckTarget } from '../../tradeRules/orderCheck.js'
import { checkTradeRequest } from '../../tradeRules/orderCheck.js'
import {
  certainlyValidTradeRequest,
  type TradeOptions,
  type TradeRequestParameters,
  tradeRequestParametersSchema,
} from '../../tradeRules/requestTypes.js'
import type { SymbolSpec } from '../../tradeRules/symbolSpec.js'
import {
  accountBlock,
  cachedSymbolSpec,
  lastQuote,
  lastQuoteNow,
  nextActionId,
  symbolSpec,
} from '../../tradeState/context.js'
import { type DealWatch, watchDealPositions, withDealPosition } from './dealPosition.js'
import { positionsAndOrders, type TradeSnapshot } from './positionsAndOrders.js'
import { finishResult, retcodeOnlyResult, sendTradeRequest } from './sendTradeRequest.js'

/** Options of {@link tradeRequest}. */
export interface TradeRequestOptions extends TradeOptions {
  /** A fresh cmd 4 snapshot the caller already holds (saves one request for close/modify checks). */
  snapshot?: TradeSnapshot
}

/**
 * Validates user parameters: a hand-written check first (the common, valid case costs no zod parse),
 * zod when it is not sure (and for the error of a bad field). @throws ValidationError
 */
export function parseTradeRequest(request: TradeRequestParameters): TradeRequestParameters {
  if (certainlyValidTradeRequest(request)) return request
  const parsed = tradeRequestParametersSchema.safeParse(request)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path.join('.') || undefined
    throw new ValidationError(
      `invalid trade request: ${issue ? `${field ?? 'request'}: ${issue.message}` : 'unknown error'}`,
      {
        ...(field ? { field } : {}),
        value: field ? (request as unknown as Record<string, unknown>)[field] : request,
      },
      { cause: parsed.error },
    )
  }
  return request
}

const makesNoDeal = (action: number): boolean =>
  action === TradeAction.Pending ||
  action === TradeAction.SlTp ||
  action === TradeAction.Modify ||
  action === TradeAction.Remove

const noDealWatch: DealWatch = { positionOf: () => undefined, stop: () => undefined }

function needsTarget(p: TradeRequestParameters): boolean {
  return (
    p.action === TradeAction.SlTp ||
    p.action === TradeAction.Modify ||
    p.action === TradeAction.Remove ||
    p.action === TradeAction.CloseBy ||
    (isMarketAction(p.action) && (p.position ?? 0n) !== 0n)
  )
}

/** Builds the check target from a snapshot. */
export function checkTarget(p: TradeRequestParameters, snap: TradeSnapshot): CheckTarget {
  const target: CheckTarget = {}
  const pos = snap.positions.find((x) => x.ticket === p.position)
  if (pos)
    target.position = {
      type: pos.type,
      volumeUnits: lotsToUnits(pos.volume),
      sl: pos.sl,
      tp: pos.tp,
      symbol: pos.symbol,
    }
  const by = snap.positions.find((x) => x.ticket === p.positionBy)
  if (by) target.positionBy = { type: by.type, volumeUnits: lotsToUnits(by.volume), symbol: by.symbol }
  const o = snap.orders.find((x) => x.ticket === p.order)
  if (o)
    target.order = {
      type: o.type,
      state: o.state,
      priceOrder: o.priceOrder,
      priceTrigger: o.priceTrigger,
      sl: o.sl,
      tp: o.tp,
      timeType: o.timeType,
      timeExpiration: Math.round(o.timeExpirationMs / 1000),
    }
  return target
}

/**
 * Sends a trade request (cmd 12) with every field of the official 248-byte request, validated
 * first (the schema's rules: a hand-written check, zod to name a bad field); volumes are converted
 * exactly, prices normalised to the tick grid and digits, the filling chosen from the symbol when
 * omitted, and the official local checks run before anything is sent. The cmd 12 reply only
 * accepts or rejects; the result is the cmd 19 push matched by `actionId`. On a timeout the
 * request is NEVER re-sent: the outcome is looked up (cmd 4/cmd 5).
 *
 * The request has no magic field (the web protocol cannot carry one); tag orders with `comment`.
 *
 * @example
 * const r = await tradeRequest(client, { action: 3, symbol: 'EURUSD', type: 0, volume: 0.1, comment: 'entry' })
 * console.log(r.retcode, r.deal, r.price)
 * @param client a logged-in client with the marketData module
 * @param request the request in user units
 * @param options `throwOnFailure` (default true), `localChecks` (default true), `timeoutMs`, `signal`
 * @returns the trade result (`ok` true for 10008/10009/10010/11001), with the deal's `position`
 * @throws ValidationError for bad input (nothing is sent)
 * @throws TradeError for a failed retcode, local or from the server (unless `throwOnFailure: false`)
 * @throws TradeOutcomeUnknownError when a timeout left the outcome unknown
 * @throws SymbolNotFoundError, SessionError, AbortedError
 */
export async function tradeRequest(
  client: BaseClient,
  request: TradeRequestParameters,
  options: TradeRequestOptions = {},
): Promise<TradeResult> {
  const p = parseTradeRequest(request)
  const localChecks = options.localChecks !== false
  let spec: SymbolSpec | undefined
  if (p.symbol) {
    // a loaded specification is used at once: no await between the call and the frame written
    if (localChecks || p.digits === undefined)
      spec = cachedSymbolSpec(client, p.symbol) ?? (await symbolSpec(client, p.symbol))
  } else if (localChecks && p.action !== TradeAction.Remove) {
    throw new ValidationError('symbol is required', { field: 'symbol', value: p.symbol })
  }
  const actionId = nextActionId(client)
  const record = buildTradeRequest(p, spec, actionId)
  if (localChecks) {
    const snap = needsTarget(p) ? (options.snapshot ?? (await positionsAndOrders(client))) : undefined
    const quote = p.symbol ? await lastQuote(client, p.symbol) : undefined
    const account = await accountBlock(client)
    const outcome = checkTradeRequest(record, {
      spec,
      quote,
      ...(quote && quote.timeMs > 0 ? { serverTimeMs: quote.timeMs } : {}),
      hedging: account.main.marginMode === 2,
      ...(snap ? { target: checkTarget(p, snap) } : {}),
    })
    if (outcome.retcode !== 0)
      return finishResult(retcodeOnlyResult(outcome.retcode, actionId, outcome.comment), options)
  }
  // Pending orders, their changes and SL/TP changes make no deal: no watch of the deal pushes (a
  // listener added and removed per request on a copier's hot path). Should one carry a deal all the
  // same, its position is read from the history.
  const noDeal = makesNoDeal(p.action)
  const deals = noDeal ? noDealWatch : watchDealPositions(client)
  // The last quote's server time bounds the outcome lookup after a lost reply and the history read
  // of a deal's position. A request that makes no deal rarely needs it: read only then, not before
  // the frame is written (a copier fans a push out to many targets, one request each).
  const serverTimeMs = !p.symbol
    ? undefined
    : noDeal
      ? serverTimeAtSend(client, p.symbol, Date.now())
      : lastQuoteNow(client, p.symbol)?.timeMs
  try {
    const result = await sendTradeRequest(client, record, { ...options, serverTimeMs })
    // (a result without a deal needs no position, nor the quote)
    if (result.deal === 0n) return result
    return await withDealPosition(
      client,
      result,
      p.position,
      deals,
      typeof serverTimeMs === 'function' ? serverTimeMs() : serverTimeMs,
    )
  } finally {
    deals.stop()
  }
}

/**
 * The server time when a request was sent, read later: the last quote's server time then, minus
 * the time elapsed since `sentAtMs`. A quote is never stamped after the server's now, so this is
 * never later than the server's clock at the send, the bound the lookups need (the quote read at
 * the send is no later either, and may be older).
 */
function serverTimeAtSend(client: BaseClient, symbol: string, sentAtMs: number): () => number | undefined {
  return () => {
    const quoteMs = lastQuoteNow(client, symbol)?.timeMs
    return quoteMs === undefined || quoteMs <= 0 ? undefined : quoteMs - Math.max(0, Date.now() - sentAtMs)
  }
}
