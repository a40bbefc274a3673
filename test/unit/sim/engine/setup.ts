import type { TradeRequestRecord } from '../../../../src/codec/schemas/tradeRequest.js'
import { createManualClock, type ManualClock } from '../../../../src/sim/engine/clock.js'
import { type BrokerConfig, defaultBroker } from '../../../../src/sim/engine/config.js'
import { lotsToUnits, TradeAction } from '../../../../src/sim/engine/constants.js'
import { engineControl } from '../../../../src/sim/engine/control.js'
import { createEngine, type Engine } from '../../../../src/sim/engine/engine.js'
import { makeRequest } from '../../../../src/sim/engine/request.js'

export const HEDGING = 10001
export const NETTING = 10002
/** Wednesday 2026-01-07 10:00:00 UTC. */
export const START = Date.UTC(2026, 0, 7, 10)

export function setup(mutate?: (broker: BrokerConfig) => void) {
  const broker = defaultBroker()
  mutate?.(broker)
  const clock: ManualClock = createManualClock(START)
  const engine: Engine = createEngine({ broker, clock, seed: 42 })
  engine.setPrice('EURUSD', 1.1, 1.1001)
  engine.setPrice('USDJPY', 150, 150.01)
  const control = engineControl(engine)
  return { broker, clock, engine, control }
}

/** A market-execution market order request (action 3, IOC). */
export function marketReq(
  symbol: string,
  type: 0 | 1,
  lots: number,
  extra: Partial<TradeRequestRecord> = {},
) {
  return makeRequest({
    tradeAction: TradeAction.Market,
    tradeSymbol: symbol,
    tradeType: type,
    tradeVolume: lotsToUnits(lots),
    typeFilling: 1,
    typeFlags: 2,
    ...extra,
  })
}

/** A pending order request (RETURN). */
export function pendingReq(
  symbol: string,
  type: number,
  lots: number,
  price: number,
  extra: Partial<TradeRequestRecord> = {},
) {
  return makeRequest({
    tradeAction: TradeAction.Pending,
    tradeSymbol: symbol,
    tradeType: type,
    tradeVolume: lotsToUnits(lots),
    typeFilling: 2,
    typeFlags: 2,
    priceOrder: price,
    ...extra,
  })
}
