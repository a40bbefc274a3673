/**
 * mt5web-copier: mirrors one source account's pending orders onto many target accounts.
 *
 * Functional core ({@link plan}: pure, deterministic), imperative shell ({@link createCopier}: the
 * SDK connections, pushes, reconcile schedule, SQLite state). A bot can embed the copier through
 * `createCopier`, or run the planner alone on its own data.
 *
 * @packageDocumentation
 */

// Configuration
export {
  type LoadConfigOptions,
  loadConfig,
  mergeConfig,
  parseConfig,
  resolveTargets,
} from './config/load.js'
export {
  type AccountConfig,
  type CopierConfig,
  type CopierConfigInput,
  copierConfigSchema,
  type LotsConfig,
  type PendingOrderType,
  pendingOrderTypes,
  type TargetConfig,
  type TradingWindow,
} from './config/schema.js'
export { resolveSecret, type SecretSources } from './config/secrets.js'
export { configTemplate } from './config/template.js'
// Errors
export {
  ConfigError,
  type ConfigIssue,
  CopierError,
  type CopierErrorCode,
  copierErrorCodes,
  HttpServerError,
  LeaseError,
  SecretError,
  StateError,
  TagError,
} from './errors.js'
// Fleet (PostgreSQL state)
export type { FleetInstanceRow, FleetLeaseRow, FleetSnapshot } from './fleet/leases.js'
// Status page, JSON API, metrics
export { type ServeStatusOptions, serveStatus } from './http/serve.js'
export {
  isLoopback,
  parseListen,
  type StatusServer,
  type StatusServerOptions,
  startStatusServer,
} from './http/server.js'
export type {
  AccountGaveUp,
  AccountInspection,
  AccountView,
  ActionView,
  ConnectionState,
  CopierInspection,
  CopierStatus,
  CopierStatusSource,
  CopyState,
  CopyView,
  FleetView,
  InspectableCopier,
  OrphanView,
  SourceOrderView,
  StatusChange,
} from './http/status.js'
export { createStatusTracker, type StatusTracker, type StatusTrackerOptions } from './http/tracker.js'
// Comment tag
export { formatTag, parseTag, type TagScope } from './link/tag.js'
export {
  type CopierMetrics,
  type CopierMetricsOptions,
  createCopierMetrics,
  type MetricsEventSource,
} from './metrics/metrics.js'
// Planner
export { plan } from './plan/plan.js'
export { createSymbolMapper, type SymbolMapper } from './plan/symbols.js'
export type {
  CancelIntent,
  ConvertToMarketIntent,
  CopyOrder,
  GoneReason,
  Intent,
  LeaveIntent,
  Link,
  LinkIntent,
  LinkStatus,
  ModifiableField,
  ModifyIntent,
  OrderFields,
  OrderTimeType,
  OrphanClearedIntent,
  OrphanSeenIntent,
  PlaceIntent,
  Plan,
  PlanInput,
  Quote,
  ReasonCode,
  Refusal,
  RefuseIntent,
  SessionWindow,
  SkipTargetIntent,
  SourceView,
  SymbolSpec,
  TargetView,
} from './plan/types.js'
export { linkKey } from './plan/types.js'
// Service
export {
  type AccountSnapshot,
  type Copier,
  type CopierOptions,
  createCopier,
  type ReconcileOptions,
} from './service/copier.js'
export type {
  AccountStatus,
  ActionEvent,
  ActionKind,
  CopierEvents,
  FleetEvent,
  ReconcileSummary,
} from './service/events.js'
export { type IdleGc, type IdleGcOptions, startIdleGc } from './service/idleGc.js'
export { PUSH_TRACE_CHANNEL, type PushMark, type PushStage } from './service/trace.js'
// State
export { isPostgresStore, type OpenStateOptions, openStateStore } from './state/open.js'
export { redactPgUrl } from './state/pgUrl.js'
export {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
  type StoreFence,
} from './state/postgres.js'
export { openSqliteStore, type SqliteStoreOptions } from './state/sqlite.js'
export type {
  ActionRecord,
  CloseIntent,
  IntentKind,
  IntentRecord,
  IntentStatus,
  OpenIntent,
  OrphanCounter,
  RefusalRecord,
  Store,
  StoreChange,
  StoreState,
} from './state/store.js'
