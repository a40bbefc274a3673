/**
 * Every rejection retcode surfacing as `TradeError` with the right code, end to end through the
 * client against the simulator. Each case runs twice where both layers can reject: with the client's
 * pre-flight checks (default) and with `localChecks: false`, so the simulator's own check answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TradeError, ValidationError } from '../../../src/errors.js'
import { POOR, rejection, SPECIAL, startTrading, type TradingEnv, TWO_PENDING, until } from './_setup.js'

const S = 'EURUSD'
const ALL_SPECIAL = Object.values(SPECIAL)
const QUOTES: Record<string, [number, number]> = Object.fromEntries([
  [S, [1.085, 1.0852]],
  ...ALL_SPECIAL.map((n) => [n, [1.085, 1.0852]]),
])

type Client = TradingEnv['client']
type Layer = 'client' | 'server'

async function expectRetcode(promise: Promise<unknown>, retcode: number): Promise<TradeError> {
  const e = await rejection(promise)
  expect(e).toBeInstanceOf(TradeError)
  expect((e as TradeError).retcode).toBe(retcode)
  expect((e as TradeError).code).toBe('MT5_TRADE')
  expect(((e as TradeError).result as { retcode?: number } | undefined)?.retcode).toBe(retcode)
  return e as TradeError
}

describe('trading e2e: rejection retcodes (hedging account)', () => {
  let env: TradingEnv
  let client: Client

  beforeAll(async () => {
    env = await startTrading({ quotes: QUOTES })
    client = env.client
  })
  afterAll(async () => {
    await env.close()
  })

  const layers: Layer[] = ['client', 'server']
  const opt = (layer: Layer) => (layer === 'server' ? { localChecks: false } : {})

  for (const layer of layers) {
    describe(`rejected by the ${layer}`, () => {
      it('10014 invalid volume: below min, above max, off step', async () => {
        const before = env.trades()
        await expectRetcode(client.buyMarket({ symbol: S, volume: 0.005, ...opt(layer) }), 10014)
        await expectRetcode(client.buyMarket({ symbol: S, volume: 101, ...opt(layer) }), 10014)
        await expectRetcode(client.sellMarket({ symbol: S, volume: 0.015, ...opt(layer) }), 10014)
        await expectRetcode(client.buyMarket({ symbol: SPECIAL.coarse, volume: 0.25, ...opt(layer) }), 10014)
        await expectRetcode(
          client.buyLimit({ symbol: SPECIAL.coarse, volume: 0.05, price: 1.08, ...opt(layer) }),
          10014,
        )
        expect(env.trades() - before).toBe(layer === 'client' ? 0 : 5)
      })

      it('10015 invalid price: limit/stop on the wrong side of the market', async () => {
        await expectRetcode(client.buyLimit({ symbol: S, volume: 0.1, price: 1.09, ...opt(layer) }), 10015)
        await expectRetcode(client.sellLimit({ symbol: S, volume: 0.1, price: 1.08, ...opt(layer) }), 10015)
        await expectRetcode(client.buyStop({ symbol: S, volume: 0.1, price: 1.08, ...opt(layer) }), 10015)
        await expectRetcode(client.sellStop({ symbol: S, volume: 0.1, price: 1.09, ...opt(layer) }), 10015)
        // a buy stop-limit whose limit price is above its stop price
        await expectRetcode(
          client.buyStopLimit({ symbol: S, volume: 0.1, price: 1.09, stopLimit: 1.091, ...opt(layer) }),
          10015,
        )
        // within the stops level (50 points)
        await expectRetcode(
          client.buyLimit({ symbol: SPECIAL.stops, volume: 0.1, price: 1.0849, ...opt(layer) }),
          10015,
        )
        expect(await client.orders()).toEqual([])
      })

      it('10016 invalid stops: SL/TP on the wrong side or within the stops level', async () => {
        await expectRetcode(client.buyMarket({ symbol: S, volume: 0.1, sl: 1.09, ...opt(layer) }), 10016)
        await expectRetcode(client.sellMarket({ symbol: S, volume: 0.1, tp: 1.09, ...opt(layer) }), 10016)
        await expectRetcode(
          client.buyLimit({ symbol: S, volume: 0.1, price: 1.08, sl: 1.081, ...opt(layer) }),
          10016,
        )
        await expectRetcode(
          client.buyMarket({ symbol: SPECIAL.stops, volume: 0.1, sl: 1.0848, ...opt(layer) }),
          10016,
        )
        expect(await client.positions()).toEqual([])
      })

      it('10017 trade disabled (symbol trade mode 0)', async () => {
        await expectRetcode(client.buyMarket({ symbol: SPECIAL.disabled, volume: 0.1, ...opt(layer) }), 10017)
        await expectRetcode(
          client.sellLimit({ symbol: SPECIAL.disabled, volume: 0.1, price: 1.09, ...opt(layer) }),
          10017,
        )
      })

      it('10042 long only, 10043 short only, 10044 close only', async () => {
        await expectRetcode(
          client.sellMarket({ symbol: SPECIAL.longOnly, volume: 0.1, ...opt(layer) }),
          10042,
        )
        await expectRetcode(
          client.sellLimit({ symbol: SPECIAL.longOnly, volume: 0.1, price: 1.09, ...opt(layer) }),
          10042,
        )
        await expectRetcode(
          client.buyMarket({ symbol: SPECIAL.shortOnly, volume: 0.1, ...opt(layer) }),
          10043,
        )
        await expectRetcode(
          client.buyMarket({ symbol: SPECIAL.closeOnly, volume: 0.1, ...opt(layer) }),
          10044,
        )
        await expectRetcode(
          client.sellMarket({ symbol: SPECIAL.closeOnly, volume: 0.1, ...opt(layer) }),
          10044,
        )
        // the allowed direction goes through, and can be closed again
        const long = await client.buyMarket({ symbol: SPECIAL.longOnly, volume: 0.1, ...opt(layer) })
        const short = await client.sellMarket({ symbol: SPECIAL.shortOnly, volume: 0.1, ...opt(layer) })
        expect(long.ok && short.ok).toBe(true)
        for (const p of await client.positions()) await client.closePosition({ ticket: p.ticket })
        expect(await client.positions()).toEqual([])
      })

      it('10022 invalid expiration: time type not allowed, expiration already past', async () => {
        await expectRetcode(
          client.buyLimit({ symbol: SPECIAL.gtcOnly, volume: 0.1, price: 1.08, timeType: 1, ...opt(layer) }),
          10022,
        )
        const now = Math.floor(env.clock.now() / 1000)
        await expectRetcode(
          client.buyLimit({
            symbol: SPECIAL.gtcOnly,
            volume: 0.1,
            price: 1.08,
            timeType: 2,
            expiration: now + 3600,
            ...opt(layer),
          }),
          10022,
        )
        if (layer === 'server') {
          // the client cannot know the server clock precisely; the simulator rejects a past expiration
          await expectRetcode(
            client.buyLimit({
              symbol: S,
              volume: 0.1,
              price: 1.08,
              timeType: 2,
              expiration: now - 60,
              ...opt(layer),
            }),
            10022,
          )
        }
      })

      it('10030 invalid filling (FOK on an IOC-only symbol)', async () => {
        await expectRetcode(
          client.buyMarket({ symbol: SPECIAL.iocOnly, volume: 0.1, filling: 0, ...opt(layer) }),
          10030,
        )
        const ok = await client.buyMarket({ symbol: SPECIAL.iocOnly, volume: 0.1, ...opt(layer) })
        expect(ok.ok).toBe(true)
        await client.closePosition({ ticket: ok.order })
      })

      it('10035 order type not allowed (stop, stop-limit, close-by)', async () => {
        await expectRetcode(
          client.buyStop({ symbol: SPECIAL.limitOnly, volume: 0.1, price: 1.09, ...opt(layer) }),
          10035,
        )
        await expectRetcode(
          client.sellStopLimit({
            symbol: SPECIAL.limitOnly,
            volume: 0.1,
            price: 1.08,
            stopLimit: 1.0805,
            ...opt(layer),
          }),
          10035,
        )
        const a = await client.buyMarket({ symbol: SPECIAL.limitOnly, volume: 0.1 })
        const b = await client.sellMarket({ symbol: SPECIAL.limitOnly, volume: 0.1 })
        await expectRetcode(client.closePositionBy({ ticket: a.order, by: b.order, ...opt(layer) }), 10035)
        await client.closePosition({ ticket: a.order })
        await client.closePosition({ ticket: b.order })
      })

      it('10025 no changes: SL/TP and pending modifications with identical values', async () => {
        const pos = await client.buyMarket({ symbol: S, volume: 0.1, sl: 1.08, tp: 1.09 })
        await expectRetcode(client.modifyPositionSltp({ ticket: pos.order, sl: 1.08, ...opt(layer) }), 10025)
        const o = await client.buyLimit({ symbol: S, volume: 0.1, price: 1.08, sl: 1.07 })
        await expectRetcode(
          client.modifyPendingOrder({ ticket: o.order, price: 1.08, sl: 1.07, ...opt(layer) }),
          10025,
        )
        await client.cancelPendingOrder({ ticket: o.order })
        await client.closePosition({ ticket: pos.order })
      })

      it('10013 invalid request: unknown order / position ticket', async () => {
        await expectRetcode(client.tradeRequest({ action: 8, symbol: S, order: 999_999n }, opt(layer)), 10013)
        await expectRetcode(
          client.tradeRequest({ action: 6, symbol: S, position: 999_999n, sl: 1.08 }, opt(layer)),
          10013,
        )
      })
    })
  }

  it('10034 volume limit: positions + orders of one direction above the symbol limit (server)', async () => {
    const a = await client.buyMarket({ symbol: SPECIAL.capped, volume: 0.3 })
    const e = await expectRetcode(
      client.buyLimit({ symbol: SPECIAL.capped, volume: 0.3, price: 1.08 }),
      10034,
    )
    expect(e.message).toContain('10034')
    await expectRetcode(client.buyMarket({ symbol: SPECIAL.capped, volume: 0.21 }), 10034)
    const fits = await client.buyMarket({ symbol: SPECIAL.capped, volume: 0.2 })
    expect(fits.ok).toBe(true)
    // the other direction has its own allowance
    const sell = await client.sellMarket({ symbol: SPECIAL.capped, volume: 0.5 })
    expect(sell.ok).toBe(true)
    for (const t of [a.order, fits.order, sell.order]) await client.closePosition({ ticket: t })
  })

  it('10006 rejected: FOK larger than the liquidity of one fill', async () => {
    await expectRetcode(client.buyMarket({ symbol: SPECIAL.thin, volume: 0.5, filling: 0 }), 10006)
    // IOC takes what is there: a partial fill (10010)
    const r = await client.buyMarket({ symbol: SPECIAL.thin, volume: 0.5, filling: 1 })
    expect(r).toMatchObject({ ok: true, retcode: 10010, volume: 0.1 })
    await client.closePosition({ ticket: r.order })
  })

  it('10004 requote: an injected requote and a stale instant-execution price', async () => {
    env.sim.control.faults.requoteNextTrade(1.086, 1.0862)
    const e = await expectRetcode(client.buyMarket({ symbol: S, volume: 0.1 }), 10004)
    expect(e.result).toMatchObject({ bid: 1.086, ask: 1.0862 })
    await until(() => client.lastTick(S)?.ask === 1.0862)
    const before = env.trades()
    // instant execution with a price 100 points off and deviation 50 → requote by the engine
    await expectRetcode(
      client.buyMarket({ symbol: SPECIAL.instant, volume: 0.1, price: 1.0862, deviation: 50 }),
      10004,
    )
    expect(env.trades() - before).toBe(1)
    // 20 points off, deviation 30: filled at the market price
    const ok = await client.buyMarket({ symbol: SPECIAL.instant, volume: 0.1, price: 1.0854, deviation: 30 })
    expect(ok).toMatchObject({ ok: true, price: 1.0852 })
    await client.closePosition({ ticket: ok.order })
    const r = await client.buyMarket({ symbol: S, volume: 0.1, throwOnFailure: false })
    expect(r.ok).toBe(true)
    await client.closePosition({ ticket: r.order })
  })

  it('injected rejections via the cmd 12 reply and the cmd 19 result', async () => {
    for (const via of ['reply', 'result'] as const) {
      env.sim.control.faults.rejectNextTrade(10019, { via })
      await expectRetcode(client.buyMarket({ symbol: S, volume: 0.1 }), 10019)
    }
    expect(await client.positions()).toEqual([])
  })

  it('a missing expiration for SPECIFIED is a ValidationError (nothing sent)', async () => {
    const before = env.trades()
    const e = await rejection(client.buyLimit({ symbol: S, volume: 0.1, price: 1.08, timeType: 2 }))
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).field).toBe('expiration')
    expect(env.trades()).toBe(before)
  })

  it('10044: close-only still lets an existing position be closed (broker switched the mode)', async () => {
    const spec = env.sim.control.engine.symbol(SPECIAL.closeOnly)!
    spec.trade.tradeMode = 4
    const p = await client.buyMarket({ symbol: SPECIAL.closeOnly, volume: 0.2, localChecks: false })
    spec.trade.tradeMode = 3
    // the server's own check (the client's specification says close-only throughout)
    await expectRetcode(
      client.buyMarket({ symbol: SPECIAL.closeOnly, volume: 0.1, localChecks: false }),
      10044,
    )
    const part = await client.closePosition({ ticket: p.order, volume: 0.1, localChecks: false })
    expect(part.ok).toBe(true)
    await client.closePosition({ ticket: p.order })
    expect(await client.positions()).toEqual([])
  })
})

describe('trading e2e: account-level rejections', () => {
  it('10019 no money (small balance)', async () => {
    const env = await startTrading({ login: POOR })
    try {
      const before = env.trades()
      await expectRetcode(env.client.buyMarket({ symbol: S, volume: 1 }), 10019)
      expect(env.trades() - before).toBe(1)
      const small = await env.client.buyMarket({ symbol: S, volume: 0.01 })
      expect(small.ok).toBe(true)
      expect((await env.client.orderCheck({ action: 1, symbol: S, type: 0, volume: 1 })).retcode).toBe(10019)
    } finally {
      await env.close()
    }
  })

  it('10033 pending orders limit (account allows two)', async () => {
    const env = await startTrading({ login: TWO_PENDING })
    try {
      await env.client.buyLimit({ symbol: S, volume: 0.1, price: 1.08 })
      await env.client.sellLimit({ symbol: S, volume: 0.1, price: 1.09 })
      await expectRetcode(env.client.buyStop({ symbol: S, volume: 0.1, price: 1.09 }), 10033)
      expect(await env.client.orders()).toHaveLength(2)
    } finally {
      await env.close()
    }
  })

  it('10018 market closed: clock on a Saturday (client pre-flight and server)', async () => {
    const env = await startTrading({
      startMs: Date.UTC(2026, 0, 10, 12),
      quotes: { [S]: [1.085, 1.0852], [SPECIAL.always]: [1.085, 1.0852] },
    })
    try {
      expect(new Date(env.clock.now()).getUTCDay()).toBe(6)
      await expectRetcode(env.client.buyMarket({ symbol: S, volume: 0.1 }), 10018)
      await expectRetcode(env.client.buyMarket({ symbol: S, volume: 0.1, localChecks: false }), 10018)
      await expectRetcode(
        env.client.buyLimit({ symbol: S, volume: 0.1, price: 1.08, localChecks: false }),
        10018,
      )
      // a symbol with ALWAYS_OPEN sessions trades on Saturday
      const r = await env.client.buyMarket({ symbol: SPECIAL.always, volume: 0.1 })
      expect(r.ok).toBe(true)
      // Monday opens the forex week again
      env.sim.control.advanceClock(2 * 86_400_000)
      await env.price(S, 1.0851, 1.0853) // a fresh tick carries Monday's server time
      expect((await env.client.buyMarket({ symbol: S, volume: 0.1 })).ok).toBe(true)
    } finally {
      await env.close()
    }
  })
})
