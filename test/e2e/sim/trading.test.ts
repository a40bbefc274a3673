import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { decodeAccount } from '../../../src/codec/messages/account.js'
import { decodeHistory, encodeHistoryRequest } from '../../../src/codec/messages/history.js'
import { decodePositionsAndOrders } from '../../../src/codec/messages/positionsAndOrders.js'
import { decodeTradeTransactions } from '../../../src/codec/messages/tradeTransactions.js'
import { tradeRequestPymt5Schema } from '../../../src/codec/schemas/tradeRequestPymt5.js'
import {
  createSimServer,
  defaultBroker,
  defineAccount,
  defineSymbol,
  type SimServer,
} from '../../../src/sim/index.js'
import { LOGIN, PASSWORD, trade, u32Of } from './_helpers.js'
import { loginRaw, type RawClient, sleep } from './_rawClient.js'

const LOT = 100_000_000n
const POOR = 20001
const FEW_PENDING = 20002

function broker() {
  const b = defaultBroker()
  b.symbols.push(
    defineSymbol({ name: 'LONGXX', path: 'Test\\LONGXX', tradeMode: 1, initialBid: 1 }),
    defineSymbol({ name: 'SHORTX', path: 'Test\\SHORTX', tradeMode: 2, initialBid: 1 }),
    defineSymbol({ name: 'CLOSEX', path: 'Test\\CLOSEX', tradeMode: 3, initialBid: 1 }),
    defineSymbol({ name: 'DISABX', path: 'Test\\DISABX', tradeMode: 0, initialBid: 1 }),
    defineSymbol({ name: 'LIMITX', path: 'Test\\LIMITX', volumeLimit: 1, initialBid: 1 }),
    defineSymbol({ name: 'INSTNT', path: 'Test\\INSTNT', exemode: 1, initialBid: 1 }),
    defineSymbol({ name: 'THINXX', path: 'Test\\THINXX', maxFillVolume: 0.5, initialBid: 1 }),
  )
  b.accounts.push(
    defineAccount({ login: POOR, balance: 100 }),
    defineAccount({ login: FEW_PENDING, maxPendingOrders: 1 }),
  )
  return b
}

const market = (symbol: string, type: number, lots: number, extra = {}) => ({
  tradeAction: 3,
  tradeSymbol: symbol,
  tradeType: type,
  tradeVolume: BigInt(Math.round(lots * 100)) * (LOT / 100n),
  typeFilling: 1,
  ...extra,
})

describe('sim trading over the wire', () => {
  let sim: SimServer
  let c: RawClient
  let other: RawClient
  beforeAll(async () => {
    sim = await createSimServer({ brokers: [broker()], historyDays: 0 })
    c = await loginRaw(sim.url(), LOGIN, PASSWORD)
    other = await loginRaw(sim.url(), LOGIN, PASSWORD)
  })
  afterAll(async () => {
    c.close()
    other.close()
    await sim.close()
  })
  beforeEach(() => {
    sim.control.setPrice('EURUSD', 1.1, 1.1001)
  })

  it('market buy: reply 0, then 10… → 14 → 19 with the actionId; other sessions get 10 → 14', async () => {
    const from = other.count()
    const t = await trade(c, market('EURUSD', 0, 1, { actionId: 4242 }))
    expect(t.reply).toBe(0)
    expect(t.result.request.actionId).toBe(4242)
    expect(t.result.result.retcode).toBe(10009)
    expect(t.result.result.price).toBe(1.1001)
    const cmds = t.frames.map((f) => f.command)
    expect(cmds[0]).toBe(12)
    expect(cmds.at(-1)).toBe(19)
    expect(cmds.at(-2)).toBe(14)
    expect(cmds.slice(1, -2).every((x) => x === 10)).toBe(true)
    expect(cmds.length).toBeGreaterThan(3)
    const deals = t.frames
      .filter((f) => f.command === 10)
      .map((f) => decodeTradeTransactions(f.body))
      .filter((x) => x.kind === 'deal')
    expect(deals.length).toBe(1)
    const acc = decodeAccount(t.frames.at(-2)!.body)
    expect(acc.main.balance).toBe(100_000)
    await other.waitFor((f) => f.command === 14, 3000, from)
    const seen = other.frames.slice(from).map((f) => f.command)
    expect(seen).not.toContain(19)
    expect(seen.filter((x) => x === 10).length).toBe(cmds.filter((x) => x === 10).length)
    const pos = decodePositionsAndOrders((await c.request(4)).body)
    expect(pos.positions.some((p) => p.tradeOrder === t.result.result.tradeOrder)).toBe(true)
  })

  it('accepts the pymt5 236-byte layout (position close reaches the right position)', async () => {
    const open = await trade(c, market('EURUSD', 0, 1))
    const ticket = open.result.result.tradeOrder
    const pos = decodePositionsAndOrders((await c.request(4)).body).positions.find(
      (p) => p.tradeOrder === ticket,
    )!
    const payload = tradeRequestPymt5Schema.encode({
      ...tradeRequestPymt5Schema.zero(),
      actionId: 777,
      tradeAction: 3,
      tradeSymbol: 'EURUSD',
      tradeVolume: LOT,
      tradeType: 1,
      typeFilling: 1,
      positionId: pos.positionId,
    })
    expect(payload.length).toBe(236)
    const closed = await trade(c, {}, payload)
    expect(closed.result.result.retcode).toBe(10009)
    expect(closed.result.request.tradePosition).toBe(pos.positionId)
    const after = decodePositionsAndOrders((await c.request(4)).body).positions
    expect(after.some((p) => p.positionId === pos.positionId)).toBe(false)
  })

  it('answers a malformed request with an immediate retcode in the cmd 12 reply', async () => {
    const r = await c.request(12, new Uint8Array(100))
    expect(u32Of(r.body)).toBe(10013)
  })

  const cases: [string, number, Record<string, unknown>, number?][] = [
    ['prices received (action 0)', 10005, market('EURUSD', 0, 1, { tradeAction: 0 })],
    ['unknown symbol', 10013, market('NOPE', 0, 1)],
    ['invalid volume', 10014, { ...market('EURUSD', 0, 1), tradeVolume: 123n }],
    ['invalid stops', 10016, market('EURUSD', 0, 1, { priceSl: 1.2 })],
    ['trade disabled', 10017, market('DISABX', 0, 1)],
    ['market closed (index at 00:00)', 10018, market('US500', 0, 1)],
    ['no money', 10019, market('EURUSD', 0, 1), POOR],
    ['invalid fill', 10030, market('EURUSD', 0, 1, { typeFilling: 3 })],
    ['invalid order type', 10035, market('EURUSD', 2, 1)],
    ['long only', 10042, market('LONGXX', 1, 1)],
    ['short only', 10043, market('SHORTX', 0, 1)],
    ['close only', 10044, market('CLOSEX', 0, 1)],
    ['limit volume', 10034, market('LIMITX', 0, 2)],
    [
      'requote (instant execution)',
      10004,
      market('INSTNT', 0, 1, { tradeAction: 2, typeFilling: 0, priceOrder: 0.5, priceDeviation: 1 }),
    ],
    ['rejected (FOK beyond liquidity)', 10006, market('THINXX', 0, 1, { typeFilling: 0 })],
    ['done partially (IOC beyond liquidity)', 10010, market('THINXX', 0, 1, { typeFilling: 1 })],
    [
      'invalid price (buy limit above ask)',
      10015,
      { ...market('EURUSD', 2, 1), tradeAction: 5, typeFilling: 2, priceOrder: 1.2 },
    ],
    [
      'invalid expiration',
      10022,
      {
        ...market('EURUSD', 2, 1),
        tradeAction: 5,
        typeFilling: 2,
        priceOrder: 1.05,
        typeTime: 2,
        timeExpiration: 1000,
      },
    ],
    ['placed', 10008, { ...market('EURUSD', 2, 1), tradeAction: 5, typeFilling: 2, priceOrder: 1.05 }],
  ]
  for (const [name, retcode, fields, login] of cases) {
    it(`retcode ${retcode}: ${name}`, async () => {
      const client = login === undefined ? c : await loginRaw(sim.url(), login, PASSWORD)
      const t = await trade(client, fields)
      expect(t.reply).toBe(0)
      expect(t.result.result.retcode).toBe(retcode)
      if (retcode >= 10010 || retcode === 10004 || retcode === 10005 || retcode === 10006) {
        if (retcode !== 10010) expect(t.frames.map((f) => f.command)).toEqual([12, 19])
      }
      if (client !== c) client.close()
    })
  }

  it('retcode 10033: too many pending orders', async () => {
    const d = await loginRaw(sim.url(), FEW_PENDING, PASSWORD)
    const pending = { ...market('EURUSD', 2, 1), tradeAction: 5, typeFilling: 2, priceOrder: 1.05 }
    expect((await trade(d, pending)).result.result.retcode).toBe(10008)
    expect((await trade(d, pending)).result.result.retcode).toBe(10033)
    d.close()
  })

  it('retcodes 10025 (no changes) and 10036 (position closed)', async () => {
    const open = await trade(c, market('EURUSD', 0, 1))
    const pos = decodePositionsAndOrders((await c.request(4)).body).positions.find(
      (p) => p.tradeOrder === open.result.result.tradeOrder,
    )!
    const same = await trade(c, { tradeAction: 6, tradeSymbol: 'EURUSD', tradePosition: pos.positionId })
    expect(same.result.result.retcode).toBe(10025)
    expect(
      (await trade(c, market('EURUSD', 1, 1, { tradePosition: pos.positionId }))).result.result.retcode,
    ).toBe(10009)
    expect(
      (await trade(c, market('EURUSD', 1, 1, { tradePosition: pos.positionId }))).result.result.retcode,
    ).toBe(10036)
  })

  it('partial close leaves the rest of the position open', async () => {
    const open = await trade(c, market('EURUSD', 0, 1))
    const find = async () =>
      decodePositionsAndOrders((await c.request(4)).body).positions.find(
        (p) => p.tradeOrder === open.result.result.tradeOrder,
      )
    const pos = (await find())!
    const part = await trade(c, market('EURUSD', 1, 0.4, { tradePosition: pos.positionId }))
    expect(part.result.result.retcode).toBe(10009)
    expect((await find())!.tradeVolume).toBe(60_000_000n)
  })

  it('close-by closes two opposite positions against each other', async () => {
    const buy = await trade(c, market('GBPUSD', 0, 1))
    const sell = await trade(c, market('GBPUSD', 1, 0.5))
    const positions = decodePositionsAndOrders((await c.request(4)).body).positions
    const b = positions.find((p) => p.tradeOrder === buy.result.result.tradeOrder)!
    const s = positions.find((p) => p.tradeOrder === sell.result.result.tradeOrder)!
    const by = await trade(c, {
      tradeAction: 10,
      tradeSymbol: 'GBPUSD',
      tradePosition: b.positionId,
      positionBy: s.positionId,
    })
    expect(by.result.result.retcode).toBe(10009)
    const after = decodePositionsAndOrders((await c.request(4)).body).positions
    expect(after.find((p) => p.positionId === s.positionId)).toBeUndefined()
    expect(after.find((p) => p.positionId === b.positionId)!.tradeVolume).toBe(50_000_000n)
  })

  it('every pending order type triggers on price moves, pushing 10 → 14 without 19', async () => {
    sim.control.setPrice('AUDUSD', 0.66, 0.6601)
    const place = async (type: number, price: number, trigger = 0) => {
      const t = await trade(c, {
        ...market('AUDUSD', type, 0.1),
        tradeAction: 5,
        typeFilling: 2,
        priceOrder: price,
        priceTrigger: trigger,
      })
      expect(t.result.result.retcode, `type ${type}`).toBe(10008)
      return t.result.result.tradeOrder
    }
    const tickets = {
      buyLimit: await place(2, 0.65),
      sellLimit: await place(3, 0.67),
      buyStop: await place(4, 0.67),
      sellStop: await place(5, 0.65),
      buyStopLimit: await place(6, 0.67, 0.665),
      sellStopLimit: await place(7, 0.65, 0.655),
    }
    const active = async () => decodePositionsAndOrders((await c.request(4)).body)
    const from = c.count()
    sim.control.setPrice('AUDUSD', 0.6705, 0.6706)
    sim.control.setPrice('AUDUSD', 0.664, 0.6641)
    sim.control.setPrice('AUDUSD', 0.648, 0.6481)
    sim.control.setPrice('AUDUSD', 0.656, 0.6561)
    await sleep(50)
    const state = await active()
    const stillActive = new Set(state.orders.map((o) => o.tradeOrder))
    for (const [name, ticket] of Object.entries(tickets)) expect(stillActive.has(ticket), name).toBe(false)
    const opened = new Set(state.positions.map((p) => p.tradeOrder))
    for (const name of ['buyLimit', 'sellLimit', 'buyStop', 'sellStop'] as const) {
      expect(opened.has(tickets[name]), name).toBe(true)
    }
    const cmds = c.frames
      .slice(from)
      .map((f) => f.command)
      .filter((x) => x !== 8 && x !== 17)
    expect(cmds).toContain(10)
    expect(cmds).toContain(14)
    expect(cmds).not.toContain(19)
    expect(cmds.indexOf(10)).toBeLessThan(cmds.indexOf(14))
  })

  it('SL/TP closes positions server-side', async () => {
    sim.control.setPrice('USDCAD', 1.36, 1.3601)
    const t = await trade(c, market('USDCAD', 0, 0.1, { priceTp: 1.37 }))
    expect(t.result.result.retcode).toBe(10009)
    sim.control.setPrice('USDCAD', 1.371, 1.3711)
    const positions = decodePositionsAndOrders((await c.request(4)).body).positions
    expect(positions.some((p) => p.tradeOrder === t.result.result.tradeOrder)).toBe(false)
    const hist = decodeHistory((await c.request(5, encodeHistoryRequest({ from: 0, to: 0 }))).body)
    expect(hist.deals.some((d) => d.tradeSymbol === 'USDCAD' && d.entry === 1)).toBe(true)
    const empty = decodeHistory((await c.request(5, encodeHistoryRequest({ from: 1, to: 2 }))).body)
    expect(empty.deals).toEqual([])
  })

  it('expires a SPECIFIED pending order when the clock advances', async () => {
    const now = Math.floor(sim.control.clock.now() / 1000)
    const t = await trade(c, {
      ...market('EURUSD', 2, 0.1),
      tradeAction: 5,
      typeFilling: 2,
      priceOrder: 1.0,
      typeTime: 2,
      timeExpiration: now + 60,
    })
    expect(t.result.result.retcode).toBe(10008)
    const from = c.count()
    sim.control.advanceClock(120_000)
    const push = await c.waitFor((f) => f.command === 10, 3000, from)
    const tx = decodeTradeTransactions(push.body)
    expect(tx.kind).toBe('order')
    const orders = decodePositionsAndOrders((await c.request(4)).body).orders
    expect(orders.some((o) => o.tradeOrder === t.result.result.tradeOrder)).toBe(false)
    const hist = decodeHistory((await c.request(5, encodeHistoryRequest({ from: 0, to: 0 }))).body)
    expect(hist.orders.find((o) => o.tradeOrder === t.result.result.tradeOrder)?.orderState).toBe(6)
  })

  it('control trades act as the terminal user and push to connected sessions', async () => {
    const from = c.count()
    const r = sim.control.buy(LOGIN, 'EURUSD', 0.2)
    expect(r.result.retcode).toBe(10009)
    await c.waitFor((f) => f.command === 14, 3000, from)
    const cmds = c.frames.slice(from).map((f) => f.command)
    expect(cmds[0]).toBe(10)
    expect(cmds).not.toContain(19)
    const state = sim.control.account(LOGIN)
    expect(state.connections).toBe(2)
    const pos = state.positions.find((p) => p.tradeOrder === r.result.tradeOrder)!
    expect(sim.control.modifyPosition(LOGIN, pos.positionId, 0, 1.2).result.retcode).toBe(10009)
    expect(sim.control.closePosition(LOGIN, pos.positionId, 0.1).result.retcode).toBe(10009)
    const placed = sim.control.placeOrder(LOGIN, { symbol: 'EURUSD', type: 2, lots: 0.1, price: 1.0 })
    expect(placed.result.retcode).toBe(10008)
    expect(sim.control.modifyOrder(LOGIN, placed.result.tradeOrder, { price: 1.01 }).result.retcode).toBe(
      10009,
    )
    expect(sim.control.cancelOrder(LOGIN, placed.result.tradeOrder).result.retcode).toBe(10009)
    const before = sim.control.account(LOGIN).summary.balance
    sim.control.balance(LOGIN, 500)
    expect(sim.control.account(LOGIN).summary.balance).toBe(before + 500)
    const acc = decodeAccount((await c.request(3)).body)
    expect(acc.main.balance).toBe(before + 500)
  })
})
