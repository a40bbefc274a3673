/**
 * Order record (cmd 4, cmd 5, cmd 10) → {@link Order}: times in Unix ms, volumes in lots (exact),
 * `magic` from `expert`, `externalId` from `orderId`. `timeExpiration` has no ms part.
 */
import type { OrderRecord } from '../codec/schemas/order.js'
import { volumeToLots } from './lots.js'
import type { Order } from './types.js'

/** Converts a wire order into the domain object. */
export function toOrder(record: OrderRecord): Order {
  return {
    ticket: record.tradeOrder,
    symbol: record.tradeSymbol,
    type: record.orderType,
    state: record.orderState,
    filling: record.typeFilling,
    timeType: record.typeTime,
    reason: record.typeReason,
    priceOrder: record.priceOrder,
    priceTrigger: record.priceTrigger,
    priceCurrent: record.priceCurrent,
    sl: record.priceSl,
    tp: record.priceTp,
    volumeInitial: volumeToLots(record.volumeInitial),
    volumeCurrent: volumeToLots(record.volumeCurrent),
    magic: record.expert,
    positionId: record.positionId,
    comment: record.comment,
    externalId: record.orderId,
    digits: record.digits,
    contractSize: record.contractSize,
    timeSetupMs: record.timeSetup * 1000 + record.timeSetupMs,
    timeExpirationMs: record.timeExpiration * 1000,
    timeDoneMs: record.timeDone * 1000 + record.timeDoneMs,
  }
}
