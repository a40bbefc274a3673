import { describe, expect, it } from 'vitest'
import * as mt5 from '../../../src/compat/index.js'
import {
  CalcMode,
  DealEntry,
  DealType,
  ExecutionMode,
  OrderFilling,
  OrderState,
  OrderTime,
  OrderType,
  SymbolTradeMode,
  Timeframe,
  TradeRetcode,
} from '../../../src/index.js'

/** The official package's constants with a prefix, as `{ SUFFIX: value }`. */
function group(prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(mt5)
      .filter(([name, value]) => name.startsWith(prefix) && typeof value === 'number')
      .map(([name, value]) => [name.slice(prefix.length), value as number]),
  )
}

/** `OUT_BY` and `OutBy` alike: the name without underscores, upper case. */
const key = (name: string) => name.replace(/_/g, '').toUpperCase()
const keyed = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [key(k), v]))

describe('mt5web/compat constants', () => {
  it('have the official values of MetaTrader5 (spot checks against the Python reference)', () => {
    expect(mt5.TIMEFRAME_M1).toBe(1)
    expect(mt5.TIMEFRAME_H1).toBe(16385)
    expect(mt5.TIMEFRAME_H12).toBe(16396)
    expect(mt5.TIMEFRAME_D1).toBe(16408)
    expect(mt5.TIMEFRAME_W1).toBe(32769)
    expect(mt5.TIMEFRAME_MN1).toBe(49153)
    expect(mt5.ORDER_TYPE_SELL_STOP_LIMIT).toBe(7)
    expect(mt5.TRADE_ACTION_DEAL).toBe(1)
    expect(mt5.TRADE_ACTION_PENDING).toBe(5)
    expect(mt5.TRADE_ACTION_CLOSE_BY).toBe(10)
    expect(mt5.ORDER_FILLING_RETURN).toBe(2)
    expect(mt5.ORDER_TIME_SPECIFIED_DAY).toBe(3)
    expect(mt5.DEAL_TAX).toBe(17)
    expect(mt5.DEAL_REASON_SPLIT).toBe(9)
    expect(mt5.DEAL_ENTRY_OUT_BY).toBe(3)
    expect(mt5.SYMBOL_CALC_MODE_SERV_COLLATERAL).toBe(64)
    expect(mt5.SYMBOL_TRADE_MODE_FULL).toBe(4)
    expect(mt5.TRADE_RETCODE_DONE).toBe(10009)
    expect(mt5.TRADE_RETCODE_INVALID_CLOSE_VOLUME).toBe(10038)
    expect(mt5.TRADE_RETCODE_FIFO_CLOSE).toBe(10045)
    expect(mt5.COPY_TICKS_ALL).toBe(-1)
    expect(mt5.COPY_TICKS_TRADE).toBe(2)
    expect(mt5.ACCOUNT_TRADE_MODE_REAL).toBe(2)
    expect(mt5.RES_E_AUTH_FAILED).toBe(-6)
  })

  it('agree with the SDK enums wherever both name the same thing', () => {
    const cases: [string, Record<string, number>][] = [
      ['TIMEFRAME_', Timeframe],
      ['ORDER_TYPE_', OrderType],
      ['ORDER_FILLING_', OrderFilling],
      ['ORDER_TIME_', OrderTime],
      ['DEAL_ENTRY_', DealEntry],
      ['SYMBOL_TRADE_EXECUTION_', ExecutionMode],
    ]
    for (const [prefix, e] of cases) expect(keyed(group(prefix)), prefix).toEqual(keyed(e))
    expect(Object.values(group('ORDER_STATE_')).sort()).toEqual(Object.values(OrderState).sort())
    expect(Object.values(group('SYMBOL_TRADE_MODE_')).sort()).toEqual(Object.values(SymbolTradeMode).sort())
    const dealTypes = {
      ...group('DEAL_TYPE_'),
      DIVIDEND: mt5.DEAL_DIVIDEND,
      DIVIDEND_FRANKED: mt5.DEAL_DIVIDEND_FRANKED,
      TAX: mt5.DEAL_TAX,
    }
    expect(Object.values(dealTypes).sort((a, b) => a - b)).toEqual(
      Object.values(DealType).sort((a, b) => a - b),
    )
    const calc = Object.values(group('SYMBOL_CALC_MODE_')).sort((a, b) => a - b)
    expect(calc).toEqual(Object.values(CalcMode).sort((a, b) => a - b))
    for (const [name, code] of Object.entries(group('TRADE_RETCODE_')))
      expect(Object.values(TradeRetcode).includes(code as never) || code === 10038, name).toBe(true)
  })

  it('no two constants of one family share a value', () => {
    for (const prefix of [
      'TIMEFRAME_',
      'ORDER_TYPE_',
      'TRADE_ACTION_',
      'DEAL_REASON_',
      'TRADE_RETCODE_',
      'RES_E_',
    ]) {
      const values = Object.values(group(prefix))
      expect(new Set(values).size, prefix).toBe(values.length)
    }
  })
})
