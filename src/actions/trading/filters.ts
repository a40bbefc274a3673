/**
 * Filters shared by `positions`, `orders` and `history`. All given filters must match.
 */
import { matchesGroupMask } from '../../tradeRules/masks.js'

/** Filters of position/order/deal queries. */
export interface TradeFilter {
  /** Exact symbol name. */
  symbol?: string | undefined
  /** Group mask over the symbol name: `*`, `?`, `[…]`, comma-separated, `!` excludes (e.g. `"*USD*,!EUR*"`). */
  group?: string | undefined
  /** Ticket of the position / order / deal. */
  ticket?: bigint | undefined
  /** Expert id ("magic") reported by the server. The web trade request cannot set it. */
  magic?: bigint | undefined
}

/** True when `item` passes every given filter. */
export function matchesFilter(
  item: { symbol: string; ticket: bigint; magic: bigint },
  filter: TradeFilter | undefined,
): boolean {
  if (!filter) return true
  if (filter.symbol !== undefined && item.symbol !== filter.symbol) return false
  if (filter.group !== undefined && !matchesGroupMask(filter.group, item.symbol)) return false
  if (filter.ticket !== undefined && item.ticket !== filter.ticket) return false
  if (filter.magic !== undefined && item.magic !== filter.magic) return false
  return true
}
