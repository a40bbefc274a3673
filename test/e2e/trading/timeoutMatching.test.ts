/**
 * Review regressions of the timeout path: the outcome lookup must not mistake an earlier deal of the
 * same symbol/side/volume for the lost request's, and a cmd 19 result that arrived after its request
 * gave up must not be taken for the result of a later request that reuses the `actionId` (the counter
 * restarts at 1000 after a reconnect).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AbortedError, TradeOutcomeUnknownError } from '../../../src/errors.js'
import { HEDGING, rejection, startTrading, type TradingEnv, until, warm } from './_setup.js'

const S = 'EURUSD'

describe('trading e2e: timeout matching', () => {
  let env: TradingEnv | undefined

  afterEach(async () => {
    env?.sim.control.faults.clear()
    await env?.close()
    env = undefined
  })

  it('a swallowed request is not matched to an earlier identical deal of this client', async () => {
    env = await startTrading({ client: { timeoutMs: 400 } })
    const { client, sim } = env
    await warm(env)
    const first = await client.buyMarket({ symbol: S, volume: 0.03 })
    expect(first).toMatchObject({ ok: true, retcode: 10009, volume: 0.03 })
    await warm(env) // reload what the cmd 14 push invalidated, so the silence hits the trade only
    sim.control.faults.rejectNextTrade(10006, { via: 'reply' }) // answered only by a reply…
    sim.control.faults.silence(true, { login: HEDGING }) // …which is never sent
    setTimeout(() => sim.control.faults.silence(false), 350)
    const e = await rejection(client.buyMarket({ symbol: S, volume: 0.03, timeoutMs: 300 }))
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    expect(sim.control.account(HEDGING).positions).toHaveLength(1)
  })

  it('a late cmd 19 of the previous session is not taken for the result of a new request', async () => {
    env = await startTrading({
      client: { timeoutMs: 300, reconnect: { baseDelayMs: 20, maxDelayMs: 60, maxAttempts: 50 } },
    })
    const { client, sim } = env
    await warm(env)
    let results = 0
    client.onFrame(19, () => {
      results++
    })
    sim.control.faults.delay(2500, { login: HEDGING })
    const e = await rejection(client.buyMarket({ symbol: S, volume: 0.01, comment: 'late', timeoutMs: 200 }))
    expect(e).toBeInstanceOf(TradeOutcomeUnknownError)
    // the delayed result arrives after the request gave up
    await until(() => results === 1, 6000)
    sim.control.faults.delay(0, { login: HEDGING })
    sim.control.faults.drop({ login: HEDGING })
    await until(() => client.status !== 'loggedIn', 4000)
    await until(() => client.status === 'loggedIn' && sim.control.account(HEDGING).connections === 1, 4000)
    const r = await client.buyMarket({ symbol: S, volume: 0.02, comment: 'fresh' })
    const deals = sim.control.account(HEDGING).deals.filter((d) => d.tradeSymbol === S)
    expect(deals).toHaveLength(2)
    expect(r).toMatchObject({ ok: true, retcode: 10009, volume: 0.02 })
    expect(r.deal).toBe(deals[1]!.deal)
  }, 20_000)

  it('aborting after the request went out is not reported as a plain abort: the outcome is looked up', async () => {
    env = await startTrading({ client: { timeoutMs: 3000 } })
    const { client, sim } = env
    await warm(env)
    sim.control.faults.delay(400, { login: HEDGING })
    const controller = new AbortController()
    const pending = client.buyMarket({
      symbol: S,
      volume: 0.04,
      comment: 'aborted',
      signal: controller.signal,
    })
    await until(() => env!.trades() === 1)
    controller.abort()
    const r = await pending.catch((e: unknown) => e)
    expect(r).not.toBeInstanceOf(AbortedError)
    // executed once; the lookup found it (or at least said the outcome is unknown)
    expect(env.trades()).toBe(1)
    if (r instanceof Error) expect(r).toBeInstanceOf(TradeOutcomeUnknownError)
    else expect(r).toMatchObject({ ok: true, volume: 0.04, comment: 'aborted' })
  })
})
