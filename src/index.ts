/**
 * mt5web — a TypeScript SDK for the MetaTrader 5 Web Terminal protocol.
 *
 * Start with {@link createClient}. Raw wire records (`…Record` types and their schemas) are exported
 * for advanced use; the client hands out the domain types (`Tick`, `Position`, `Order`, …).
 *
 * @packageDocumentation
 */

export type { FullSymbolInfo, SymbolSession } from './actions/market/fullSymbolInfo.js'
export type { SubscribeTicksOptions, TickSubscription, Unsubscribe } from './actions/market/subscribeTicks.js'
export type { TickCacheStats } from './actions/market/tickCacheStats.js'
export { createBaseClient } from './client/createBaseClient.js'
// Client
export { createClient, type Mt5Client } from './client/createClient.js'
export { type EventStreamOptions, eventStream } from './client/eventStream.js'
export type {
  BaseClient,
  ClientEvents,
  ClientOptions,
  ClientState,
  ClientStatus,
  DisconnectInfo,
  HealthReport,
  Logger,
  LoginStatus,
  ReconnectOptions,
  RequestOptions,
  TradeTransaction,
} from './client/types.js'
// Codec (advanced): record schemas compiled to DataView decoders/encoders
export { BodyReader, BodyWriter } from './codec/cursor.js'
export {
  defineRecord,
  type Infer,
  type InferShape,
  type RecordSchema,
  record,
  type Shape,
} from './codec/defineRecord.js'
export {
  array,
  bytes,
  type Field,
  f32,
  f64,
  filetime,
  i8,
  i16,
  i32,
  i64,
  i64AsNumber,
  latin1,
  u8,
  u16,
  u32,
  u64,
  utf16,
} from './codec/fields.js'
export { MAX_BOOK_LEVELS } from './codec/messages/book.js'
export { MAX_SYMBOLS } from './codec/messages/symbols.js'
export { roundToDigits, scalePrice, unscalePrice } from './codec/scale.js'
export { type AccountDocumentRecord, accountDocumentSchema } from './codec/schemas/accountDocument.js'
export { type AccountMainRecord, accountMainSchema } from './codec/schemas/accountMain.js'
export {
  type AccountOpeningFormRecord,
  accountOpeningFormSchema,
} from './codec/schemas/accountOpeningForm.js'
export { type BookHeaderRecord, bookHeaderSchema } from './codec/schemas/bookHeader.js'
export { type BookLevelRecord, bookLevelSchema } from './codec/schemas/bookLevel.js'
export {
  type ChangePasswordRequestRecord,
  changePasswordRequestSchema,
} from './codec/schemas/changePasswordRequest.js'
export { type CommissionRecord, commissionSchema } from './codec/schemas/commission.js'
export { type CommissionTierRecord, commissionTierSchema } from './codec/schemas/commissionTier.js'
export { type CorporateLinkRecord, corporateLinkSchema } from './codec/schemas/corporateLink.js'
export { type DealRecord, dealSchema } from './codec/schemas/deal.js'
export { type FullSymbolRecord, fullSymbolSchema } from './codec/schemas/fullSymbol.js'
export { type HistoryRequestRecord, historyRequestSchema } from './codec/schemas/historyRequest.js'
export { type InitRequestRecord, initRequestSchema } from './codec/schemas/initRequest.js'
export { type LeverageRuleRecord, leverageRuleSchema } from './codec/schemas/leverageRule.js'
export { type LeverageTierRecord, leverageTierSchema } from './codec/schemas/leverageTier.js'
export { type LoginRequestRecord, loginRequestSchema } from './codec/schemas/loginRequest.js'
export { type LoginResponseRecord, loginResponseSchema } from './codec/schemas/loginResponse.js'
export {
  type OpenAccountResponseRecord,
  openAccountResponseSchema,
} from './codec/schemas/openAccountResponse.js'
export { type OrderRecord, orderSchema } from './codec/schemas/order.js'
export { type OtpRequestRecord, otpRequestSchema } from './codec/schemas/otpRequest.js'
export { type PositionRecord, positionSchema } from './codec/schemas/position.js'
export { type RateBarRecord, rateBarSchema } from './codec/schemas/rateBar.js'
export {
  type RealAccountExtensionRecord,
  realAccountExtensionSchema,
} from './codec/schemas/realAccountExtension.js'
export {
  type ScheduleRecord,
  type SessionRecord,
  scheduleSchema,
  sessionSchema,
} from './codec/schemas/scheduleSession.js'
export { type SpreadHeaderRecord, spreadHeaderSchema } from './codec/schemas/spreadHeader.js'
export { type SpreadLegRecord, spreadLegSchema } from './codec/schemas/spreadLeg.js'
export { type SubscriptionRecord, subscriptionSchema } from './codec/schemas/subscription.js'
export { type SymbolBasicRecord, symbolBasicSchema } from './codec/schemas/symbolBasic.js'
export { type SymbolDetailsRecord, symbolDetailsSchema } from './codec/schemas/symbolDetails.js'
export { type SymbolGroupRecord, symbolGroupSchema } from './codec/schemas/symbolGroup.js'
export { type SymbolIdEntryRecord, symbolIdEntrySchema } from './codec/schemas/symbolIdList.js'
export {
  type TickNumberRecord,
  type TickRecord,
  tickNumberSchema,
  tickSchema,
} from './codec/schemas/tick.js'
export { type TradeRequestRecord, tradeRequestSchema } from './codec/schemas/tradeRequest.js'
export { type TradeRequestPymt5Record, tradeRequestPymt5Schema } from './codec/schemas/tradeRequestPymt5.js'
export { type TradeResultRecord, tradeResultSchema } from './codec/schemas/tradeResult.js'
export { type TraderParamsRecord, traderParamsSchema } from './codec/schemas/traderParams.js'
export { type TradeSettings, tradeSettingsSchema } from './codec/schemas/tradeSettings.js'
export {
  type TradeTransactionHeaderRecord,
  tradeTransactionHeaderSchema,
} from './codec/schemas/tradeTransactionHeader.js'
export { type TxBalanceTailRecord, txBalanceTailSchema } from './codec/schemas/txBalanceTail.js'
export {
  type VerificationStatusRecord,
  verificationStatusSchema,
} from './codec/schemas/verificationStatus.js'
export {
  minutesFromPeriodCode,
  periodCodeFromMinutes,
  Timeframe,
  type TimeframeName,
  timeframeMinutes,
} from './codec/timeframe.js'
export { lotsToUnits, unitsToLots, VOLUME_UNITS_PER_LOT } from './codec/volume.js'
// Feature modules (decorators for `createBaseClient(options).extend(…)`)
export { type AccountActions, accountActions } from './decorators/account.js'
export { type MarketDataActions, marketDataActions } from './decorators/marketData.js'
export { type OrderHelperActions, orderHelperActions } from './decorators/orderHelpers.js'
export { type PushHandlers, pushHandlers } from './decorators/pushHandlers.js'
export { type TradingActions, tradingActions } from './decorators/trading.js'
// Enumerations and conversions
export {
  AccountPermissions,
  AccountRights,
  AccountType,
  BookType,
  CalcMode,
  DealEntry,
  DealType,
  ExecutionMode,
  FillFlags,
  isBalanceDeal,
  isBuy,
  isLimit,
  isMarketAction,
  isPending,
  isRetcodeFinal,
  isRetcodeSuccess,
  isSell,
  isStop,
  isStopLimit,
  MarginMode,
  OrderFilling,
  OrderFlags,
  OrderState,
  OrderTime,
  OrderType,
  PositionType,
  RequestFlags,
  ResponseCode,
  responseCodeMessage,
  retcodeDescription,
  SymbolTradeMode,
  TickFields,
  TimeFlags,
  TradeAction,
  TradeRetcode,
  TransactionFlag,
  TransactionType,
} from './enums.js'
// Errors
export {
  AbortedError,
  errorCodes,
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
} from './errors.js'
export {
  DEFAULT_PROCESS_TICK_LIMIT,
  processTickUsage,
  setProcessTickLimit,
} from './marketState/tickBudget.js'
// JSON form of results (bigint → decimal string)
export { type JsonForm, jsonReplacer, toJSON, toJsonValue } from './model/json.js'
export type {
  AccountSummary,
  Bar,
  Book,
  BookLevel,
  Deal,
  Order,
  Position,
  SymbolInfo,
  Tick,
  TradeResult,
} from './model/types.js'
// Pool: many accounts in one process
export { createPool, DEFAULT_POOL_CONCURRENCY } from './pool/createPool.js'
export type {
  Pool,
  PoolAccount,
  PoolAccountConfig,
  PoolAccountHealth,
  PoolAccountStatus,
  PoolClientOptions,
  PoolConnectResult,
  PoolEvents,
  PoolGaveUp,
  PoolOptions,
  PoolSubscriptionResult,
  PoolTickSubscription,
} from './pool/types.js'
// Protocol and transport (advanced)
export { ALLOWED_COMMANDS, Command, type CommandId, isAllowedCommand } from './protocol/commands.js'
// Trading helpers: rounding to a symbol's grids, sessions
export { isOnPriceGrid, normalizePrice } from './tradeRules/normalizePrice.js'
export { roundVolumeToStep, type VolumeRounding } from './tradeRules/roundVolume.js'
export { isSessionOpen } from './tradeRules/sessions.js'
export {
  type ConnectOptions,
  createTransport,
  DEFAULT_MAX_FRAME_BYTES,
  type PushListener,
  type SessionInfo,
  type Transport,
  type TransportEvents,
  type TransportOptions,
  type TransportRequestOptions,
  type TransportState,
} from './transport/transport.js'
