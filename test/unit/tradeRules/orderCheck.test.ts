import { describe, expect, it } from 'vitest'
import { shiftedPrices } from '../../../src/actions/orders/modifyPendingOrder.js'
import { ValidationError } from '../../../src/errors.js'
import { buildTradeRequest } from '../../../src/tradeRules/buildRequest.js'
import { checkTradeRequest, orderCheckResult } from '../../../src/tradeRules/orderCheck.js'
import type { TradeRequestParameters } from '../../../src/tradeRules/requestTypes.js'
import { tradeRequestParametersSchema } from '../../../src/tradeRules/requestTypes.js'
import { spec } from './helpers.js'

const quote = { bid: 1.1, ask: 1.1002 }
const s = spec({}, { tradeStopsLevel: 10 })
const check = (p: TradeRequestParameters, over = {}) =>
  checkTradeRequest(buildTradeRequest(p, s, 1000), { spec: s, quote, hedging: true, ...over }).retcode

describe('buildTradeRequest', () => {
  it('fills the official fields', () => {
    const r = buildTradeRequest(
      {
        action: 5,
        symbol: 'EURUSD',
        type: 6,
        volume: 0.07,
        price: 1.1100004,
        stopLimit: 1.10951,
        sl: 1.1,
        comment: 'x',
        flags: 2 | 256 | 512,
      },
      s,
      1000,
    )
    expect(r.tradeVolume).toBe(7_000_000n)
    expect(r.priceOrder).toBe(1.11)
    expect(r.priceTrigger).toBe(1.10951)
    expect(r.typeFilling).toBe(2)
    expect(r.typeFlags).toBe(2)
    expect(r.typeReason).toBe(0)
    expect(r.digits).toBe(5)
    expect(r.actionId).toBe(1000)
  })
  it('market filling from the execution mode; closing flags 3', () => {
    const r = buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 1, volume: 1, position: 5n }, s, 1)
    expect(r.typeFilling).toBe(1)
    expect(r.typeFlags).toBe(3)
  })
  it('rejects missing fields', () => {
    expect(() => buildTradeRequest({ action: 5, symbol: 'EURUSD', type: 2, volume: 1 }, s, 1)).toThrow(
      ValidationError,
    )
    expect(() => buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 0, volume: 0 }, s, 1)).toThrow(
      ValidationError,
    )
    expect(() =>
      buildTradeRequest({ action: 5, symbol: 'EURUSD', type: 2, volume: 1, price: 1, timeType: 2 }, s, 1),
    ).toThrow(ValidationError)
    expect(() =>
      buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 0, volume: 0.001234567 }, s, 1),
    ).toThrow(ValidationError)
  })
  it('zod rejects a comment over 32 characters', () => {
    expect(tradeRequestParametersSchema.safeParse({ action: 3, comment: 'x'.repeat(33) }).success).toBe(false)
    expect(tradeRequestParametersSchema.safeParse({ action: 3, comment: 'x'.repeat(32) }).success).toBe(true)
  })
  it('expiration Date → seconds', () => {
    const r = buildTradeRequest(
      {
        action: 5,
        symbol: 'EURUSD',
        type: 2,
        volume: 1,
        price: 1.09,
        timeType: 2,
        expiration: new Date(1_700_000_000_400),
      },
      s,
      1,
    )
    expect(r.timeExpiration).toBe(1_700_000_000)
  })
})

describe('checkTradeRequest', () => {
  it('accepts valid market and pending orders', () => {
    expect(check({ action: 3, symbol: 'EURUSD', type: 0, volume: 1, sl: 1.09, tp: 1.11 })).toBe(0)
    expect(check({ action: 5, symbol: 'EURUSD', type: 2, volume: 1, price: 1.099 })).toBe(0)
    expect(check({ action: 5, symbol: 'EURUSD', type: 6, volume: 1, price: 1.102, stopLimit: 1.1015 })).toBe(
      0,
    )
  })
  it('stop levels and price side', () => {
    expect(check({ action: 5, symbol: 'EURUSD', type: 2, volume: 1, price: 1.10015 })).toBe(10015)
    expect(check({ action: 5, symbol: 'EURUSD', type: 4, volume: 1, price: 1.10029 })).toBe(10015)
    expect(check({ action: 5, symbol: 'EURUSD', type: 3, volume: 1, price: 1.1 })).toBe(10015)
    expect(check({ action: 5, symbol: 'EURUSD', type: 6, volume: 1, price: 1.102, stopLimit: 1.102 })).toBe(
      10015,
    )
    expect(check({ action: 3, symbol: 'EURUSD', type: 0, volume: 1, sl: 1.09995 })).toBe(10016)
    expect(check({ action: 3, symbol: 'EURUSD', type: 1, volume: 1, tp: 1.10015 })).toBe(10016)
  })
  it('volume, filling, trade modes, expiration, quotes', () => {
    expect(check({ action: 3, symbol: 'EURUSD', type: 0, volume: 0.015 })).toBe(10014)
    expect(check({ action: 3, symbol: 'EURUSD', type: 0, volume: 1, filling: 2 })).toBe(10030)
    const longOnly = spec({}, { tradeMode: 1 })
    const r = buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 1, volume: 1 }, longOnly, 1)
    expect(checkTradeRequest(r, { spec: longOnly, quote, hedging: true }).retcode).toBe(10042)
    const closeOnly = spec({}, { tradeMode: 3 })
    expect(checkTradeRequest({ ...r, tradeType: 0 }, { spec: closeOnly, quote, hedging: true }).retcode).toBe(
      10044,
    )
    expect(checkTradeRequest(r, { spec: spec({}, { tradeMode: 0 }), quote, hedging: true }).retcode).toBe(
      10017,
    )
    const noDay = spec({}, { tradeTimeFlags: 1 })
    const day = buildTradeRequest(
      { action: 5, symbol: 'EURUSD', type: 2, volume: 1, price: 1.09, timeType: 1 },
      noDay,
      1,
    )
    expect(checkTradeRequest(day, { spec: noDay, quote, hedging: true }).retcode).toBe(10022)
    expect(check({ action: 3, symbol: 'EURUSD', type: 0, volume: 1 }, { quote: undefined })).toBe(10021)
  })
  it('market closed outside the trade sessions', () => {
    const days = Array.from({ length: 7 }, () => Array.from({ length: 16 }, () => ({ open: 0, close: 0 })))
    days[1]![0] = { open: 60, close: 120 }
    const sched = { quoteSessions: days, tradeSessions: days }
    const withSched = { ...s, schedule: sched }
    const r = buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 0, volume: 1 }, withSched, 1)
    const monday0130 = Date.UTC(2024, 0, 1, 1, 30)
    const monday0300 = Date.UTC(2024, 0, 1, 3, 0)
    expect(
      checkTradeRequest(r, { spec: withSched, quote, hedging: true, serverTimeMs: monday0130 }).retcode,
    ).toBe(0)
    expect(
      checkTradeRequest(r, { spec: withSched, quote, hedging: true, serverTimeMs: monday0300 }).retcode,
    ).toBe(10018)
  })
  it('modify with identical values → 10025; close-by needs hedging', () => {
    const order = {
      type: 2,
      state: 1,
      priceOrder: 1.09,
      priceTrigger: 0,
      sl: 0,
      tp: 0,
      timeType: 0,
      timeExpiration: 0,
    }
    expect(
      check(
        { action: 7, symbol: 'EURUSD', type: 2, volume: 1, order: 9n, price: 1.09 },
        { target: { order } },
      ),
    ).toBe(10025)
    const position = { type: 0, volumeUnits: 100_000_000n, sl: 0, tp: 0, symbol: 'EURUSD' }
    const positionBy = { type: 1, volumeUnits: 100_000_000n, symbol: 'EURUSD' }
    const cb = { action: 10, symbol: 'EURUSD', type: 1, volume: 1, position: 1n, positionBy: 2n } as const
    expect(check(cb, { target: { position, positionBy }, hedging: false })).toBe(10013)
    expect(check(cb, { target: { position, positionBy } })).toBe(0)
  })
  it('order check margin and free margin', () => {
    const req = buildTradeRequest({ action: 3, symbol: 'EURUSD', type: 0, volume: 1 }, s, 1)
    const rates = { symbols: [{ name: 'EURUSD' }], quote: () => quote }
    const acct = {
      balance: 5000,
      equity: 5000,
      profit: 0,
      margin: 0,
      leverage: 100,
      currency: 'USD',
      currencyDigits: 2,
    }
    const r = orderCheckResult(req, { spec: s, quote, hedging: true }, acct, rates)
    expect(r.retcode).toBe(0)
    expect(r.margin).toBeCloseTo(1000 * 1.1002, 6)
    const poor = orderCheckResult(req, { spec: s, quote, hedging: true }, { ...acct, equity: 500 }, rates)
    expect(poor.retcode).toBe(10019)
    expect(poor.marginFree).toBeLessThan(0)
  })
})

describe('modifyPendingOrder δ-shift', () => {
  it('moves SL/TP with the price', () => {
    const o = { type: 2, priceOrder: 1.09, priceTrigger: 0, sl: 1.08, tp: 1.1 }
    const n = shiftedPrices(o, { price: 1.085 })
    expect(n.sl).toBeCloseTo(1.075, 10)
    expect(n.tp).toBeCloseTo(1.095, 10)
    expect(n.stopLimit).toBe(0)
    expect(shiftedPrices(o, { price: 1.085, sl: 1.07 }).sl).toBe(1.07)
    expect(shiftedPrices({ ...o, sl: 0 }, { price: 1.085 }).sl).toBe(0)
  })
  it('stop-limit: trigger follows the price; SL/TP follow the trigger', () => {
    const o = { type: 6, priceOrder: 1.11, priceTrigger: 1.105, sl: 1.1, tp: 1.12 }
    const a = shiftedPrices(o, { price: 1.112 })
    expect(a.stopLimit).toBeCloseTo(1.107, 10)
    expect(a.sl).toBeCloseTo(1.102, 10)
    const b = shiftedPrices(o, { stopLimit: 1.104 })
    expect(b.price).toBe(1.11)
    expect(b.sl).toBeCloseTo(1.099, 10)
    expect(b.tp).toBeCloseTo(1.119, 10)
  })
})
