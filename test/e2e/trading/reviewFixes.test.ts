/**
 * Review fixes on the trading side, against the simulator over loopback:
 * - compat `orderSend` chooses the market action like the helpers (instant volume, request price)
 *   and builds MODIFY / REMOVE / SLTP requests from the existing order/position, identical to the
 *   order helpers' requests;
 * - `marketOrder` on netting reuses the existing SL and TP independently;
 * - `OrderManager.sync()` keeps pushes buffered during a failed sync and never lets an older
 *   snapshot overwrite a newer one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeTradeRequest } from '../../../src/codec/messages/tradeRequest.js'
import type { TradeRequestRecord } from '../../../src/codec/schemas/tradeRequest.js'
import * as mt5 from '../../../src/compat/index.js'
import { createManualClock } from '../../../src/sim/engine/clock.js'
import { defineSymbol } from '../../../src/sim/engine/config.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { createOrderManager } from '../../../src/tradeState/OrderManager.js'
import { HEDGING, NETTING, tradingBroker, until, WEDNESDAY_NOON } from './_setup.js'
import { makeTradingClient } from './_tradingClient.js'

const INSTANT_CAPPED = 'EURUSD.iv'
const REQUEST = 'EURUSD.req'

function eur(name: string, fields: Parameters<typeof defineSymbol>[0] extends infer T ? Partial<T> : never) {
  return defineSymbol({
    name,
    description: name,
    currencyBase: 'EUR',
    currencyProfit: 'USD',
    currencyMargin: 'EUR',
    initialBid: 1.085,
    ...fields,
  })
}

interface Env {
  sim: SimServer
  client: ReturnType<typeof makeTradingClient>
  /** Trade actions the simulator executed, in order. */
  actions: number[]
  /** Every cmd 12 request the client sent, decoded. */
  sent: TradeRequestRecord[]
  close(): Promise<void>
}

async function start(login = HEDGING): Promise<Env> {
  const broker = tradingBroker()
  broker.symbols.push(
    eur(INSTANT_CAPPED, { exemode: 1, fillFlags: 1, instantVolume: 0.5 }),
    eur(REQUEST, { exemode: 0, fillFlags: 1 }),
  )
  const actions: number[] = []
  const sim = await createSimServer({
    port: 0,
    host: '127.0.0.1',
    clock: createManualClock(WEDNESDAY_NOON),
    brokers: [broker],
    historyDays: 1,
    log: (event, data) => {
      if (event === 'trade') actions.push(data.action as number)
    },
  })
  const symbols = ['EURUSD', INSTANT_CAPPED, REQUEST]
  for (const s of symbols) sim.control.setPrice(s, 1.085, 1.0852)
  const client = makeTradingClient(sim.url(), { login })
  const sent: TradeRequestRecord[] = []
  const request = client.request.bind(client)
  client.request = (command, payload, options) => {
    if (command === 12 && payload) sent.push(decodeTradeRequest(payload))
    return request(command, payload, options)
  }
  await client.connect()
  await client.subscribeTicks(symbols)
  await until(() => symbols.every((s) => client.lastTick(s) !== undefined))
  return {
    sim,
    client,
    actions,
    sent,
    async close() {
      await client.close().catch(() => undefined)
      await sim.close()
    },
  }
}

/** A sent request without the per-request `actionId` and order ticket. */
function shape(r: TradeRequestRecord | undefined) {
  if (!r) throw new Error('no request sent')
  const { actionId: _a, tradeOrder: _o, ...rest } = r
  return rest
}

describe('compat orderSend: same requests as the helpers', () => {
  let env: Env
  beforeEach(async () => {
    env = await start()
    expect(await mt5.initialize(env.client)).toBe(true)
  })
  afterEach(async () => {
    await mt5.shutdown()
    await env.close()
  })

  it('DEAL: action by execution mode and tradeInstantVolume', async () => {
    const small = await mt5.orderSend({ action: 1, symbol: INSTANT_CAPPED, volume: 0.5, type: 0 })
    expect(small?.retcode).toBe(10009)
    const big = await mt5.orderSend({ action: 1, symbol: INSTANT_CAPPED, volume: 0.6, type: 0 })
    expect(big?.retcode).toBe(10009)
    const market = await mt5.orderSend({ action: 1, symbol: 'EURUSD', volume: 0.1, type: 1 })
    expect(market?.retcode).toBe(10009)
    // instant ≤ instant volume → 2; above it → 1 (request); market execution → 3
    expect(env.actions).toEqual([2, 1, 3])
    expect(env.sent.map((r) => r.tradeAction)).toEqual([2, 1, 3])
    expect(env.sent[1]!.priceOrder).toBe(1.0852)
  })

  it('DEAL on request execution without a price gets the current price', async () => {
    const r = await mt5.orderSend({ action: 1, symbol: REQUEST, volume: 0.1, type: 1 })
    expect(r?.retcode).toBe(10009)
    expect(env.sent[0]).toMatchObject({ tradeAction: 1, priceOrder: 1.085, typeFilling: 0 })
    // the compat request equals the helper's
    await env.client.sellMarket({ symbol: REQUEST, volume: 0.1 })
    expect(shape(env.sent[0])).toEqual(shape(env.sent[1]))
  })

  it('MODIFY of a stop-limit without stoplimit keeps (shifts) the limit price, like modifyPendingOrder', async () => {
    const a = await env.client.buyStopLimit({
      symbol: 'EURUSD',
      volume: 0.1,
      price: 1.09,
      stopLimit: 1.089,
      sl: 1.08,
    })
    const b = await env.client.buyStopLimit({
      symbol: 'EURUSD',
      volume: 0.1,
      price: 1.09,
      stopLimit: 1.089,
      sl: 1.08,
    })
    const r = await mt5.orderSend({ action: 7, order: a.order, price: 1.091 })
    expect(r?.retcode).toBe(10009)
    const [o] = (await mt5.ordersGet({ ticket: a.order })) ?? []
    expect(o).toMatchObject({ type: 6, priceOrder: 1.091, priceTrigger: 1.09, sl: 1.081, volumeInitial: 0.1 })
    const compatReq = env.sent.at(-1)
    await env.client.modifyPendingOrder({ ticket: b.order, price: 1.091 })
    expect(shape(compatReq)).toEqual(shape(env.sent.at(-1)))
    expect(compatReq).toMatchObject({ tradeSymbol: 'EURUSD', tradeType: 6, tradeVolume: 10_000_000n })
  })

  it('REMOVE and SLTP copy symbol, type and volume like the helpers', async () => {
    const a = await env.client.buyLimit({ symbol: 'EURUSD', volume: 0.2, price: 1.07, timeType: 1 })
    const b = await env.client.buyLimit({ symbol: 'EURUSD', volume: 0.2, price: 1.07, timeType: 1 })
    expect((await mt5.orderSend({ action: 8, order: a.order }))?.retcode).toBe(10009)
    const compatRemove = env.sent.at(-1)
    await env.client.cancelPendingOrder({ ticket: b.order })
    expect(shape(compatRemove)).toEqual(shape(env.sent.at(-1)))
    expect(compatRemove).toMatchObject({
      tradeSymbol: 'EURUSD',
      tradeType: 2,
      tradeVolume: 20_000_000n,
      typeTime: 1,
    })

    const p = await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.3 })
    const [pos] = (await mt5.positionsGet({ symbol: 'EURUSD' })) ?? []
    expect(pos?.order).toBe(p.order)
    expect((await mt5.orderSend({ action: 6, position: pos!.ticket, sl: 1.07 }))?.retcode).toBe(10009)
    const compatSltp = env.sent.at(-1)
    expect(compatSltp).toMatchObject({
      tradeSymbol: 'EURUSD',
      tradeVolume: 30_000_000n,
      priceSl: 1.07,
      digits: 5,
    })
    await env.client.modifyPositionSltp({ ticket: pos!.ticket, sl: 1.06 })
    expect({ ...shape(compatSltp), priceSl: 0 }).toEqual({ ...shape(env.sent.at(-1)), priceSl: 0 })
  })
})

describe('marketOrder on netting: SL and TP reused independently', () => {
  let env: Env
  beforeEach(async () => {
    env = await start(NETTING)
  })
  afterEach(() => env.close())

  it('a given SL with an omitted TP keeps the existing TP (and vice versa)', async () => {
    await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1, sl: 1.07, tp: 1.1 })
    await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1, sl: 1.075 })
    expect(env.sent.at(-1)).toMatchObject({ priceSl: 1.075, priceTp: 1.1 })
    let [p] = await env.client.positions({ symbol: 'EURUSD' })
    expect(p).toMatchObject({ sl: 1.075, tp: 1.1, volume: 0.2 })
    await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1, tp: 1.11 })
    expect(env.sent.at(-1)).toMatchObject({ priceSl: 1.075, priceTp: 1.11 })
    await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
    expect(env.sent.at(-1)).toMatchObject({ priceSl: 1.075, priceTp: 1.11 })
    ;[p] = await env.client.positions({ symbol: 'EURUSD' })
    expect(p).toMatchObject({ sl: 1.075, tp: 1.11, volume: 0.4 })
  })
})

describe('OrderManager.sync()', () => {
  let env: Env
  beforeEach(async () => {
    env = await start()
  })
  afterEach(() => env.close())

  /** Holds the next cmd 4 reply until `release` (optionally failing it). */
  function holdNextSnapshot() {
    let release!: (fail: boolean) => void
    const gate = new Promise<boolean>((r) => {
      release = r
    })
    const inner = env.client.request
    let armed = true
    env.client.request = async (command, payload, options) => {
      if (command !== 4 || !armed) return inner(command, payload, options)
      armed = false
      const reply = await inner(command, payload, options)
      if (await gate) throw new Error('snapshot failed')
      return reply
    }
    return release
  }

  it('a failed sync keeps the pushes buffered during it', async () => {
    const m = createOrderManager(env.client)
    await m.start()
    expect(m.positions()).toHaveLength(0)
    const release = holdNextSnapshot()
    const syncing = m.sync()
    const r = await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
    await new Promise((res) => setTimeout(res, 50))
    release(true)
    await expect(syncing).rejects.toThrow('snapshot failed')
    expect(m.positions().map((p) => p.order)).toEqual([r.order])
    // later pushes are applied directly again
    await env.client.buyLimit({ symbol: 'EURUSD', volume: 0.1, price: 1.07 })
    await until(() => m.orders().length === 1)
    m.stop()
  })

  it('an older snapshot finishing last does not overwrite a newer one', async () => {
    const m = createOrderManager(env.client)
    await m.start()
    const release = holdNextSnapshot()
    const older = m.sync() // snapshot taken now (no position), reply held
    await new Promise((res) => setTimeout(res, 50))
    const r = await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.1 })
    await m.sync() // newer snapshot with the position
    expect(m.positions().map((p) => p.order)).toEqual([r.order])
    release(false)
    await older
    expect(m.positions().map((p) => p.order)).toEqual([r.order])
    // a push after both syncs is applied
    await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.2 })
    await until(() => m.positions().length === 2)
    m.stop()
  })
})
