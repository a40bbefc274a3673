/**
 * Broker configuration → wire records: the symbol list (cmd 6/34), groups (cmd 9), full symbols
 * (cmd 18/13), ticks (cmd 8), symbol details (cmd 17), books (cmd 23) and the account block
 * (cmd 3/14). Pure functions; the connection handlers encode the results with the codec.
 */
import type { AccountBlockInput } from '../../codec/messages/account.js'
import type { BookEntryInput } from '../../codec/messages/book.js'
import { scalePrice } from '../../codec/scale.js'
import { type FullSymbolRecord, fullSymbolSchema } from '../../codec/schemas/fullSymbol.js'
import type { SymbolBasicRecord } from '../../codec/schemas/symbolBasic.js'
import { type SymbolDetailsRecord, symbolDetailsSchema } from '../../codec/schemas/symbolDetails.js'
import type { SymbolGroupRecord } from '../../codec/schemas/symbolGroup.js'
import type { TickRecord } from '../../codec/schemas/tick.js'
import { AccountRights } from '../../enums.js'
import type { AccountConfig, BrokerConfig, SymbolSpec, WeekSessions } from '../engine/config.js'

/** Server build reported in the account block and the bootstrap reply. */
export const SIM_SERVER_BUILD = 5687

/** A symbol as the server publishes it: its id and resolved spec. */
export interface WireSymbol {
  id: number
  spec: SymbolSpec
}

/** The symbol's group: its path without the last component (`Forex\EURUSD` → `Forex`). */
export function groupOf(path: string): string {
  const i = path.lastIndexOf('\\')
  return i < 0 ? '' : path.slice(0, i)
}

/** cmd 6 record. */
export function symbolBasic(s: WireSymbol): SymbolBasicRecord {
  const c = s.spec.config
  return {
    tradeSymbol: c.name,
    symbolDescription: c.description,
    digits: c.digits,
    symbolId: s.id,
    symbolPath: c.path,
    tradeCalcMode: c.calcMode,
    basis: '',
    sector: 0,
  }
}

/** cmd 9 records: the distinct groups of the symbols, in first-seen order. */
export function symbolGroups(symbols: readonly WireSymbol[]): SymbolGroupRecord[] {
  const seen = new Set<string>()
  for (const s of symbols) {
    const g = groupOf(s.spec.config.path)
    if (g !== '') seen.add(g)
  }
  return [...seen].map((groupName) => ({ groupName }))
}

function schedule(week: WeekSessions): { open: number; close: number }[][] {
  return Array.from({ length: 7 }, (_, day) => {
    const sessions = week[day] ?? []
    return Array.from({ length: 16 }, (_, i) => {
      const s = sessions[i]
      return s ? { open: s.open, close: s.close } : { open: 0, close: 0 }
    })
  })
}

/** cmd 18 / cmd 13 record. */
export function fullSymbol(s: WireSymbol, currencyDigits = 2): FullSymbolRecord {
  const c = s.spec.config
  return {
    ...fullSymbolSchema.zero(),
    tradeSymbol: c.name,
    symbolDescription: c.description,
    international: c.description,
    currencyBase: c.currencyBase,
    currencyProfit: c.currencyProfit,
    currencyMargin: c.currencyMargin,
    currencyBaseDigits: currencyDigits,
    currencyProfitDigits: currencyDigits,
    currencyMarginDigits: currencyDigits,
    digits: c.digits,
    point: s.spec.point,
    symbolMultiply: 1,
    symbolId: s.id,
    ticksBookdepth: 10,
    ticksChartMode: 0,
    spread: 0,
    tickValue: c.tickValue,
    tickSize: c.tickSize,
    contractSize: c.contractSize,
    tradeCalcMode: c.calcMode,
    faceValue: c.faceValue,
    accruedInterest: c.accruedInterest,
    trade: s.spec.trade,
    schedule: { quoteSessions: schedule(c.quoteSessions), tradeSessions: schedule(c.tradeSessions) },
    subscription: { delay: 0, status: 0, level: 0, reserved: 0 },
  }
}

/** cmd 8 record for a bid/ask update (prices scaled by `10^digits`). */
export function tickRecord(
  symbolId: number,
  digits: number,
  timeMs: number,
  bid: number,
  ask: number,
): TickRecord {
  return {
    symbolId,
    tickTime: Math.floor(timeMs / 1000),
    fields: 1 | 2,
    bid: scalePrice(bid, digits),
    ask: scalePrice(ask, digits),
    last: 0,
    tickVolume: 0n,
    timeMsDelta: timeMs % 1000,
    flags: 0,
  }
}

/** Running daily statistics of one symbol, fed with every tick (cmd 17). */
export interface SymbolStats {
  bidHigh: number
  bidLow: number
  askHigh: number
  askLow: number
  open: number
}

/** cmd 17 record (official 274-B layout): last/high/low bid and ask and the open price. */
export function symbolDetails(
  symbolId: number,
  digits: number,
  timeMs: number,
  bid: number,
  ask: number,
  stats: SymbolStats,
): SymbolDetailsRecord {
  const fields = (1n << 0n) | (1n << 1n) | (1n << 2n) | (1n << 3n) | (1n << 4n) | (1n << 5n) | (1n << 20n)
  return {
    ...symbolDetailsSchema.zero(),
    symbolId,
    fields,
    lasttime: Math.floor(timeMs / 1000),
    digits,
    bidLast: scalePrice(bid, digits),
    bidHigh: scalePrice(stats.bidHigh, digits),
    bidLow: scalePrice(stats.bidLow, digits),
    askLast: scalePrice(ask, digits),
    askHigh: scalePrice(stats.askHigh, digits),
    askLow: scalePrice(stats.askLow, digits),
    priceOpen: scalePrice(stats.open, digits),
    lasttimeMsc: BigInt(timeMs % 1000),
  }
}

/**
 * cmd 23 entry (official layout): a full snapshot (`booksFlags` 2 = clear first) of `depth`
 * levels each side around bid/ask, one tick size apart, prices as integers × 10^digits.
 */
export function bookEntry(
  s: WireSymbol,
  timeMs: number,
  bid: number,
  ask: number,
  depth = 5,
): BookEntryInput {
  const c = s.spec.config
  const step = c.tickSize > 0 ? c.tickSize : s.spec.point
  const levels: BookEntryInput['levels'][number][] = []
  for (let i = depth - 1; i >= 0; i--) {
    levels.push({
      flagMask: 0,
      bookType: 1,
      price: BigInt(scalePrice(ask + i * step, c.digits)),
      volume: BigInt(i + 1) * 100_000_000n,
    })
  }
  for (let i = 0; i < depth; i++) {
    levels.push({
      flagMask: 0,
      bookType: 2,
      price: BigInt(scalePrice(bid - i * step, c.digits)),
      volume: BigInt(i + 1) * 100_000_000n,
    })
  }
  return {
    symbolId: s.id,
    booksTime: Math.floor(timeMs / 1000),
    timeMsc: timeMs % 1000,
    flagMask: 0,
    booksFlags: 2,
    levels,
  }
}

/** Balance figures the account block carries. */
export interface AccountFigures {
  balance: number
  credit: number
  accProfit: number
  commissionDaily: number
  commissionMonthly: number
}

/** cmd 3 / cmd 14 body: main block + the symbols' trade settings (at least one block, see docs/architecture.md#commands). */
export function accountBlock(
  broker: BrokerConfig,
  account: AccountConfig,
  figures: AccountFigures,
  symbols: readonly WireSymbol[],
  extra: { otpStatus?: number; permissionsFlags?: number; serverBuild?: number; investor?: boolean } = {},
): AccountBlockInput {
  const first = symbols[0]
  return {
    main: {
      accountType: account.accountType,
      // An investor session is read-only whatever the account allows: clients read "trade
      // allowed" from these bits (pymt5: !(rights & 4); mt5web and the official client: & 8 too).
      rights: extra.investor
        ? account.rights | AccountRights.TradeDisabled | AccountRights.Investor
        : account.rights,
      permissionsFlags: extra.permissionsFlags ?? 0,
      balance: figures.balance,
      credit: figures.credit,
      accountCurrency: account.currency,
      currencyDigits: account.digits,
      marginLeverage: account.leverage,
      accountName: account.name,
      serverBuild: extra.serverBuild ?? SIM_SERVER_BUILD,
      serverName: broker.serverName,
      company: broker.company,
      timezoneShift: broker.timezoneShift,
      daylightmode: 0,
      marginMode: account.marginMode,
      marginFreeMode: 0,
      marginSoCall: account.marginSoCall,
      marginSoSo: account.marginSoSo,
      marginSoMode: 0,
      marginVirtual: 0,
      marginFreeProfitMode: 0,
      accProfit: figures.accProfit,
      commissionDaily: figures.commissionDaily,
      commissionMonthly: figures.commissionMonthly,
      authPasswordMin: 8,
      otpStatus: extra.otpStatus ?? 0,
    },
    // One block per symbol group path mask keeps the override semantics exact (last match wins):
    // each block carries exactly the symbol's own settings.
    tradeSettings: first ? symbols.map((s) => s.spec.trade) : [],
    tradeFlags: 0,
    symbolsCount: symbols.length,
    leverageFlags: 0n,
    leverageRules: [],
    commissions: [],
  }
}
