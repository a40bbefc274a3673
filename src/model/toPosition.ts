/**
 * Position record (cmd 4, cmd 10) → {@link Position}: times in Unix ms (`s × 1000 + ms part`),
 * volume in lots (exact), `magic` from `expert`, `swap` from `storage`.
 */
import type { PositionRecord } from '../codec/schemas/position.js'
import { volumeToLots } from './lots.js'
import type { Position } from './types.js'

/** Converts a wire position into the domain object. */
export function toPosition(record: PositionRecord): Position {
  return {
    ticket: record.positionId,
    order: record.tradeOrder,
    symbol: record.tradeSymbol,
    type: record.tradeAction,
    volume: volumeToLots(record.tradeVolume),
    priceOpen: record.priceOpen,
    priceCurrent: record.priceClose,
    sl: record.sl,
    tp: record.tp,
    profit: record.profit,
    swap: record.storage,
    commission: record.commission,
    magic: record.expert,
    comment: record.comment,
    digits: record.digits,
    contractSize: record.contractSize,
    reason: record.tradeReason,
    externalId: record.externalId,
    timeCreateMs: record.timeCreate * 1000 + record.timeCreateMs,
    timeUpdateMs: record.timeUpdate * 1000 + record.timeUpdateMs,
  }
}
