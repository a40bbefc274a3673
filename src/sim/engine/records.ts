/**
 * New order and deal records of the engine (fresh tickets, the record defaults) and an order's move
 * to history.
 */
import type { DealRecord } from '../../codec/schemas/deal.js'
import type { OrderRecord } from '../../codec/schemas/order.js'
import type { Account } from './account.js'
import type { SymbolSpec } from './config.js'
import { DealEntry, FlagMask, OrderState, TxType } from './constants.js'
import type { Ctx, EngineCore } from './core.js'

/** Records of an engine, bound to its shared state. */
export type Records = ReturnType<typeof createRecords>

export function createRecords(core: EngineCore) {
  const { broker } = core
  let nextOrder = broker.firstOrderTicket ?? 10_000_000n
  let nextDeal = broker.firstDealTicket ?? 5_000_000n
  const { now, sec, msPart, emitOrder } = core

  const newOrder = (
    acc: Account,
    spec: SymbolSpec,
    fields: Partial<OrderRecord>,
    reason: number,
  ): OrderRecord => {
    const t = now()
    const ticket = nextOrder
    nextOrder += 1n
    return {
      tradeOrder: ticket,
      orderId: '',
      tradeSymbol: spec.config.name,
      timeSetup: sec(t),
      timeExpiration: 0,
      timeDone: 0,
      orderType: 0,
      typeFilling: 0,
      typeTime: 0,
      typeReason: reason,
      priceOrder: 0,
      priceTrigger: 0,
      priceCurrent: 0,
      priceSl: 0,
      priceTp: 0,
      volumeInitial: 0n,
      volumeCurrent: 0n,
      orderState: OrderState.Started,
      expert: 0n,
      positionId: 0n,
      comment: '',
      contractSize: spec.config.contractSize,
      digits: spec.config.digits,
      digitsCurrency: acc.config.digits,
      commissionDaily: 0,
      commissionMonthly: 0,
      marginRate: 0,
      activationMode: 0,
      timeSetupMs: msPart(t),
      timeDoneMs: 0,
      ...fields,
    }
  }

  /** Moves an active order to history with `state`, emitting delete + history add. */
  const finishOrder = (ctx: Ctx, order: OrderRecord, state: number): void => {
    const t = now()
    order.orderState = state
    order.timeDone = sec(t)
    order.timeDoneMs = msPart(t)
    ctx.acc.book.orders.delete(order.tradeOrder)
    ctx.acc.book.historyOrders.push(order)
    emitOrder(ctx, FlagMask.OpenOrder, TxType.Delete, order)
    emitOrder(ctx, FlagMask.HistoryOrder, TxType.Add, order)
  }

  const newDeal = (acc: Account, spec: SymbolSpec | undefined, fields: Partial<DealRecord>): DealRecord => {
    const t = now()
    const ticket = nextDeal
    nextDeal += 1n
    return {
      deal: ticket,
      dealId: '',
      tradeOrder: 0n,
      timeCreate: sec(t),
      timeUpdate: sec(t),
      tradeSymbol: spec?.config.name ?? '',
      tradeAction: 0,
      entry: DealEntry.In,
      priceOpen: 0,
      priceClose: 0,
      sl: 0,
      tp: 0,
      tradeVolume: 0n,
      profit: 0,
      rateProfit: 0,
      rateMargin: 0,
      commission: 0,
      storage: 0,
      expert: 0n,
      positionId: 0n,
      comment: '',
      contractSize: spec?.config.contractSize ?? 0,
      digits: spec?.config.digits ?? 0,
      digitsCurrency: acc.config.digits,
      tradeReason: 0,
      timeCreateMs: msPart(t),
      timeUpdateMs: msPart(t),
      commissionFee: 0,
      ...fields,
    }
  }

  return { newOrder, finishOrder, newDeal }
}
