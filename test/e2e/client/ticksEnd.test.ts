/**
 * How `client.ticks()` ends: a connection lost for good fails the loop with the cause; a drop the
 * client reconnects is bridged; `close()` ends the loop normally.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MT5ConnectionError } from '../../../src/errors.js'
import type { Tick } from '../../../src/model/types.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeClient, until } from './_marketClient.js'

/** Collects the iterator's ticks into `into` and resolves with how it ended. */
async function drain(iterator: AsyncIterable<Tick>, into: Tick[]): Promise<{ error?: unknown }> {
  try {
    for await (const tick of iterator) into.push(tick)
    return {}
  } catch (error) {
    return { error }
  }
}

describe('ticks() iterator end', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeClient>

  beforeEach(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
  })

  afterEach(async () => {
    await client.close()
    await sim.close()
  })

  const subscribed = () => (sim.control.connections()[0]?.tickSubscriptions.length ?? 0) === 1

  /** Connects `client`, starts a EURUSD loop and waits for its subscription. */
  async function loop() {
    await client.connect()
    const seen: Tick[] = []
    const ended = drain(client.ticks(['EURUSD']), seen)
    await until(subscribed)
    return { seen, ended }
  }

  it('throws MT5ConnectionError with the drop as cause when the connection is lost without reconnect', async () => {
    client = makeClient(sim.url())
    const { seen, ended } = await loop()
    sim.control.setPrice('EURUSD', 1.1, 1.1002)
    await until(() => seen.length > 0)
    sim.control.faults.drop()
    const { error } = await ended
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect((error as Error).message).toMatch(/connection lost/)
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('bridges a drop that the client reconnects, then throws when reconnecting gives up', async () => {
    client = makeClient(sim.url(), { reconnect: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 40 } })
    // The give-up is also reported as an `error` event; listen so it is not logged as unhandled.
    const reported: Error[] = []
    client.on('error', (e) => reported.push(e))
    const { seen, ended } = await loop()
    sim.control.faults.drop()
    await until(() => client.status === 'loggedIn' && subscribed(), 5000)
    sim.control.setPrice('EURUSD', 1.2, 1.2002)
    await until(() => seen.some((t) => t.bid === 1.2))
    await sim.close()
    const { error } = await ended
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect(reported.some((e) => /gave up/.test(e.message))).toBe(true)
  })

  it('ends normally on close()', async () => {
    client = makeClient(sim.url())
    const { ended } = await loop()
    await client.close()
    expect(await ended).toEqual({})
  })
})
