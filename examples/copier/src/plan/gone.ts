/**
 * A copy whose source order left the source's pending list. A filled source follows the
 * `sourceFilled` policy at once; any other disappearance makes the copy an orphan, acted on only
 * after `confirmations` consecutive orphan checks (full reconciles, at most one per `checkEvery`).
 */
import type { PlanContext } from './plan.js'
import { isBuyType } from './preflight.js'
import type { CopyOrder, Intent, Link, TargetView } from './types.js'

/** Plans one gone source's copy; returns how many pending orders the plan removes from the target. */
export function planGone(
  ctx: PlanContext,
  target: TargetView,
  copy: CopyOrder,
  ticket: bigint,
  link: Link | undefined,
  counter: number | undefined,
  orphanCheck: boolean,
  book: Intent[],
  cancels: Intent[],
): number {
  const id = target.id
  const config = target.config
  const base = { target: id, sourceTicket: ticket }
  // Decided for good already: kept after a fill, or preserved as a reported orphan.
  if (
    link !== undefined &&
    link.copyTicket === copy.ticket &&
    (link.status === 'kept' || link.status === 'preserved')
  )
    return 0
  const cancel = (reason: 'sourceFilled' | 'slippage' | 'orphan', detail: string): number => {
    cancels.push({ kind: 'cancel', ...base, copyTicket: copy.ticket, symbol: copy.symbol, reason, detail })
    return 1
  }
  const what = `${copy.type} ${copy.volume} ${copy.symbol} #${copy.ticket}`

  if (ctx.input.source.gone.get(ticket) === 'filled') {
    const policy = config.sourceFilled.policy
    if (policy === 'keep') {
      book.push({
        kind: 'link',
        ...base,
        copyTicket: copy.ticket,
        status: 'kept',
        reason: 'keptAfterFill',
        detail: `source #${ticket} filled: ${what} kept pending (sourceFilled: keep)`,
      })
      return 0
    }
    if (policy === 'cancel') return cancel('sourceFilled', `source #${ticket} filled: cancel ${what}`)
    const spec = target.symbols.get(copy.symbol)
    const quote = target.quotes.get(copy.symbol)
    const buy = isBuyType(copy.type)
    const price = quote === undefined ? 0 : buy ? quote.ask : quote.bid
    if (spec === undefined || !(price > 0)) {
      book.push({
        kind: 'leave',
        ...base,
        reason: 'noQuote',
        detail: `source #${ticket} filled: no ${copy.symbol} quote yet to convert ${what} to market`,
      })
      return 0
    }
    const anchor = copy.stopLimitPrice > 0 ? copy.stopLimitPrice : copy.price
    const slippage = Math.abs(price - anchor) / spec.point
    const max = config.sourceFilled.maxSlippagePoints
    if (slippage > max + 1e-6)
      return cancel(
        'slippage',
        `source #${ticket} filled: market ${price} is ${Math.round(slippage)} points from ${anchor} (max ${max}): cancel ${what}`,
      )
    cancels.push({
      kind: 'convertToMarket',
      ...base,
      copyTicket: copy.ticket,
      symbol: copy.symbol,
      side: buy ? 'buy' : 'sell',
      volume: copy.volume,
      price,
      deviationPoints: max,
      comment: copy.comment,
      reason: 'sourceFilled',
      detail: `source #${ticket} filled: ${what} converted to a market ${buy ? 'buy' : 'sell'} at ${price}`,
    })
    return 1
  }

  if (!orphanCheck) return 0
  const count = (counter ?? 0) + 1
  const { policy, confirmations } = config.orphans
  const action = count < confirmations ? 'wait' : policy
  const why = ctx.input.source.gone.get(ticket) ?? 'unknown'
  book.push({
    kind: 'orphanSeen',
    ...base,
    copyTicket: copy.ticket,
    count,
    action,
    reason: 'orphan',
    detail: `${what}: source #${ticket} gone (${why}), orphan check ${count}/${confirmations}${action === 'wait' ? '' : ` → ${action}`}`,
  })
  if (action === 'kill') return cancel('orphan', `orphan ${what} cancelled after ${count} checks`)
  if (action === 'preserve')
    book.push({
      kind: 'link',
      ...base,
      copyTicket: copy.ticket,
      status: 'preserved',
      reason: 'orphan',
      detail: `orphan ${what} preserved (orphans: preserve)`,
    })
  return 0
}
