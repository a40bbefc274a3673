/**
 * `mt5web/sim`: a local MT5 Web Terminal server speaking the exact wire protocol, with a trading
 * engine, a seeded price feed, several brokers per process, a typed control API and faults.
 */
export { type SimServer, type SimServerOptions, createSimServer } from './server/createSimServer.js'
export {
  type AccountState,
  type BrokerControl,
  type ConnectionInfo,
  type FaultControl,
  type MarketOrderInput,
  type PlaceOrderInput,
  type SimControl,
} from './server/control.js'
export type { ConnectionSelector, TradeFault } from './server/faults.js'
export type { SessionKeySize } from './server/connection.js'
export {
  type AccountConfig,
  type BrokerConfig,
  type DeriveBrokerOptions,
  type Session,
  type SymbolConfig,
  type WeekSessions,
  ALWAYS_OPEN,
  defaultBroker,
  defineAccount,
  defineSymbol,
  deriveBroker,
  FOREX_WEEK,
  INDEX_WEEK,
} from './engine/config.js'
export { type Clock, type ManualClock, createManualClock, isManualClock, realClock } from './engine/clock.js'
export type { AccountSnapshot, EngineEvent, EngineResult } from './engine/engine.js'
export type { ScriptedTick } from './engine/feed.js'
export { totp } from './server/totp.js'
