import { describe, expect, it } from 'vitest'
import type { CommandArgs } from '../../../src/cli/command.js'
import { parseModifyPlan } from '../../../src/cli/commands/modify.js'
import { describeOrder, parseOrderPlan } from '../../../src/cli/orderPlan.js'
import { UsageError } from '../../../src/cli/usageError.js'

const args = (positionals: string[], values: Record<string, string> = {}): CommandArgs => ({
  positionals,
  values,
  json: false,
})

describe('buy/sell arguments', () => {
  it('market order with SL, TP and comment', () => {
    const plan = parseOrderPlan('buy', args(['EURUSD', '0.1'], { sl: '1.07', tp: '1.1', comment: 'cli' }))
    expect(plan).toMatchObject({
      side: 'buy',
      kind: 'market',
      symbol: 'EURUSD',
      volume: 0.1,
      sl: 1.07,
      tp: 1.1,
      comment: 'cli',
    })
    expect(describeOrder(plan)).toBe('Buy 0.1 lots EURUSD at market, sl 1.07, tp 1.1, comment "cli"')
  })

  it('limit and stop orders', () => {
    expect(parseOrderPlan('sell', args(['EURUSD', '1'], { limit: '1.1' }))).toMatchObject({
      kind: 'limit',
      price: 1.1,
    })
    expect(parseOrderPlan('buy', args(['EURUSD', '1'], { stop: '1.1' }))).toMatchObject({
      kind: 'stop',
      price: 1.1,
    })
  })

  it('stop-limit: --price is the activation (stop) price, --stop-limit the limit price', () => {
    const plan = parseOrderPlan('buy', args(['EURUSD', '0.1'], { 'stop-limit': '1.095', price: '1.1' }))
    expect(plan).toMatchObject({ kind: 'stopLimit', price: 1.1, stopLimit: 1.095 })
    expect(describeOrder(plan)).toBe('Buy 0.1 lots EURUSD buy stop-limit: activation 1.1, limit 1.095')
  })

  it('expiration makes a pending order good till that time', () => {
    const plan = parseOrderPlan('buy', args(['EURUSD', '0.1'], { limit: '1', expiration: '2026-01-08' }))
    expect(plan.expiration?.toISOString()).toBe('2026-01-08T00:00:00.000Z')
  })

  it('rejects inconsistent flags', () => {
    const bad: Record<string, string>[] = [
      { limit: '1', stop: '1' },
      { 'stop-limit': '1' },
      { price: '1' },
      { limit: '0' },
      { sl: '-1' },
      { comment: 'x'.repeat(33) },
      { expiration: '2026-01-08' },
    ]
    for (const values of bad)
      expect(() => parseOrderPlan('buy', args(['EURUSD', '0.1'], values))).toThrow(UsageError)
    expect(() => parseOrderPlan('buy', args(['EURUSD', 'abc']))).toThrow(/LOTS must be a number/)
    expect(() => parseOrderPlan('buy', args(['EURUSD', '0']))).toThrow(/LOTS must be greater than 0/)
  })
})

describe('modify arguments', () => {
  it('reads the ticket and changes; 0 removes SL/TP', () => {
    expect(parseModifyPlan(['42'], { price: '1.05', trigger: '1.04', sl: '0' })).toEqual({
      ticket: 42n,
      price: 1.05,
      trigger: 1.04,
      sl: 0,
      tp: undefined,
      expiration: undefined,
    })
  })

  it('needs at least one change and a valid ticket', () => {
    expect(() => parseModifyPlan(['42'], {})).toThrow(/nothing to change/)
    expect(() => parseModifyPlan(['x'], { sl: '1' })).toThrow(/TICKET/)
  })
})
