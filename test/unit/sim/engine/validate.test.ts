import { describe, expect, it } from 'vitest'
import { lotsToUnits, TradeAction } from '../../../../src/sim/engine/constants.js'
import { makeRequest } from '../../../../src/sim/engine/request.js'
import { HEDGING, marketReq, NETTING, pendingReq, setup } from './setup.js'

const rc = (r: { result: { retcode: number } }) => r.result.retcode

describe('request validation retcodes', () => {
  it('accepts a valid market order (10009) and a valid pending order (10008)', () => {
    const { engine } = setup()
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)))).toBe(10009)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09)))).toBe(10008)
  })

  it('10014 for volume below min, above max, off the step, zero', () => {
    const { engine } = setup()
    for (const lots of [0.001, 101, 0.015, 0]) {
      expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, lots)))).toBe(10014)
    }
  })

  it('10016 for SL/TP on the wrong side or inside the stops level', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.stopsLevel = 50
    })
    // buy closes at bid 1.10000: SL must be ≤ 1.09950, TP ≥ 1.10050
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.1002 })))).toBe(10016)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.0996 })))).toBe(10016)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { priceTp: 1.1004 })))).toBe(10016)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 1, 0.1, { priceSl: 1.0999 })))).toBe(10016)
    expect(
      rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.0995, priceTp: 1.1005 }))),
    ).toBe(10009)
  })

  it('10015 for pending prices on the wrong side, too close, or off the tick grid', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.stopsLevel = 20
    })
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.1005)))).toBe(10015) // buy limit above ask
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09995)))).toBe(10015) // within 20 points
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 4, 0.1, 1.0995)))).toBe(10015) // buy stop below ask
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 3, 0.1, 1.0995)))).toBe(10015) // sell limit below bid
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 5, 0.1, 1.1005)))).toBe(10015) // sell stop above bid
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.090005)))).toBe(10015) // off grid
    // buy stop-limit: limit price above the activation price
    expect(
      rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 6, 0.1, 1.102, { priceTrigger: 1.103 }))),
    ).toBe(10015)
    expect(
      rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 6, 0.1, 1.102, { priceTrigger: 1.1015 }))),
    ).toBe(10008)
    // pending SL on the wrong side of the order price
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09, { priceSl: 1.095 })))).toBe(
      10016,
    )
  })

  it('10022 for a time type not allowed or an expiration in the past', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.timeFlags = 1 | 4 // GTC + SPECIFIED
    })
    const nowSec = Math.floor(engine.clock.now() / 1000)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 1 })))).toBe(
      10022,
    )
    expect(
      rc(
        engine.processRequest(
          HEDGING,
          pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 2, timeExpiration: nowSec - 10 }),
        ),
      ),
    ).toBe(10022)
    expect(
      rc(
        engine.processRequest(
          HEDGING,
          pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 2, timeExpiration: 0 }),
        ),
      ),
    ).toBe(10022)
    expect(
      rc(
        engine.processRequest(
          HEDGING,
          pendingReq('EURUSD', 2, 0.1, 1.09, { typeTime: 2, timeExpiration: nowSec + 60 }),
        ),
      ),
    ).toBe(10008)
  })

  it('10030 for a filling mode the symbol does not allow', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.fillFlags = 1 // FOK only
    })
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { typeFilling: 1 })))).toBe(10030)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { typeFilling: 0 })))).toBe(10009)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09, { typeFilling: 1 })))).toBe(
      10030,
    )
  })

  it('request/instant execution need FOK for market orders', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.exemode = 1
    })
    const r = makeRequest({
      ...marketReq('EURUSD', 0, 0.1),
      tradeAction: TradeAction.Instant,
      priceOrder: 1.1001,
      typeFilling: 1,
    })
    expect(rc(engine.processRequest(HEDGING, r))).toBe(10030)
    expect(rc(engine.processRequest(HEDGING, { ...r, typeFilling: 0 }))).toBe(10009)
    // price off by more than the deviation → requote with the current prices
    const requote = engine.processRequest(HEDGING, {
      ...r,
      typeFilling: 0,
      priceOrder: 1.102,
      priceDeviation: 10,
    })
    expect(requote.result).toMatchObject({ retcode: 10004, bid: 1.1, ask: 1.1001 })
    expect(requote.events).toEqual([])
  })

  it('action 0 returns prices (10005)', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.exemode = 0
    })
    const r = engine.processRequest(HEDGING, {
      ...marketReq('EURUSD', 0, 0.1),
      tradeAction: TradeAction.Price,
      typeFilling: 0,
    })
    expect(r.result).toMatchObject({ retcode: 10005, bid: 1.1, ask: 1.1001 })
  })

  it('trade modes: 10017 disabled, 10042 long only, 10043 short only, 10044 close only', () => {
    const modes: [number, 0 | 1, number][] = [
      [0, 0, 10017],
      [1, 1, 10042],
      [1, 0, 10009],
      [2, 0, 10043],
      [2, 1, 10009],
      [3, 0, 10044],
    ]
    for (const [mode, type, expected] of modes) {
      const { engine } = setup((b) => {
        b.symbols[0]!.tradeMode = mode
      })
      expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', type, 0.1)))).toBe(expected)
    }
  })

  it('close-only still allows closing a position', () => {
    const { engine, control } = setup()
    const open = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1))
    engine.symbol('EURUSD')!.trade.tradeMode = 3
    expect(control.closePosition(HEDGING, open.result.tradeOrder).result.retcode).toBe(10009)
  })

  it('10018 outside the trade sessions (weekend, index night)', () => {
    const { engine, clock } = setup()
    clock.set(Date.UTC(2026, 0, 10, 12)) // Saturday
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)))).toBe(10018)
    clock.set(Date.UTC(2026, 0, 7, 23)) // Wednesday 23:00, US500 trades 01:00–22:00
    expect(rc(engine.processRequest(HEDGING, marketReq('US500', 0, 1)))).toBe(10018)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)))).toBe(10009)
  })

  it('10019 without enough free margin', () => {
    const { engine } = setup()
    // 100 lots EURUSD at 1:100 = 110 000 USD margin > 100 000 equity
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 100)))).toBe(10019)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 50)))).toBe(10009)
  })

  it('10033 when the pending-orders limit is reached', () => {
    const { engine } = setup((b) => {
      b.accounts[0]!.maxPendingOrders = 2
    })
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09)))).toBe(10008)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.08)))).toBe(10008)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.07)))).toBe(10033)
  })

  it('10034 when the symbol volume limit is reached (positions + orders, one direction)', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.volumeLimit = 1
    })
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.6)))).toBe(10009)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.5, 1.09)))).toBe(10034)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 1, 1)))).toBe(10009)
  })

  it('10035 for an order kind the symbol does not allow or a wrong type for the action', () => {
    const { engine } = setup((b) => {
      b.symbols[0]!.orderFlags = 1 | 2 | 16 | 32 // market + limit
    })
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 4, 0.1, 1.11)))).toBe(10035)
    expect(
      rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 6, 0.1, 1.11, { priceTrigger: 1.109 }))),
    ).toBe(10035)
    expect(rc(engine.processRequest(HEDGING, pendingReq('EURUSD', 0, 0.1, 1.11)))).toBe(10035)
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 2 as 0, 0.1)))).toBe(10035)
  })

  it('10013 for unknown orders/positions/symbols, 10036 for a closed position', () => {
    const { engine, control } = setup()
    expect(
      rc(engine.processRequest(HEDGING, makeRequest({ tradeAction: TradeAction.Remove, tradeOrder: 999n }))),
    ).toBe(10013)
    expect(
      rc(engine.processRequest(HEDGING, makeRequest({ tradeAction: TradeAction.Modify, tradeOrder: 999n }))),
    ).toBe(10013)
    expect(
      rc(engine.processRequest(HEDGING, makeRequest({ tradeAction: TradeAction.SlTp, tradePosition: 999n }))),
    ).toBe(10013)
    expect(rc(engine.processRequest(HEDGING, marketReq('NOPE', 0, 0.1)))).toBe(10013)
    expect(rc(engine.processRequest(HEDGING, makeRequest({ tradeAction: 9 })))).toBe(10013)
    const open = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1))
    control.closePosition(HEDGING, open.result.tradeOrder)
    expect(
      rc(
        engine.processRequest(
          HEDGING,
          marketReq('EURUSD', 1, 0.1, { tradePosition: open.result.tradeOrder }),
        ),
      ),
    ).toBe(10036)
  })

  it('10025 when modifying with identical values', () => {
    const { engine, control } = setup()
    const open = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1, { priceSl: 1.09 }))
    expect(control.modifyPosition(HEDGING, open.result.tradeOrder, 1.09, 0).result.retcode).toBe(10025)
    expect(control.modifyPosition(HEDGING, open.result.tradeOrder, 1.095, 0).result.retcode).toBe(10009)
    const placed = engine.processRequest(HEDGING, pendingReq('EURUSD', 2, 0.1, 1.09))
    expect(control.modifyOrder(HEDGING, placed.result.tradeOrder, {}).result.retcode).toBe(10025)
    expect(control.modifyOrder(HEDGING, placed.result.tradeOrder, { price: 1.091 }).result.retcode).toBe(
      10009,
    )
  })

  it('close-by: 10013 on netting, 10035 for the same direction', () => {
    const { engine, control } = setup()
    const a = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)).result.tradeOrder
    const b = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)).result.tradeOrder
    expect(control.closeBy(HEDGING, a, b).result.retcode).toBe(10035)
    const n = engine.processRequest(NETTING, marketReq('EURUSD', 0, 0.1)).result.tradeOrder
    expect(control.closeBy(NETTING, n, n).result.retcode).toBe(10013)
  })

  it('10014 when closing more than the position volume; full close below volumeMin allowed', () => {
    const { engine } = setup()
    const pos = engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)).result.tradeOrder
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 1, 0.2, { tradePosition: pos })))).toBe(
      10014,
    )
    expect(
      rc(
        engine.processRequest(
          HEDGING,
          marketReq('EURUSD', 1, 0.1, { tradePosition: pos, tradeVolume: lotsToUnits(0.1) }),
        ),
      ),
    ).toBe(10009)
  })

  it('10017 for an account without trading rights', () => {
    const { engine } = setup((b) => {
      b.accounts[0]!.rights = 4
    })
    expect(rc(engine.processRequest(HEDGING, marketReq('EURUSD', 0, 0.1)))).toBe(10017)
  })
})
