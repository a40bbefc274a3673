import { describe, expectTypeOf, it } from 'vitest'
import * as mt5 from '../../src/compat/index.js'
import type { FullSymbolInfo, Mt5Client, Tick } from '../../src/index.js'

describe('mt5web/compat types', () => {
  it('symbolInfo is typed, symbolInfoTick returns a Tick', () => {
    expectTypeOf(mt5.symbolInfo).returns.resolves.toEqualTypeOf<FullSymbolInfo | null>()
    expectTypeOf(mt5.symbolInfoTick).returns.resolves.toEqualTypeOf<Tick | null>()
  })

  it('initialize takes the Python-style options or a client', () => {
    expectTypeOf(mt5.initialize).toBeCallableWith({ server: 'ws://127.0.0.1:1/', login: 1, password: 'x' })
    expectTypeOf(mt5.initialize).toBeCallableWith({} as Mt5Client)
    expectTypeOf(mt5.TIMEFRAME_H1).toBeNumber()
  })

  it('subscribeTicks reports skipped names; quote resolves a Tick', () => {
    expectTypeOf<Awaited<ReturnType<Mt5Client['subscribeTicks']>>['skipped']>().toEqualTypeOf<
      readonly (string | number)[]
    >()
    expectTypeOf<ReturnType<Mt5Client['quote']>>().toEqualTypeOf<Promise<Tick>>()
  })
})
