import { describe, expect, it } from 'vitest'
import { formatAccount } from '../../../src/cli/commands/account.js'
import { formatOrders } from '../../../src/cli/commands/orders.js'
import { formatPositions } from '../../../src/cli/commands/positions.js'
import { ratesWindow } from '../../../src/cli/commands/rates.js'
import { filterSymbols } from '../../../src/cli/commands/symbols.js'
import {
  formatLots,
  formatNumber,
  formatPrice,
  formatTime,
  keyValues,
  orderTypeName,
  table,
  toJson,
  toJsonLine,
} from '../../../src/cli/format.js'
import { formatTradeResult } from '../../../src/cli/tradeOutcome.js'
import type { AccountSummary, Order, Position, SymbolInfo, TradeResult } from '../../../src/model/types.js'

describe('JSON output', () => {
  it('writes bigint as decimal strings, one document with a final newline', () => {
    const text = toJson({ ticket: 18446744073709551615n, list: [1n], price: 1.5 })
    expect(text.endsWith('\n')).toBe(true)
    expect(JSON.parse(text)).toEqual({ ticket: '18446744073709551615', list: ['1'], price: 1.5 })
    expect(toJsonLine({ a: 2n })).toBe('{"a":"2"}\n')
  })
})

describe('tables', () => {
  it('aligns columns, right-aligns numbers and trims trailing spaces', () => {
    const text = table(
      [
        { header: 'NAME', value: (r: { n: string; v: number }) => r.n },
        { header: 'VALUE', align: 'right', value: (r) => String(r.v) },
      ],
      [
        { n: 'a', v: 1 },
        { n: 'long', v: 100 },
      ],
    )
    expect(text).toBe('NAME  VALUE\na         1\nlong    100\n')
  })

  it('prints the empty text when there are no rows', () => {
    expect(table([{ header: 'X', value: () => '' }], [], '(none here)')).toBe('(none here)\n')
  })

  it('aligns key/value pairs', () => {
    expect(
      keyValues([
        ['a', '1'],
        ['long key', '2'],
      ]),
    ).toBe('a         1\nlong key  2\n')
  })
})

describe('values', () => {
  it('formats times, prices, lots, numbers and order types', () => {
    expect(formatTime(Date.UTC(2026, 0, 7, 12, 30, 5, 250))).toBe('2026-01-07 12:30:05')
    expect(formatTime(Date.UTC(2026, 0, 7, 12, 30, 5, 250), true)).toBe('2026-01-07 12:30:05.250')
    expect(formatTime(0)).toBe('-')
    expect(formatPrice(1.08, 5)).toBe('1.08000')
    expect(formatPrice(0, 5)).toBe('-')
    expect(formatLots(0.1)).toBe('0.1')
    expect(formatLots(0.30000000000000004)).toBe('0.3')
    expect(formatNumber(0.000009999999999999999)).toBe('0.00001')
    expect(orderTypeName(6)).toBe('buy stop limit')
    expect(orderTypeName(99)).toBe('type 99')
  })
})

const position: Position = {
  ticket: 10000000n,
  order: 10000000n,
  symbol: 'EURUSD',
  type: 1,
  volume: 0.1,
  priceOpen: 1.085,
  priceCurrent: 1.0849,
  sl: 0,
  tp: 1.07,
  profit: 1,
  swap: 0,
  commission: 0,
  magic: 0n,
  comment: 'cli',
  digits: 5,
  contractSize: 100000,
  reason: 0,
  externalId: '',
  timeCreateMs: Date.UTC(2026, 0, 7),
  timeUpdateMs: Date.UTC(2026, 0, 7),
}

describe('domain views', () => {
  it('positions', () => {
    const text = formatPositions([position])
    expect(text.split('\n')[0]).toMatch(/^\s*TICKET\s+TIME\s+SYMBOL\s+TYPE\s+LOTS\s+OPEN/)
    expect(text).toContain('10000000  2026-01-07 00:00:00  EURUSD  sell')
    expect(text).toContain('1.07000')
    expect(formatPositions([])).toBe('(no open positions)\n')
  })

  it('orders show the limit price of stop-limit orders only', () => {
    const base: Order = {
      ticket: 5n,
      symbol: 'EURUSD',
      type: 7,
      state: 1,
      filling: 2,
      timeType: 0,
      reason: 0,
      priceOrder: 1.03,
      priceTrigger: 1.04,
      priceCurrent: 1.08,
      sl: 0,
      tp: 0,
      volumeInitial: 0.2,
      volumeCurrent: 0.2,
      magic: 0n,
      positionId: 0n,
      comment: '',
      externalId: '',
      digits: 5,
      contractSize: 100000,
      timeSetupMs: 0,
      timeExpirationMs: 0,
      timeDoneMs: 0,
    }
    const text = formatOrders([base, { ...base, ticket: 6n, type: 2, priceTrigger: 0 }])
    const [, stopLimit, limit] = text.split('\n')
    expect(stopLimit).toMatch(/sell stop limit\s+0\.2\s+1\.03000\s+1\.04000/)
    expect(limit).toMatch(/buy limit\s+0\.2\s+1\.03000\s+-/)
  })

  it('account', () => {
    const a: AccountSummary = {
      login: 10001n,
      name: 'Demo',
      server: 'S',
      company: 'C',
      currency: 'USD',
      currencyDigits: 2,
      leverage: 100,
      balance: 1000,
      credit: 0,
      profit: -1.5,
      equity: 998.5,
      margin: 0,
      marginFree: 998.5,
      marginLevel: 0,
      type: 1,
      marginMode: 2,
      hedging: true,
      tradeAllowed: true,
      investor: false,
      readOnly: false,
      serverOffsetSeconds: 0,
      serverBuild: 5000,
    }
    const text = formatAccount(a)
    expect(text).toMatch(/^login\s+10001$/m)
    expect(text).toMatch(/^equity\s+998\.50 USD$/m)
    expect(text).toMatch(/^leverage\s+1:100$/m)
    expect(text).toMatch(/^margin mode\s+hedging$/m)
  })

  it('filters symbols by mask', () => {
    const s = (name: string): SymbolInfo => ({
      name,
      id: 1,
      digits: 5,
      description: '',
      path: '',
      calcMode: 0,
      basis: '',
      sector: 0,
    })
    const names = filterSymbols([s('EURUSD'), s('EURJPY'), s('GBPUSD')], 'EUR*,!*JPY').map((x) => x.name)
    expect(names).toEqual(['EURUSD'])
    expect(filterSymbols([s('A')], undefined)).toHaveLength(1)
  })

  it('trade results name the retcode and its meaning', () => {
    const r: TradeResult = {
      retcode: 10009,
      description: 'request completed',
      ok: true,
      deal: 7n,
      order: 5n,
      position: 9n,
      volume: 0.1,
      price: 1.085,
      bid: 0,
      ask: 0,
      comment: '',
      requestId: 1,
    }
    expect(formatTradeResult(r)).toBe('retcode 10009 request completed: order #5, deal #7, 0.1 lots at 1.085')
    expect(formatTradeResult({ ...r, retcode: 10008, description: '', deal: 0n, volume: 0 })).toMatch(
      /^retcode 10008 \S.*: order #5$/,
    )
  })

  it('rates windows widen and never go before the epoch', () => {
    const to = Date.UTC(2026, 0, 7)
    const first = ratesWindow(5, 1, to, 0)
    expect(to - first).toBe(5 * 60_000 * 2 + 3 * 86_400_000)
    expect(to - ratesWindow(5, 1, to, 1)).toBe((to - first) * 4)
    expect(ratesWindow(1000, 43200, to, 3)).toBe(0)
  })
})
