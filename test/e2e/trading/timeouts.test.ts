/**
 * Timeout resolution end to end: the cmd 12 reply (and/or the cmd 19 result) is lost after the
 * simulator executed the request — it stops answering (silence) or drops the socket. The client
 * must return the outcome it can establish (the pushed result, or an order/deal found by lookup) or
 * raise `TradeOutcomeUnknownError`, and must never re-send: the simulator executes exactly one trade.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { TradeError, TradeOutcomeUnknownError } from '../../../src/errors.js'
import { HEDGING, rejection, startTrading, type TradingEnv, until, warm } from './_setup.js'
import { makeTradingClient } from './_tradingClient.js'

const S = 'EURUSD'

describe('trading e2e: timeouts never re-send', () => {
  let env: TradingEnv | undefined

  afterEach(async () => {
    env?.sim.control.faults.clear()
    await env?.close()
    env = undefined
  })

  const simPositions = () => env!.sim.control.account(HEDGING).positions
  const simDeals = () => env!.sim.control.account(HEDGING).deals.filter((d) => d.tradeSymbol === S)

  it('silence after executing: the lost cmd 12 reply is covered by the cmd 19 result', async () => {
    env = await startTrading({ client: { timeoutMs: 400 } })
    const { client, sim } = env
    await warm(env)
    sim.control.faults.silence(true, { login: HEDGING })
    const r = await client.buyMarket({ symbol: S, volume: 0.03, comment: 'silent', timeoutMs: 300 })
    expect(r).toMatchObject({ ok: true, retcode: 10009, volume: 0.03, price: 1.0852 })
    expect(env.trades()).toBe(1)
    const [deal] = simDeals()
    expect(r.deal).toBe(deal!.deal)
    expect(simPositions()).toHaveLength(1)
    sim.control.faults.silence(false)
    expect((await client.positions()).map((p) => p.comment)).toEqual(['silent'])
  })

  it('silence after a failed execution: the pushed failure is raised as TradeError', async () => {
    env = await startTrading({ client: { timeoutMs: 400 } })
    const { client, sim } = env
    await warm(env)
    sim.control.faults.rejectNextTrade(10019, { via: 'result' })
    sim.control.faults.silence(true, { login: HEDGING })
    const e = await rejection(client.buyMarket({ symbol: S, volume: 0.03, timeoutMs: 300 }))
    expect(e).toBeInstanceOf(TradeError)
    expect(e).not.toBeInstanceOf(TradeOutcomeUnknownError)
    expect((e as TradeError).retcode).toBe(10019)
    expect(simPositions()).toEqual([])
  })

  it('request swallowed (silence, nothing executed): nothing found → TradeOutcomeUnknownError', async () => {
    env = await startTrading({ client: { timeoutMs: 400 } })
    const { client, sim } = env
    await warm(env)
    sim.control.faults.rejectNextTrade(10006, { via: 'reply' }) // the request is answered only by a reply…
    sim.control.faults.silence(true, { login: HEDGING }) // …which is never sent
    setTimeout(() => sim.control.faults.silence(false), 350)
    const started = Date.now()
    const e = await rejection(client.buyMarket({ symbol: S, volume: 0.04, comment: 'lost', timeoutMs: 300 }))
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    expect((e as TradeOutcomeUnknownError).code).toBe('MT5_TRADE_OUTCOME_UNKNOWN')
    expect((e as Error).message).toMatch(/do NOT re-send/)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(env.trades()).toBe(0)
    expect(simPositions()).toEqual([])
    expect(await client.positions()).toEqual([])
  })

  it('socket dropped right after the execution, with reconnect: each action resolved by lookup', async () => {
    env = await startTrading({
      client: { timeoutMs: 1000, reconnect: { baseDelayMs: 20, maxDelayMs: 60, maxAttempts: 50 } },
    })
    const { client, sim } = env
    const reconnected = async () => {
      await until(() => client.status === 'loggedIn' && sim.control.account(HEDGING).connections === 1, 4000)
    }
    await warm(env)
    // the socket dies right after the simulator executed the request: the cmd 19 result is lost
    const dropNext = () => env!.afterNextTrade(() => sim.control.faults.drop({ login: HEDGING }))

    // market order → deal found
    dropNext()
    const r = await client.buyMarket({ symbol: S, volume: 0.06, comment: 'dropped', timeoutMs: 300 })
    expect(r).toMatchObject({ ok: true, retcode: 10009, volume: 0.06, price: 1.0852, comment: 'dropped' })
    expect(r.deal).toBe(simDeals()[0]!.deal)
    expect(simPositions()).toHaveLength(1)
    await reconnected()

    // pending order → open order found
    dropNext()
    const p = await client.buyLimit({ symbol: S, volume: 0.02, price: 1.07, comment: 'pend', timeoutMs: 300 })
    expect(p).toMatchObject({ ok: true, retcode: 10008, price: 1.07 })
    const simOrders = sim.control.account(HEDGING).orders
    expect(simOrders.map((o) => o.tradeOrder)).toEqual([p.order])
    await reconnected()

    // SL/TP of the position → found by its new values
    dropNext()
    const m = await client.modifyPositionSltp({ ticket: r.order, sl: 1.08, tp: 1.09, timeoutMs: 300 })
    expect(m).toMatchObject({ ok: true, retcode: 10009 })
    expect(simPositions()[0]).toMatchObject({ sl: 1.08, tp: 1.09 })
    await reconnected()

    // cancel → order gone
    dropNext()
    const c = await client.cancelPendingOrder({ ticket: p.order, timeoutMs: 300 })
    expect(c).toMatchObject({ ok: true, order: p.order })
    expect(sim.control.account(HEDGING).orders).toEqual([])
    await reconnected()

    expect(env.trades()).toBe(4)
    expect(simDeals()).toHaveLength(1)
    expect(sim.control.account(HEDGING).historyOrders.filter((o) => o.tradeSymbol === S)).toHaveLength(2)
  })

  it('socket dropped right after the execution, no reconnect: TradeOutcomeUnknownError, executed once', async () => {
    env = await startTrading({ client: { timeoutMs: 500, reconnect: false } })
    const { client, sim } = env
    await warm(env)
    env.afterNextTrade(() => sim.control.faults.drop({ login: HEDGING }))
    const e = await rejection(
      client.sellMarket({ symbol: S, volume: 0.05, comment: 'orphan', timeoutMs: 300 }),
    )
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    expect((e as TradeOutcomeUnknownError).message).toContain('comment "orphan"')
    expect(env.trades()).toBe(1)
    expect(simPositions()).toHaveLength(1)
    // a fresh session sees exactly the one position the lost request opened
    const fresh = makeTradingClient(sim.url(), { login: HEDGING })
    await fresh.connect()
    try {
      const ps = await fresh.positions()
      expect(ps.map((x) => [x.type, x.volume, x.comment])).toEqual([[1, 0.05, 'orphan']])
    } finally {
      await fresh.close()
    }
  })
})
