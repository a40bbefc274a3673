/**
 * Broker configuration of the simulator: symbols (specification, trade settings, sessions, price
 * feed parameters) and accounts. Volumes are in lots here; `resolveSymbol` converts them to wire
 * units (lots × 10^8) in a `TradeSettings` block.
 */
import { pointOf } from '../../codec/scale.js'
import type { TradeSettings } from '../../codec/schemas/tradeSettings.js'
import { CalcMode, ExeMode, lotsToUnits, MarginMode, TradeMode } from './constants.js'

/** One session, minutes from 00:00 server time (`close` 1440 = midnight). */
export interface Session {
  open: number
  close: number
}

/** Seven days (index 0 = Sunday) of sessions. */
export type WeekSessions = readonly (readonly Session[])[]

/** A symbol as a broker defines it. */
export interface SymbolConfig {
  name: string
  description: string
  /** Backslash-separated path, e.g. `Forex\Majors\EURUSD`. */
  path: string
  digits: number
  contractSize: number
  tickSize: number
  /** Value of one tick for one lot, in the profit currency. */
  tickValue: number
  currencyBase: string
  currencyProfit: string
  currencyMargin: string
  /** `tradeCalcMode` (enums). */
  calcMode: number
  /** 0 disabled, 1 long only, 2 short only, 3 close only, 4 full. */
  tradeMode: number
  /** Points. */
  stopsLevel: number
  /** Points. */
  freezeLevel: number
  /** 0 request, 1 instant, 2 market, 3 exchange. */
  exemode: number
  /** Bit mask 1 FOK, 2 IOC, 4 BOC. */
  fillFlags: number
  /** Bit mask 1 GTC, 2 DAY, 4 SPECIFIED, 8 SPECIFIED_DAY. */
  timeFlags: number
  /** Bit mask 1 market, 2 limit, 4 stop, 8 stop-limit, 16 SL, 32 TP, 64 close-by. */
  orderFlags: number
  /** Lots. */
  volumeMin: number
  /** Lots. */
  volumeMax: number
  /** Lots. */
  volumeStep: number
  /** Lots, 0 = none: max aggregate volume of positions and pending orders in one direction. */
  volumeLimit: number
  /** Futures/exchange: fixed initial margin per lot (0 = computed). */
  marginInitial: number
  marginMaintenance: number
  /** Multiplier applied to the calculated margin (MT5 margin rate), default 1. */
  marginRate: number
  /** Bonds. */
  faceValue: number
  accruedInterest: number
  swapLong: number
  swapShort: number
  /** Initial bid of the feed. */
  initialBid: number
  /** Spread of the feed in points. */
  spread: number
  /** Random-walk step (standard deviation) in points per tick. */
  volatility: number
  /** Quote sessions per weekday. */
  quoteSessions: WeekSessions
  /** Trade sessions per weekday; outside them trade requests fail with 10018. */
  tradeSessions: WeekSessions
  /** Liquidity per fill in lots (0 = unlimited): larger requests fill partially (IOC/RETURN) or fail (FOK). */
  maxFillVolume: number
  /** Max volume of an instant-execution request in lots (0 = no limit). */
  instantVolume: number
}

/** An account as a broker defines it. */
export interface AccountConfig {
  login: number
  password: string
  investorPassword: string
  name: string
  currency: string
  /** Currency digits. */
  digits: number
  leverage: number
  balance: number
  credit: number
  /** 0 retail netting, 1 exchange, 2 retail hedging. */
  marginMode: number
  /** Max number of active pending orders (0 = unlimited). */
  maxPendingOrders: number
  /** `rights` bit mask: 4 trading disabled, 8 investor, 512 read-only. */
  rights: number
  /** 0 real, 1 demo, 2 contest. */
  accountType: number
  /** Margin call / stop-out levels in percent. */
  marginSoCall: number
  marginSoSo: number
}

/** A broker: its server identity, symbols and accounts. */
export interface BrokerConfig {
  name: string
  /** Trade server name shown to clients. */
  serverName: string
  company: string
  /** Seconds added to UTC for the server clock (informative; the engine clock is server time). */
  timezoneShift: number
  symbols: SymbolConfig[]
  accounts: AccountConfig[]
  /** First order ticket (default 10 000 000). Positions reuse the opening order ticket. */
  firstOrderTicket?: bigint
  /** First deal ticket (default 5 000 000). */
  firstDealTicket?: bigint
}

/** A symbol with its wire-unit trade settings, as the engine uses it. */
export interface SymbolSpec {
  config: SymbolConfig
  /** Effective trade settings (volumes in lots × 10^8). */
  trade: TradeSettings
  /** `10^-digits`. */
  point: number
  /** Liquidity per fill in wire units (0n = unlimited). */
  maxFillUnits: bigint
}

const DAY_FULL: readonly Session[] = [{ open: 0, close: 1440 }]
/** Monday to Friday, all day. */
export const FOREX_WEEK: WeekSessions = [[], DAY_FULL, DAY_FULL, DAY_FULL, DAY_FULL, DAY_FULL, []]
/** Monday to Friday, 01:00–22:00. */
export const INDEX_WEEK: WeekSessions = [
  [],
  ...Array.from({ length: 5 }, () => [{ open: 60, close: 1320 }]),
  [],
]
/** Every day, all day. */
export const ALWAYS_OPEN: WeekSessions = Array.from({ length: 7 }, () => DAY_FULL)

/**
 * `a × b` without binary noise for short decimals (100 000 × 0.00001 is 0.9999999999999999 in
 * doubles, and users read the tick value): 15 significant digits hold any product of two
 * specification values exactly.
 */
function decimalProduct(a: number, b: number): number {
  return Number((a * b).toPrecision(15))
}

/** Builds a symbol config from a few fields; the rest take forex-like defaults. */
export function defineSymbol(fields: Partial<SymbolConfig> & Pick<SymbolConfig, 'name'>): SymbolConfig {
  const digits = fields.digits ?? 5
  const tickSize = fields.tickSize ?? pointOf(digits)
  const contractSize = fields.contractSize ?? 100_000
  const base = fields.currencyBase ?? fields.name.slice(0, 3)
  return {
    description: fields.name,
    path: `Forex\\${fields.name}`,
    digits,
    contractSize,
    tickSize,
    tickValue: decimalProduct(contractSize, tickSize),
    currencyBase: base,
    currencyProfit: fields.name.slice(3, 6),
    currencyMargin: base,
    calcMode: CalcMode.Forex,
    tradeMode: TradeMode.Full,
    stopsLevel: 0,
    freezeLevel: 0,
    exemode: ExeMode.Market,
    fillFlags: 1 | 2,
    timeFlags: 15,
    orderFlags: 127,
    volumeMin: 0.01,
    volumeMax: 100,
    volumeStep: 0.01,
    volumeLimit: 0,
    marginInitial: 0,
    marginMaintenance: 0,
    marginRate: 1,
    faceValue: 0,
    accruedInterest: 0,
    swapLong: 0,
    swapShort: 0,
    initialBid: 1,
    spread: 10,
    volatility: 3,
    quoteSessions: FOREX_WEEK,
    tradeSessions: FOREX_WEEK,
    maxFillVolume: 0,
    instantVolume: 0,
    ...fields,
  }
}

/** Builds an account config; unspecified fields take demo defaults (USD, 1:100, hedging). */
export function defineAccount(fields: Partial<AccountConfig> & Pick<AccountConfig, 'login'>): AccountConfig {
  return {
    password: 'Demo1234',
    investorPassword: 'Invest1234',
    name: `Demo ${fields.login}`,
    currency: 'USD',
    digits: 2,
    leverage: 100,
    balance: 100_000,
    credit: 0,
    marginMode: MarginMode.RetailHedging,
    maxPendingOrders: 200,
    rights: 0,
    accountType: 1,
    marginSoCall: 100,
    marginSoSo: 50,
    ...fields,
  }
}

/**
 * The default broker: six forex majors, two metals (CFD leverage), an index (CFD index, 5 % margin
 * rate, 01:00–22:00 sessions), a funded hedging demo account (10001) and a netting one (10002).
 */
export function defaultBroker(): BrokerConfig {
  return {
    name: 'SimBroker',
    serverName: 'SimBroker-Demo',
    company: 'SimBroker Ltd.',
    timezoneShift: 0,
    symbols: [
      defineSymbol({ name: 'EURUSD', description: 'Euro vs US Dollar', initialBid: 1.085 }),
      defineSymbol({ name: 'GBPUSD', description: 'Great Britain Pound vs US Dollar', initialBid: 1.27 }),
      defineSymbol({ name: 'USDJPY', description: 'US Dollar vs Japanese Yen', digits: 3, initialBid: 150 }),
      defineSymbol({ name: 'AUDUSD', description: 'Australian Dollar vs US Dollar', initialBid: 0.66 }),
      defineSymbol({ name: 'USDCHF', description: 'US Dollar vs Swiss Franc', initialBid: 0.88 }),
      defineSymbol({ name: 'USDCAD', description: 'US Dollar vs Canadian Dollar', initialBid: 1.36 }),
      defineSymbol({
        name: 'XAUUSD',
        description: 'Gold vs US Dollar',
        path: 'Metals\\XAUUSD',
        digits: 2,
        contractSize: 100,
        currencyMargin: 'USD',
        calcMode: CalcMode.CfdLeverage,
        initialBid: 2000,
        spread: 30,
        volatility: 20,
        volumeMax: 50,
      }),
      defineSymbol({
        name: 'XAGUSD',
        description: 'Silver vs US Dollar',
        path: 'Metals\\XAGUSD',
        digits: 3,
        contractSize: 5000,
        currencyMargin: 'USD',
        calcMode: CalcMode.CfdLeverage,
        initialBid: 25,
        spread: 20,
        volatility: 5,
        volumeMax: 50,
      }),
      defineSymbol({
        name: 'US500',
        description: 'S&P 500 Index CFD',
        path: 'Indices\\US500',
        digits: 2,
        contractSize: 1,
        tickSize: 0.01,
        tickValue: 0.01,
        currencyBase: 'USD',
        currencyProfit: 'USD',
        currencyMargin: 'USD',
        calcMode: CalcMode.CfdIndex,
        marginRate: 0.05,
        initialBid: 5000,
        spread: 50,
        volatility: 25,
        volumeMin: 0.1,
        volumeStep: 0.1,
        volumeMax: 500,
        quoteSessions: INDEX_WEEK,
        tradeSessions: INDEX_WEEK,
      }),
    ],
    accounts: [
      defineAccount({ login: 10001, name: 'Demo Hedging' }),
      defineAccount({ login: 10002, name: 'Demo Netting', marginMode: MarginMode.RetailNetting }),
    ],
  }
}

/** How `deriveBroker` changes a broker. */
export interface DeriveBrokerOptions {
  name: string
  serverName?: string
  /** Renames every symbol, e.g. `(n) => n + '.m'` or `(n) => n + 'pro'`. */
  rename?: (name: string) => string
  /** Overrides on every symbol (volumes in lots). */
  symbolOverrides?: Partial<Omit<SymbolConfig, 'name'>>
  /** Replaces the accounts (default: copies with the same logins). */
  accounts?: AccountConfig[]
}

/** Derives a broker from another one (renamed symbols, other volume settings): multi-broker setups. */
export function deriveBroker(base: BrokerConfig, options: DeriveBrokerOptions): BrokerConfig {
  const rename = options.rename ?? ((n: string) => n)
  return {
    ...base,
    name: options.name,
    serverName: options.serverName ?? `${options.name}-Demo`,
    symbols: base.symbols.map((s) => {
      const name = rename(s.name)
      const path = s.path.endsWith(s.name) ? s.path.slice(0, s.path.length - s.name.length) + name : s.path
      return { ...s, ...options.symbolOverrides, name, path }
    }),
    accounts: options.accounts ?? base.accounts.map((a) => ({ ...a })),
  }
}

const SENTINEL_FREE: readonly number[] = [1, 1, 1, 1, 1, 1, 1, 1]

/** Resolves a symbol config into the engine's view, with a wire `TradeSettings` block. */
export function resolveSymbol(config: SymbolConfig): SymbolSpec {
  const trade: TradeSettings = {
    symbolPath: config.path,
    spreadDiff: 0,
    spreadDiffBalance: 0,
    tradeMode: config.tradeMode,
    tradeStopsLevel: config.stopsLevel,
    tradeFreezeLevel: config.freezeLevel,
    tradeExemode: config.exemode,
    tradeFillFlags: config.fillFlags,
    tradeTimeFlags: config.timeFlags,
    tradeOrderFlags: config.orderFlags,
    tradeRequestFlags: 0,
    tradeRequestTimeout: 30,
    tradeInstantFlags: 0,
    tradeInstantTimeout: 7,
    tradeInstantSlipProfit: 0,
    tradeInstantSlipLosing: 0,
    tradeInstantVolume: lotsToUnits(config.instantVolume),
    tradeInstantCheckmode: 0,
    tradeMarketFlags: 0,
    tradeExchangeFlags: 0,
    volumeMin: lotsToUnits(config.volumeMin),
    volumeMax: lotsToUnits(config.volumeMax),
    volumeStep: lotsToUnits(config.volumeStep),
    volumeLimit: lotsToUnits(config.volumeLimit),
    marginFlags: 0,
    marginInitial: config.marginInitial,
    marginMaintenance: config.marginMaintenance,
    marginRatesInitial: SENTINEL_FREE.map(() => config.marginRate),
    marginRatesMaintenance: SENTINEL_FREE.map(() => config.marginRate),
    marginRateLiquidity: 0,
    marginHedged: 0,
    marginRateCurrency: 0,
    swapMode: 0,
    swapLong: config.swapLong,
    swapShort: config.swapShort,
    swapRollover3days: 3,
    permissionsFlags: 0,
    permissionsBookdepth: 0,
    swapRates: [1, 1, 1, 3, 1, 1, 1],
  }
  return { config, trade, point: pointOf(config.digits), maxFillUnits: lotsToUnits(config.maxFillVolume) }
}
