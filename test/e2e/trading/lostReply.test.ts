/**
 * Every way a sent trade can lose its reply ends in its outcome (the pushed result or a lookup) or
 * in `TradeOutcomeUnknownError`, never in an error a caller would take as "not executed" and retry.
 * The paths: heartbeat-declared death, `close()` during the trade, abort after sending (this file);
 * a socket drop and a plain timeout are in `timeouts.test.ts`. The simulator must execute each
 * request exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AbortedError, MT5ConnectionError, TradeOutcomeUnknownError } from '../../../src/errors.js'
import { HEDGING, rejection, startTrading, type TradingEnv, until, warm } from './_setup.js'

const S = 'EURUSD'
const fastReconnect = { baseDelayMs: 20, maxDelayMs: 60, maxAttempts: 50 }

describe('trading e2e: a lost trade reply is resolved or reported unknown', () => {
  let env: TradingEnv | undefined

  afterEach(async () => {
    env?.sim.control.faults.clear()
    await env?.close()
    env = undefined
  })

  const simDeals = () => env!.sim.control.account(HEDGING).deals.filter((d) => d.tradeSymbol === S)

  it('heartbeat declares the socket dead while the reply is pending: the pushed result is returned', async () => {
    env = await startTrading({
      client: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800, reconnect: fastReconnect },
    })
    const { client, sim } = env
    await warm(env)
    const disconnects: unknown[] = []
    client.on('disconnect', ({ error }) => {
      disconnects.push(error)
      sim.control.faults.silence(false)
    })
    // requests (cmd 12, pings) go unanswered, pushes (cmd 19) still flow
    sim.control.faults.silence(true, { login: HEDGING })
    const started = Date.now()
    const r = await client.buyMarket({ symbol: S, volume: 0.03, comment: 'hb', timeoutMs: 10_000 })
    expect(r).toMatchObject({ ok: true, retcode: 10009, volume: 0.03 })
    expect(r.deal).toBe(simDeals()[0]!.deal)
    expect(Date.now() - started).toBeLessThan(5_000) // the heartbeat ended the wait, not the timeout
    expect(disconnects).toHaveLength(1)
    expect(disconnects[0]).toBeInstanceOf(MT5ConnectionError)
    expect(env.trades()).toBe(1)
  })

  it('heartbeat death with the result lost too: looked up once the client is logged in again', async () => {
    env = await startTrading({
      client: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800, reconnect: fastReconnect },
    })
    const { client, sim } = env
    await warm(env)
    // after the execution every frame of this socket (reply, pushes, pongs) is held back 3 s
    env.afterNextTrade(() => sim.control.faults.delay(3_000, { login: HEDGING }))
    const started = Date.now()
    const r = await client.buyMarket({ symbol: S, volume: 0.07, comment: 'late', timeoutMs: 10_000 })
    expect(r).toMatchObject({ ok: true, volume: 0.07, comment: 'late' })
    expect(Date.now() - started).toBeLessThan(5_000) // the drop ended the wait for the result
    expect(r.deal).toBe(simDeals()[0]!.deal)
    expect(client.status).toBe('loggedIn')
    expect(env.trades()).toBe(1)
    expect((await client.positions()).map((p) => p.comment)).toEqual(['late'])
  })

  it('heartbeat death, nothing executed and nothing found: TradeOutcomeUnknownError', async () => {
    env = await startTrading({
      client: { heartbeatIntervalMs: 100, heartbeatTimeoutMs: 800, reconnect: fastReconnect },
    })
    const { client, sim } = env
    await warm(env)
    client.on('disconnect', () => sim.control.faults.silence(false))
    sim.control.faults.rejectNextTrade(10006, { via: 'reply' }) // answered only by a reply…
    sim.control.faults.silence(true, { login: HEDGING }) // …which is never sent
    const e = await rejection(
      client.buyMarket({ symbol: S, volume: 0.04, comment: 'gone', timeoutMs: 10_000 }),
    )
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    expect((e as Error).message).toMatch(/connection lost.*do NOT re-send/)
    expect(env.trades()).toBe(0)
  })

  it('close() while the reply is pending: TradeOutcomeUnknownError, not a retryable SessionError', async () => {
    env = await startTrading({ client: { timeoutMs: 300 } })
    const { client, sim } = env
    await warm(env)
    sim.control.faults.rejectNextTrade(10006, { via: 'reply' })
    sim.control.faults.silence(true, { login: HEDGING })
    const trade = rejection(
      client.buyMarket({ symbol: S, volume: 0.05, comment: 'closed', timeoutMs: 10_000 }),
    )
    await until(() => env!.sim.control.account(HEDGING).connections === 1 && client.status === 'loggedIn')
    await new Promise((r) => setTimeout(r, 200)) // the request is on the wire (warm() loaded all it needs)
    const started = Date.now()
    await client.close()
    const e = await trade
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    expect((e as Error).message).toContain('comment "closed"')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('abort after sending: the outcome is looked up, the request is not re-sent', async () => {
    env = await startTrading({ client: { timeoutMs: 2_000 } })
    const { client, sim } = env
    await warm(env)
    const controller = new AbortController()
    // abort right after the execution, before its reply and pushes leave the simulator
    env.afterNextTrade(() => controller.abort())
    const r = await client.buyMarket({
      symbol: S,
      volume: 0.02,
      comment: 'aborted',
      timeoutMs: 2_000,
      signal: controller.signal,
    })
    expect(r).toMatchObject({ ok: true, volume: 0.02, comment: 'aborted' })
    expect(r.deal).toBe(simDeals()[0]!.deal)
    expect(env.trades()).toBe(1)
    expect(sim.control.account(HEDGING).positions).toHaveLength(1)
  })

  it('abort before sending: AbortedError and nothing executed (safe to retry)', async () => {
    env = await startTrading()
    const { client } = env
    await warm(env)
    const e = await rejection(
      client.buyMarket({ symbol: S, volume: 0.02, signal: AbortSignal.abort(new Error('user')) }),
    )
    expect(e).toBeInstanceOf(AbortedError)
    expect(env.trades()).toBe(0)
  })
})
