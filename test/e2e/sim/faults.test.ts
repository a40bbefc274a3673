import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { LOGIN, PASSWORD, trade, u32Of } from './_helpers.js'
import { loginRaw, sleep } from './_rawClient.js'

const buy = { tradeAction: 3, tradeSymbol: 'EURUSD', tradeType: 0, tradeVolume: 10_000_000n, typeFilling: 1 }

describe('sim faults', () => {
  let sim: SimServer
  beforeAll(async () => {
    sim = await createSimServer({ historyDays: 0 })
  })
  afterAll(() => sim.close())

  it('drops a connection now (no close frame needed)', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const [info] = sim.control.connections().filter((x) => x.login === LOGIN)
    expect(sim.control.faults.drop({ id: info!.id })).toBe(1)
    expect(await c.closed()).toBe(true)
  })

  it('drops a connection after N frames', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    await c.waitFor((f) => f.command === 15)
    const id = sim.control.connections().at(-1)!.id
    sim.control.faults.dropAfter(2, { id })
    const from = c.count()
    c.send(51)
    c.send(51)
    c.send(51)
    expect(await c.closed()).toBe(true)
    expect(c.frames.slice(from).length).toBe(2)
  })

  it('delays replies', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const id = sim.control.connections().at(-1)!.id
    sim.control.faults.delay(150, { id })
    const t0 = Date.now()
    const r = await c.request(51)
    expect(r.code).toBe(0)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
    sim.control.faults.delay(0, { id })
    c.close()
  })

  it('stops answering (requests time out) and resumes', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const id = sim.control.connections().at(-1)!.id
    sim.control.faults.silence(true, { id })
    await expect(c.request(51, undefined, 200)).rejects.toThrow(/timed out/)
    sim.control.faults.silence(false, { id })
    expect((await c.request(51)).code).toBe(0)
    c.close()
  })

  it('rejects the next trade with a given retcode (cmd 19, or the cmd 12 reply)', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    sim.control.faults.rejectNextTrade(10031, { login: LOGIN })
    const t = await trade(c, buy)
    expect(t.result.result.retcode).toBe(10031)
    expect(t.frames.map((f) => f.command)).toEqual([12, 19])
    sim.control.faults.rejectNextTrade(10024, { via: 'reply' })
    const r = await c.request(12, (await import('./_helpers.js')).tradeRequest(buy))
    expect(u32Of(r.body)).toBe(10024)
    expect((await trade(c, buy)).result.result.retcode).toBe(10009)
    c.close()
  })

  it('requotes with new prices', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    sim.control.faults.requoteNextTrade(1.2, 1.2002)
    const t = await trade(c, buy)
    expect(t.result.result.retcode).toBe(10004)
    expect(t.result.result.bid).toBe(1.2)
    expect(t.result.result.ask).toBe(1.2002)
    const again = await trade(c, buy)
    expect(again.result.result.price).toBe(1.2002)
    c.close()
  })

  it('drops the socket on the next trade: before it runs (lost) or after (done, reply lost)', async () => {
    const positions = () => sim.control.account(LOGIN).positions.length
    const before = positions()
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    sim.control.faults.dropOnNextTrade({ login: LOGIN })
    const lost = c.request(12, (await import('./_helpers.js')).tradeRequest(buy), 300)
    await expect(lost).rejects.toThrow()
    expect(await c.closed()).toBe(true)
    expect(positions()).toBe(before)

    const d = await loginRaw(sim.url(), LOGIN, PASSWORD)
    sim.control.faults.dropOnNextTrade({ login: LOGIN, when: 'after' })
    const done = d.request(12, (await import('./_helpers.js')).tradeRequest(buy), 300)
    await expect(done).rejects.toThrow()
    expect(await d.closed()).toBe(true)
    expect(positions()).toBe(before + 1)
  })

  it('holds the reply and result of the next trade, which runs at once', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const before = sim.control.account(LOGIN).positions.length
    sim.control.faults.holdNextTradeReply(300, { login: LOGIN })
    const t0 = Date.now()
    const pending = trade(c, buy)
    await sleep(100)
    expect(sim.control.account(LOGIN).positions.length).toBe(before + 1)
    const t = await pending
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)
    expect(t.result.result.retcode).toBe(10009)
    expect(() => sim.control.faults.holdNextTradeReply(-1)).toThrow(/hold ms must be a number >= 0, got -1/)
    c.close()
  })

  it('takes the broker down (sockets dropped, upgrades refused with 503) and back up', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    expect(sim.control.faults.down(true)).toBeGreaterThanOrEqual(1)
    expect(await c.closed()).toBe(true)
    await expect(loginRaw(sim.url(), LOGIN, PASSWORD)).rejects.toThrow(/503/)
    expect(sim.control.faults.down(false)).toBe(0)
    const again = await loginRaw(sim.url(), LOGIN, PASSWORD)
    expect((await again.request(51)).code).toBe(0)
    again.close()
  })

  it('logs each injected trade fault with the request it hit', async () => {
    const seen: Record<string, unknown>[] = []
    const logged = await createSimServer({
      historyDays: 0,
      log: (event, data) => {
        if (event === 'trade-fault') seen.push(data)
      },
    })
    try {
      const c = await loginRaw(logged.url(), LOGIN, PASSWORD)
      logged.control.faults.rejectNextTrade(10006, { login: LOGIN })
      await trade(c, { ...buy, comment: 'cp:abc:def' })
      c.close()
      expect(seen).toEqual([
        {
          broker: 'SimBroker',
          login: LOGIN,
          fault: 'reject',
          retcode: 10006,
          action: 3,
          symbol: 'EURUSD',
          order: '0',
          comment: 'cp:abc:def',
        },
      ])
    } finally {
      await logged.close()
    }
  })

  it('sends a corrupt frame the client cannot decrypt', async () => {
    const c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    const id = sim.control.connections().at(-1)!.id
    const from = c.count()
    sim.control.faults.corruptFrame({ id })
    const bad = await c.waitFor(() => true, 3000, from)
    expect(bad.command).toBe(-1)
    expect((await c.request(51)).code).toBe(0)
    c.close()
    await sleep(10)
  })
})
