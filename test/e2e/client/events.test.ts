import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import { createClient } from '../../../src/client/createClient.js'
import type { BaseClient, ClientEvents, TradeTransaction } from '../../../src/client/types.js'
import { encodeSymbolIdList } from '../../../src/codec/messages/symbolIdList.js'
import { decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { encodeTradeRequest } from '../../../src/codec/messages/tradeRequest.js'
import { symbolDetailsSchema } from '../../../src/codec/schemas/symbolDetails.js'
import { tradeRequestSchema } from '../../../src/codec/schemas/tradeRequest.js'
import { type PushHandlers, pushHandlers } from '../../../src/decorators/pushHandlers.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'

const LOGIN = 10001

let sim: SimServer
let client: BaseClient & PushHandlers

/** Collects every event of the given names, in arrival order. */
function record<E extends keyof ClientEvents>(names: E[]): Array<{ event: E; args: ClientEvents[E] }> {
  const seen: Array<{ event: E; args: ClientEvents[E] }> = []
  for (const event of names) {
    client.on(event, (...args: ClientEvents[E]) => {
      seen.push({ event, args })
    })
  }
  return seen
}

function next<E extends keyof ClientEvents>(
  event: E,
  predicate: (...args: ClientEvents[E]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener)
      reject(new Error(`no ${event} event in ${timeoutMs} ms`))
    }, timeoutMs)
    const listener = (...args: ClientEvents[E]): void => {
      if (!predicate(...args)) return
      clearTimeout(timer)
      client.off(event, listener)
      resolve(args)
    }
    client.on(event, listener)
  })
}

beforeEach(async () => {
  sim = await createSimServer({ port: 0 })
  client = createBaseClient({
    server: sim.url(),
    login: LOGIN,
    password: 'Demo1234',
    reconnect: false,
  }).extend(pushHandlers)
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

async function connectAndSeed(): Promise<void> {
  const seeded = Promise.all([next('positions'), next('orders'), next('account')])
  await client.connect()
  const [[positions], [orders], [account]] = await seeded
  expect(positions).toEqual([])
  expect(orders).toEqual([])
  expect(account.login).toBe(BigInt(LOGIN))
  expect(account.balance).toBeGreaterThan(0)
  expect(account.equity).toBe(account.balance + account.credit + account.profit)
}

async function loadSymbols(): Promise<void> {
  for (const s of decodeSymbolList(await client.request(6))) {
    client.state.symbolsById.set(s.symbolId, { name: s.tradeSymbol, digits: s.digits })
  }
}

describe('push events against the simulator', () => {
  it('seeds positions, orders and account after login', async () => {
    await connectAndSeed()
    expect(client.accountSummary()?.login).toBe(BigInt(LOGIN))
    expect(client.openPositions()).toEqual([])
  })

  it('delivers tick, symbolDetails and book events for subscribed symbols', async () => {
    await connectAndSeed()
    await loadSymbols()
    const id = sim.control.symbolId('EURUSD')
    await client.request(7, encodeSymbolIdList([id]))
    await client.request(22, encodeSymbolIdList([id]))
    const tick = next('tick', (t) => t.bid === 1.1)
    const details = next('symbolDetails', (d) => d.symbolId === id)
    const book = next('book', (b) => b.bids[0]?.price === 1.1)
    sim.control.setPrice('EURUSD', 1.1, 1.10012)
    const [t] = await tick
    expect(t).toMatchObject({ symbol: 'EURUSD', symbolId: id, bid: 1.1, ask: 1.10012 })
    expect(t.timeMs).toBeGreaterThan(0)
    const [d] = await details
    expect(d.symbol).toBe('EURUSD')
    const [b] = await book
    expect(b.symbol).toBe('EURUSD')
    expect(b.asks[0]?.price).toBe(1.10012)
    expect(b.bids.length).toBeGreaterThan(0)
  })

  it('decodes cmd 17 only while someone listens to symbolDetails', async () => {
    await connectAndSeed()
    await loadSymbols()
    const id = sim.control.symbolId('EURUSD')
    const decodes = vi.spyOn(symbolDetailsSchema, 'decode')
    try {
      await client.request(7, encodeSymbolIdList([id]))
      // cmd 7 is answered with the current tick and details; a tick after them shows they arrived.
      const tick = next('tick', (t) => t.bid === 1.1)
      sim.control.setPrice('EURUSD', 1.1, 1.10012)
      await tick
      expect(decodes).not.toHaveBeenCalled()
      const details = next('symbolDetails', (d) => d.symbolId === id)
      sim.control.setPrice('EURUSD', 1.2, 1.20012)
      const [d] = await details
      expect(d.symbol).toBe('EURUSD')
      expect(decodes).toHaveBeenCalled()
    } finally {
      decodes.mockRestore()
    }
  })

  it('a trade request produces tradeTransaction, positions, account and tradeResult (cmd 10/14/19)', async () => {
    await connectAndSeed()
    const seen = record(['tradeTransaction', 'positions', 'account', 'tradeResult'])
    const result = next('tradeResult')
    const positions = next('positions', (p) => p.length === 1)
    // the account event comes once the margin of the positions is computed (0 here: no marketData)
    const account = next('account')
    const reply = await client.request(
      12,
      encodeTradeRequest({
        ...tradeRequestSchema.zero(),
        actionId: 4242,
        tradeAction: 3,
        tradeSymbol: 'EURUSD',
        tradeVolume: 10_000_000n,
        tradeType: 0,
        typeFilling: 1,
        typeFlags: 2,
      }),
    )
    expect(new DataView(reply.buffer, reply.byteOffset, reply.byteLength).getUint32(0, true)).toBe(0)
    const [r] = await result
    expect(r).toMatchObject({ requestId: 4242, ok: true, retcode: 10009, volume: 0.1 })
    const [[p]] = await positions
    expect(p).toMatchObject({ symbol: 'EURUSD', volume: 0.1, type: 0 })
    expect(typeof p?.ticket).toBe('bigint')
    expect(client.openPositions()).toHaveLength(1)
    await account
    const kinds = seen.map((s) => s.event)
    expect(kinds).toContain('tradeTransaction')
    expect(kinds).toContain('account')
    expect(kinds.indexOf('tradeTransaction')).toBeLessThan(kinds.indexOf('tradeResult'))
    const deal = seen
      .filter((s) => s.event === 'tradeTransaction')
      .map((s) => s.args[0] as TradeTransaction)
      .find((tx) => tx.kind === 'deal')
    expect(deal?.kind === 'deal' && deal.deal?.volume).toBe(0.1)

    // Closing through the control API removes it.
    const closed = next('positions', (list) => list.length === 0)
    sim.control.closePosition(LOGIN, p?.ticket ?? 0n)
    await closed
    expect(client.openPositions()).toEqual([])
  })

  it('keeps open orders current (place, cancel) and the account after a balance operation', async () => {
    await connectAndSeed()
    const placed = next('orders', (o) => o.length === 1)
    sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.2, price: 1.0 })
    const [[order]] = await placed
    expect(order).toMatchObject({ symbol: 'EURUSD', type: 2, volumeInitial: 0.2, priceOrder: 1.0 })
    const cancelled = next('orders', (o) => o.length === 0)
    sim.control.cancelOrder(LOGIN, order?.ticket ?? 0n)
    await cancelled
    const before = client.accountSummary()?.balance ?? 0
    const account = next('account', (a) => a.balance === before + 500)
    sim.control.balance(LOGIN, 500)
    const [a] = await account
    expect(a.equity).toBe(a.balance + a.credit + a.profit)
  })

  it('delivers loginStatus (cmd 15)', async () => {
    await connectAndSeed()
    const status = next('loginStatus', (s) => s.state === 7)
    sim.control.faults.forcedLogout(7, { login: LOGIN })
    const [s] = await status
    expect(s).toEqual({ state: 7, connected: false })
    expect(client.tradeServerConnected()).toBe(false)
  })

  it('createClient composes every module; a tick is delivered once (market data owns cmd 8)', async () => {
    const full = createClient({ server: sim.url(), login: LOGIN, password: 'Demo1234', reconnect: false })
    try {
      await full.connect()
      await full.subscribeTicks(['EURUSD'])
      const ticks: number[] = []
      full.on('tick', (t) => {
        if (t.symbol === 'EURUSD') ticks.push(t.bid)
      })
      sim.control.setPrice('EURUSD', 1.2, 1.20011)
      const deadline = Date.now() + 5_000
      while (!ticks.includes(1.2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
      await new Promise((r) => setTimeout(r, 50))
      expect(ticks.filter((b) => b === 1.2)).toHaveLength(1)
      expect(full.openPositions()).toEqual([])
      expect(typeof full.buyMarket).toBe('function')
      expect(typeof full.tradeRequest).toBe('function')
      expect(typeof full.accountInfo).toBe('function')
    } finally {
      await full.close()
    }
  })
})
