/**
 * Filling-mode choice and check by execution mode (docs/architecture.md#trade-requests).
 */
import { ExecutionMode, FillFlags, OrderFilling, TradeRetcode } from '../enums.js'

/**
 * The filling the official client uses when the caller gives none.
 * - pending orders: RETURN;
 * - market orders on request/instant execution: FOK;
 * - market/exchange execution: IOC if the symbol allows IOC, else FOK if allowed, else RETURN.
 * @param exemode symbol execution mode (`tradeExemode`)
 * @param fillFlags symbol filling flags (`tradeFillFlags`: 1 FOK, 2 IOC, 4 BOC)
 * @param pending true for pending orders
 */
export function chooseFilling(exemode: number, fillFlags: number, pending: boolean): OrderFilling {
  if (pending) return OrderFilling.Return
  if (exemode === ExecutionMode.Request || exemode === ExecutionMode.Instant) return OrderFilling.Fok
  if (fillFlags & FillFlags.Ioc) return OrderFilling.Ioc
  if (fillFlags & FillFlags.Fok) return OrderFilling.Fok
  return OrderFilling.Return
}

/**
 * Official local filling check: 0 when `filling` is acceptable, else 10030.
 * - request/instant: market FOK, pending RETURN;
 * - market: pending RETURN, market FOK or IOC as allowed by the flags;
 * - exchange: FOK/IOC/BOC only if allowed, RETURN always.
 */
export function checkFilling(exemode: number, fillFlags: number, pending: boolean, filling: number): number {
  const ok = TradeRetcode.Accepted
  const bad = TradeRetcode.InvalidFill
  if (exemode === ExecutionMode.Exchange) {
    if (filling === OrderFilling.Return) return ok
    if (filling === OrderFilling.Fok) return fillFlags & FillFlags.Fok ? ok : bad
    if (filling === OrderFilling.Ioc) return fillFlags & FillFlags.Ioc ? ok : bad
    if (filling === OrderFilling.Boc) return fillFlags & FillFlags.Boc ? ok : bad
    return bad
  }
  if (pending) return filling === OrderFilling.Return ? ok : bad
  if (exemode === ExecutionMode.Market) {
    if (filling === OrderFilling.Fok) return fillFlags & FillFlags.Fok ? ok : bad
    if (filling === OrderFilling.Ioc) return fillFlags & FillFlags.Ioc ? ok : bad
    return bad
  }
  return filling === OrderFilling.Fok ? ok : bad
}
