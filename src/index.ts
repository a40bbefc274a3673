/**
 * mt5web — a TypeScript SDK for the MetaTrader 5 Web Terminal protocol.
 *
 * @packageDocumentation
 */
export {
  AbortedError,
  isMt5Error,
  MT5ConnectionError,
  MT5TimeoutError,
  Mt5Error,
  type Mt5ErrorCode,
  type Mt5ErrorOptions,
  ProtocolError,
  type ProtocolErrorDetails,
  ServerError,
  SessionError,
  SymbolNotFoundError,
  TradeError,
  TradeOutcomeUnknownError,
  ValidationError,
  errorCodes,
} from './errors.js'
export { tickSchema, type TickRecord } from './codec/schemas/tick.js'
export { tradeSettingsSchema, type TradeSettings } from './codec/schemas/tradeSettings.js'
export { defineRecord, record, type Infer, type InferShape, type RecordSchema, type Shape } from './codec/defineRecord.js'
