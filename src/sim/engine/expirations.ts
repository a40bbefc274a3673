/** Expiration of pending orders whose time in force has ended (DAY, SPECIFIED, SPECIFIED_DAY). */
import type { OrderRecord } from '../../codec/schemas/order.js'
import { isPendingType, OrderState, Reason, TimeType } from './constants.js'
import type { Ctx, EngineCore } from './core.js'
import type { Records } from './records.js'
import { dayEnd } from './sessions.js'
import type { EngineEvent } from './types.js'

/** Expirations of an engine, bound to its shared state. */
export type Expirations = ReturnType<typeof createExpirations>

export function createExpirations(core: EngineCore, records: Records) {
  const { accounts, now } = core
  const { finishOrder } = records

  const expiresAt = (o: OrderRecord): number => {
    const setupMs = o.timeSetup * 1000 + o.timeSetupMs
    switch (o.typeTime) {
      case TimeType.Day:
        return dayEnd(setupMs)
      case TimeType.Specified:
        return o.timeExpiration * 1000
      case TimeType.SpecifiedDay:
        return dayEnd(o.timeExpiration * 1000)
      default:
        return Number.POSITIVE_INFINITY
    }
  }

  const poll = (): EngineEvent[] => {
    const events: EngineEvent[] = []
    const t = now()
    for (const acc of accounts.values()) {
      const ctx: Ctx = { acc, events, reason: Reason.Client }
      for (const o of [...acc.book.orders.values()]) {
        if (isPendingType(o.orderType) && expiresAt(o) <= t) finishOrder(ctx, o, OrderState.Expired)
      }
    }
    return events
  }

  return { expiresAt, poll }
}
