/**
 * The `trading` feature module: trade requests, checks, calculations and queries bound to a client.
 */
import { type HistoryParameters, history, type TradeHistory } from '../actions/trading/history.js'
import { type OrderCalcMarginParameters, orderCalcMargin } from '../actions/trading/orderCalcMargin.js'
import { type OrderCalcProfitParameters, orderCalcProfit } from '../actions/trading/orderCalcProfit.js'
import { orderCheck } from '../actions/trading/orderCheck.js'
import { type OrdersParameters, orders } from '../actions/trading/orders.js'
import { type PositionsParameters, positions } from '../actions/trading/positions.js'
import { positionsAndOrders, type TradeSnapshot } from '../actions/trading/positionsAndOrders.js'
import { type TradeRequestOptions, tradeRequest } from '../actions/trading/tradeRequest.js'
import type { BaseClient } from '../client/types.js'
import type { Order, Position, TradeResult } from '../model/types.js'
import type { OrderCheckResult } from '../tradeRules/orderCheck.js'
import type { TradeRequestParameters } from '../tradeRules/requestTypes.js'
import { createOrderManager, type OrderManager } from '../tradeState/OrderManager.js'
import { bindMethods, type Methods } from './methods.js'

/** Trading actions bound to a client. */
export interface TradingActions {
  /** Sends a validated trade request; see `tradeRequest`. */
  tradeRequest(request: TradeRequestParameters, options?: TradeRequestOptions): Promise<TradeResult>
  /** Local MT5-style order check; see `orderCheck`. */
  orderCheck(request: TradeRequestParameters): Promise<OrderCheckResult>
  /** Margin in the account currency; see `orderCalcMargin`. */
  orderCalcMargin(params: OrderCalcMarginParameters): Promise<number>
  /** Profit in the account currency; see `orderCalcProfit`. */
  orderCalcProfit(params: OrderCalcProfitParameters): Promise<number>
  /** Open positions; see `positions`. */
  positions(params?: PositionsParameters): Promise<Position[]>
  /** Open orders; see `orders`. */
  orders(params?: OrdersParameters): Promise<Order[]>
  /** Open positions and orders in one cmd 4 request; see `positionsAndOrders`. */
  positionsAndOrdersSnapshot(): Promise<TradeSnapshot>
  /** Deals and history orders; see `history`. */
  history(params?: HistoryParameters): Promise<TradeHistory>
  /** A live order/position book kept current from pushes; call `start()` on it. */
  orderManager(): OrderManager
}

/** The methods of {@link tradingActions}, shared by every client of `createClient` (see `./methods.ts`). */
export const tradingMethods: Methods<TradingActions> = {
  tradeRequest(request, options) {
    return tradeRequest(this, request, options)
  },
  orderCheck(request) {
    return orderCheck(this, request)
  },
  orderCalcMargin(params) {
    return orderCalcMargin(this, params)
  },
  orderCalcProfit(params) {
    return orderCalcProfit(this, params)
  },
  positions(params) {
    return positions(this, params)
  },
  orders(params) {
    return orders(this, params)
  },
  positionsAndOrdersSnapshot() {
    return positionsAndOrders(this)
  },
  history(params) {
    return history(this, params)
  },
  orderManager() {
    return createOrderManager(this)
  },
}

/**
 * Decorator of the trading module: `createBaseClient(o).extend(marketDataActions).extend(tradingActions)`.
 * Needs the marketData module for symbol specifications and quotes.
 */
export function tradingActions(client: BaseClient): TradingActions {
  return bindMethods(client, tradingMethods)
}
