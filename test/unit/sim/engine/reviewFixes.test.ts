/**
 * Review fixes in the simulator: market actions must match the execution mode (1 always accepted,
 * CONFLICT C15), and on netting an added market deal applies the request's SL/TP (0 clears).
 */
import { describe, expect, it } from 'vitest'
import { HEDGING, marketReq, NETTING, pendingReq, setup } from './setup.js'

const withModes = () =>
  setup((b) => {
    const base = b.symbols[0]!
    b.symbols.push(
      { ...base, name: 'EURUSD.req', exemode: 0, fillFlags: 1 },
      { ...base, name: 'EURUSD.ins', exemode: 1, fillFlags: 1 },
      { ...base, name: 'EURUSD.exc', exemode: 3, fillFlags: 1 | 2 },
    )
  })

describe('sim: market action vs. execution mode', () => {
  // [symbol, action, filling, expected retcode]
  const cases: [string, number, number, number][] = [
    ['EURUSD', 2, 0, 10013], // instant action on market execution
    ['EURUSD', 4, 1, 10013], // exchange action on market execution
    ['EURUSD', 3, 1, 10009],
    ['EURUSD', 1, 0, 10009], // pymt5: action 1 everywhere (C15)
    ['EURUSD.req', 3, 0, 10013],
    ['EURUSD.req', 2, 0, 10013],
    ['EURUSD.req', 1, 0, 10009],
    ['EURUSD.ins', 3, 0, 10013],
    ['EURUSD.ins', 4, 0, 10013],
    ['EURUSD.ins', 2, 0, 10009],
    ['EURUSD.ins', 1, 0, 10009],
    ['EURUSD.exc', 3, 1, 10013],
    ['EURUSD.exc', 2, 0, 10013],
    ['EURUSD.exc', 4, 1, 10009],
    ['EURUSD.exc', 1, 1, 10009],
  ]
  for (const [symbol, action, filling, expected] of cases) {
    it(`${symbol} action ${action} → ${expected}`, () => {
      const { engine } = withModes()
      for (const s of ['EURUSD.req', 'EURUSD.ins', 'EURUSD.exc']) engine.setPrice(s, 1.1, 1.1001)
      const r = engine.processRequest(
        HEDGING,
        marketReq(symbol, 0, 0.1, { tradeAction: action, typeFilling: filling }),
      )
      expect(r.result.retcode).toBe(expected)
      expect(engine.snapshot(HEDGING).positions).toHaveLength(expected === 10009 ? 1 : 0)
    })
  }
})

describe('sim: netting SL/TP of an added market deal', () => {
  it('applies the SL/TP the request carries, 0 clears, each independently', () => {
    const { engine } = setup()
    const open = engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.09, priceTp: 1.12 }))
    expect(open.result.retcode).toBe(10009)
    expect(engine.snapshot(NETTING).positions[0]).toMatchObject({ sl: 1.09, tp: 1.12 })
    // new SL, TP 0 → TP removed
    engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.095, priceTp: 0 }))
    expect(engine.snapshot(NETTING).positions[0]).toMatchObject({
      sl: 1.095,
      tp: 0,
      tradeVolume: 20_000_000n,
    })
    // none → both cleared (the official client resends the existing values when the user gives none)
    engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1))
    expect(engine.snapshot(NETTING).positions[0]).toMatchObject({ sl: 0, tp: 0, tradeVolume: 30_000_000n })
  })

  it('a triggered pending order without SL/TP keeps the position values', () => {
    const { engine } = setup()
    engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.09, priceTp: 1.12 }))
    expect(engine.processRequest(NETTING, pendingReq('EURUSD', 2, 0.1, 1.099)).result.retcode).toBe(10008)
    engine.setPrice('EURUSD', 1.0989, 1.099)
    expect(engine.snapshot(NETTING).positions[0]).toMatchObject({
      sl: 1.09,
      tp: 1.12,
      tradeVolume: 20_000_000n,
    })
  })
})
