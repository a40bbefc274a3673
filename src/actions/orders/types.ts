/** Parameters shared by the order helpers. */
import type { TradeOptions } from '../../tradeRules/requestTypes.js'

/** Options every helper accepts. */
export interface OrderHelperOptions extends TradeOptions {
  /** Comment (≤ 32 characters); the only way to tag orders — the web request has no magic field. */
  comment?: string | undefined
}

/** A market order. */
export interface MarketOrderParameters extends OrderHelperOptions {
  symbol: string
  /** Lots. */
  volume: number
  sl?: number | undefined
  tp?: number | undefined
  /** Max deviation in points (request/instant execution). */
  deviation?: number | undefined
  /** Filling; default from the symbol's execution mode (official table). */
  filling?: number | undefined
  /** Price for request/instant execution; default: the current ask (buy) / bid (sell). */
  price?: number | undefined
}

/** A limit or stop order. */
export interface PendingOrderParameters extends OrderHelperOptions {
  symbol: string
  /** Lots. */
  volume: number
  /** Order price (limit or stop price). */
  price: number
  sl?: number | undefined
  tp?: number | undefined
  /** Default RETURN. */
  filling?: number | undefined
  /** `OrderTime` (default GTC). */
  timeType?: number | undefined
  /** For SPECIFIED / SPECIFIED_DAY: Unix seconds or a Date. */
  expiration?: number | Date | undefined
}

/** A stop-limit order (official roles). */
export interface StopLimitOrderParameters extends PendingOrderParameters {
  /** The activation (stop) price — sent as `priceOrder`. */
  price: number
  /** The limit price of the order placed on activation — sent as `priceTrigger`. */
  stopLimit: number
}
