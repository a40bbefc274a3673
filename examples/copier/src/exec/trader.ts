/**
 * What the executor needs from a target's SDK client: the public trading calls only, so tests and a
 * bot can hand in any `Mt5Client` (or a narrower object).
 */
import type { Mt5Client } from 'mt5web'

/** The trading calls of a target client the executor uses. */
export interface TargetTrader
  extends Pick<
    Mt5Client,
    'tradeRequest' | 'orderCheck' | 'orders' | 'history' | 'buyMarket' | 'sellMarket'
  > {}

/** The SDK's trade request parameters (the type of `tradeRequest`'s first argument). */
export type TradeRequestParameters = Parameters<Mt5Client['tradeRequest']>[0]
