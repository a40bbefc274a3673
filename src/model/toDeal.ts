/**
 * Deal record (cmd 5, cmd 10) → {@link Deal}: time in Unix ms, volume in lots (exact), `price`
 * from `priceOpen`, `magic` from `expert`, `fee` from `commissionFee`, `swap` from `storage`,
 * `externalId` from `dealId`.
 */
import type { DealRecord } from '../codec/schemas/deal.js'
import { volumeToLots } from './lots.js'
import type { Deal } from './types.js'

/** Converts a wire deal into the domain object. */
export function toDeal(record: DealRecord): Deal {
  return {
    ticket: record.deal,
    order: record.tradeOrder,
    positionId: record.positionId,
    symbol: record.tradeSymbol,
    type: record.tradeAction,
    entry: record.entry,
    price: record.priceOpen,
    volume: volumeToLots(record.tradeVolume),
    profit: record.profit,
    commission: record.commission,
    fee: record.commissionFee,
    swap: record.storage,
    sl: record.sl,
    tp: record.tp,
    magic: record.expert,
    comment: record.comment,
    externalId: record.dealId,
    reason: record.tradeReason,
    digits: record.digits,
    contractSize: record.contractSize,
    timeMs: record.timeCreate * 1000 + record.timeCreateMs,
  }
}
