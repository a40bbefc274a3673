/**
 * The `orderHelpers` feature module: one call per order kind, closes, modifications, cancels.
 */
import { buyLimit } from '../actions/orders/buyLimit.js'
import { buyMarket } from '../actions/orders/buyMarket.js'
import { buyStop } from '../actions/orders/buyStop.js'
import { buyStopLimit } from '../actions/orders/buyStopLimit.js'
import {
  type CancelPendingOrderParameters,
  cancelPendingOrder,
} from '../actions/orders/cancelPendingOrder.js'
import { type ClosePositionParameters, closePosition } from '../actions/orders/closePosition.js'
import { type ClosePositionByParameters, closePositionBy } from '../actions/orders/closePositionBy.js'
import {
  type ModifyPendingOrderParameters,
  modifyPendingOrder,
} from '../actions/orders/modifyPendingOrder.js'
import {
  type ModifyPositionSltpParameters,
  modifyPositionSltp,
} from '../actions/orders/modifyPositionSltp.js'
import { sellLimit } from '../actions/orders/sellLimit.js'
import { sellMarket } from '../actions/orders/sellMarket.js'
import { sellStop } from '../actions/orders/sellStop.js'
import { sellStopLimit } from '../actions/orders/sellStopLimit.js'
import type {
  MarketOrderParameters,
  PendingOrderParameters,
  StopLimitOrderParameters,
} from '../actions/orders/types.js'
import type { BaseClient } from '../client/types.js'
import type { TradeResult } from '../model/types.js'
import { bindMethods, type Methods } from './methods.js'

/** Order helpers bound to a client. */
export interface OrderHelperActions {
  buyMarket(params: MarketOrderParameters): Promise<TradeResult>
  sellMarket(params: MarketOrderParameters): Promise<TradeResult>
  buyLimit(params: PendingOrderParameters): Promise<TradeResult>
  sellLimit(params: PendingOrderParameters): Promise<TradeResult>
  buyStop(params: PendingOrderParameters): Promise<TradeResult>
  sellStop(params: PendingOrderParameters): Promise<TradeResult>
  /** `price` = activation (stop) price, `stopLimit` = limit price (official roles). */
  buyStopLimit(params: StopLimitOrderParameters): Promise<TradeResult>
  /** `price` = activation (stop) price, `stopLimit` = limit price (official roles). */
  sellStopLimit(params: StopLimitOrderParameters): Promise<TradeResult>
  closePosition(params: ClosePositionParameters): Promise<TradeResult>
  closePositionBy(params: ClosePositionByParameters): Promise<TradeResult>
  modifyPositionSltp(params: ModifyPositionSltpParameters): Promise<TradeResult>
  modifyPendingOrder(params: ModifyPendingOrderParameters): Promise<TradeResult>
  cancelPendingOrder(params: CancelPendingOrderParameters): Promise<TradeResult>
}

/** The methods of {@link orderHelperActions}, shared by every client of `createClient` (see `./methods.ts`). */
export const orderHelperMethods: Methods<OrderHelperActions> = {
  buyMarket(p) {
    return buyMarket(this, p)
  },
  sellMarket(p) {
    return sellMarket(this, p)
  },
  buyLimit(p) {
    return buyLimit(this, p)
  },
  sellLimit(p) {
    return sellLimit(this, p)
  },
  buyStop(p) {
    return buyStop(this, p)
  },
  sellStop(p) {
    return sellStop(this, p)
  },
  buyStopLimit(p) {
    return buyStopLimit(this, p)
  },
  sellStopLimit(p) {
    return sellStopLimit(this, p)
  },
  closePosition(p) {
    return closePosition(this, p)
  },
  closePositionBy(p) {
    return closePositionBy(this, p)
  },
  modifyPositionSltp(p) {
    return modifyPositionSltp(this, p)
  },
  modifyPendingOrder(p) {
    return modifyPendingOrder(this, p)
  },
  cancelPendingOrder(p) {
    return cancelPendingOrder(this, p)
  },
}

/** Decorator of the order helpers: `client.extend(orderHelperActions)`. */
export function orderHelperActions(client: BaseClient): OrderHelperActions {
  return bindMethods(client, orderHelperMethods)
}
