/**
 * `mt5web/sim`: a local MT5 Web Terminal server speaking the exact wire protocol, with a trading
 * engine, a seeded price feed, several brokers per process, a typed control API and faults.
 */

export { type Clock, createManualClock, isManualClock, type ManualClock, realClock } from './engine/clock.js'
export {
  type AccountConfig,
  ALWAYS_OPEN,
  type BrokerConfig,
  type DeriveBrokerOptions,
  defaultBroker,
  defineAccount,
  defineSymbol,
  deriveBroker,
  FOREX_WEEK,
  INDEX_WEEK,
  type Session,
  type SymbolConfig,
  type WeekSessions,
} from './engine/config.js'
export type { AccountSnapshot, EngineEvent, EngineResult } from './engine/engine.js'
export type { ScriptedTick } from './engine/feed.js'
export type { SessionKeySize } from './server/connection.js'
export type {
  AccountState,
  BrokerControl,
  ConnectionInfo,
  FaultControl,
  MarketOrderInput,
  PlaceOrderInput,
  SimControl,
} from './server/control.js'
export { createSimServer, type SimServer, type SimServerOptions } from './server/createSimServer.js'
export type { ConnectionSelector, TradeFault } from './server/faults.js'
export { DEFAULT_SIM_LIMITS, type SimServerLimits } from './server/limits.js'
export { totp } from './server/totp.js'
