import { describe, expect, it } from 'vitest'
import { applyDealTransaction } from '../../../src/actions/push/applyDealTransaction.js'
import { applyOrderTransaction } from '../../../src/actions/push/applyOrderTransaction.js'
import { handleLoginStatus } from '../../../src/actions/push/handleLoginStatus.js'
import { handleSymbolUpdate } from '../../../src/actions/push/handleSymbolUpdate.js'
import { handleTicks } from '../../../src/actions/push/handleTicks.js'
import { handleTradeTransactions } from '../../../src/actions/push/handleTradeTransactions.js'
import { createPushStore, type PushContext } from '../../../src/actions/push/pushStore.js'
import type { ClientEvents, SymbolRef, TradeTransaction } from '../../../src/client/types.js'
import { encodeFullSymbolPush } from '../../../src/codec/messages/fullSymbols.js'
import { encodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { encodeTradeTransactions } from '../../../src/codec/messages/tradeTransactions.js'
import { dealSchema } from '../../../src/codec/schemas/deal.js'
import { fullSymbolSchema } from '../../../src/codec/schemas/fullSymbol.js'
import { orderSchema } from '../../../src/codec/schemas/order.js'
import { positionSchema } from '../../../src/codec/schemas/position.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import type { AccountSummary, Order, Position } from '../../../src/model/types.js'
import { pushTable } from '../../../src/push/table.js'

function context(symbols: Array<[number, SymbolRef]> = []) {
  const emitted: Array<{ event: keyof ClientEvents; args: unknown[] }> = []
  const ctx: PushContext = {
    store: createPushStore(1n),
    symbolsById: new Map(symbols),
    emit: (event, ...args) => {
      emitted.push({ event, args })
    },
  }
  return { ctx, emitted }
}

const position = (ticket: bigint, symbol: string, volume: number): Position => ({
  ticket,
  order: ticket,
  symbol,
  type: 0,
  volume,
  priceOpen: 1,
  priceCurrent: 1,
  sl: 0,
  tp: 0,
  profit: 0,
  swap: 0,
  commission: 0,
  magic: 0n,
  comment: '',
  digits: 5,
  contractSize: 100000,
  reason: 0,
  externalId: '',
  timeCreateMs: 0,
  timeUpdateMs: 0,
})

const order = (ticket: bigint): Order => ({
  ticket,
  symbol: 'EURUSD',
  type: 2,
  state: 1,
  filling: 2,
  timeType: 0,
  reason: 0,
  priceOrder: 1,
  priceTrigger: 0,
  priceCurrent: 1,
  sl: 0,
  tp: 0,
  volumeInitial: 1,
  volumeCurrent: 1,
  magic: 0n,
  positionId: 0n,
  comment: '',
  externalId: '',
  digits: 5,
  contractSize: 100000,
  timeSetupMs: 0,
  timeExpirationMs: 0,
  timeDoneMs: 0,
})

function dealTx(pos: Position | null, extra: Partial<Extract<TradeTransaction, { kind: 'deal' }>> = {}) {
  return {
    kind: 'deal' as const,
    transactionId: 1,
    transactionType: 1,
    deal: null,
    position: pos,
    balance: 0,
    credit: 0,
    profit: 0,
    deals: [],
    positions: [],
    ...extra,
  }
}

describe('push table', () => {
  it('routes every official push id to its event', () => {
    expect(
      Object.keys(pushTable)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([8, 10, 13, 14, 15, 17, 19, 23])
    expect(pushTable[8].event).toBe('tick')
    expect(pushTable[10].event).toBe('tradeTransaction')
    expect(pushTable[19].event).toBe('tradeResult')
  })
})

describe('cmd 10 order rules', () => {
  it('flagMask 0: add/update replace by ticket, delete removes; flagMask 1 removes from open orders', () => {
    const { ctx } = context()
    const base = { kind: 'order' as const, transactionId: 1 }
    expect(
      applyOrderTransaction(ctx.store, { ...base, flagMask: 0, transactionType: 0, order: order(5n) }),
    ).toBe(true)
    expect(
      applyOrderTransaction(ctx.store, {
        ...base,
        flagMask: 0,
        transactionType: 1,
        order: { ...order(5n), sl: 0.9 },
      }),
    ).toBe(true)
    expect(ctx.store.orders.get(5n)?.sl).toBe(0.9)
    expect(
      applyOrderTransaction(ctx.store, { ...base, flagMask: 0, transactionType: 2, order: order(5n) }),
    ).toBe(true)
    expect(ctx.store.orders.size).toBe(0)
    applyOrderTransaction(ctx.store, { ...base, flagMask: 0, transactionType: 0, order: order(6n) })
    expect(
      applyOrderTransaction(ctx.store, { ...base, flagMask: 1, transactionType: 0, order: order(6n) }),
    ).toBe(true)
    expect(ctx.store.orders.size).toBe(0)
    expect(
      applyOrderTransaction(ctx.store, { ...base, flagMask: 1, transactionType: 0, order: order(7n) }),
    ).toBe(false)
  })
})

describe('cmd 10 deal rules', () => {
  it('hedging: by ticket; volume 0 removes; an unchanged first position skips the list', () => {
    const { ctx } = context()
    expect(applyDealTransaction(ctx.store, dealTx(position(1n, 'EURUSD', 0.1))).positions).toBe(true)
    expect(applyDealTransaction(ctx.store, dealTx(position(2n, 'EURUSD', 0.2))).positions).toBe(true)
    expect(ctx.store.positions.size).toBe(2)
    // Unchanged first position: the list (which would add ticket 3) is not applied.
    const skipped = applyDealTransaction(
      ctx.store,
      dealTx(position(1n, 'EURUSD', 0.1), { positions: [position(3n, 'X', 1)] }),
    )
    expect(skipped.positions).toBe(false)
    expect(ctx.store.positions.has(3n)).toBe(false)
    expect(applyDealTransaction(ctx.store, dealTx(position(1n, 'EURUSD', 0))).positions).toBe(true)
    expect([...ctx.store.positions.keys()]).toEqual([2n])
  })

  it('netting: matched by symbol', () => {
    const { ctx } = context()
    ctx.store.account = { hedging: false, margin: 0 } as AccountSummary
    applyDealTransaction(ctx.store, dealTx(position(1n, 'EURUSD', 0.1)))
    applyDealTransaction(ctx.store, dealTx(position(9n, 'EURUSD', 0.3)))
    expect([...ctx.store.positions.keys()]).toEqual([9n])
  })

  it('transaction type 0 copies the balance tail into the account', () => {
    const { ctx } = context()
    ctx.store.account = {
      balance: 1,
      credit: 0,
      profit: 0,
      equity: 1,
      margin: 0,
      marginFree: 1,
    } as AccountSummary
    const effect = applyDealTransaction(
      ctx.store,
      dealTx(null, { transactionType: 0, balance: 500, credit: 5, profit: -1 }),
    )
    expect(effect).toEqual({ positions: false, account: true })
    expect(ctx.store.account).toMatchObject({ balance: 500, credit: 5, profit: -1, equity: 504 })
  })

  it('handleTradeTransactions decodes a wire body and queues positions after the transactions', () => {
    const { ctx, emitted } = context()
    const body = encodeTradeTransactions({
      kind: 'deal',
      records: [
        {
          flagMask: 2,
          transactionId: 3,
          transactionType: 0,
          deal: { ...dealSchema.zero(), deal: 77n, tradeSymbol: 'EURUSD', tradeVolume: 30_000_000n },
          position: {
            ...positionSchema.zero(),
            positionId: 5n,
            tradeSymbol: 'EURUSD',
            tradeVolume: 30_000_000n,
          },
          balance: 100,
          credit: 0,
          commissionDaily: 0,
          commissionMonthly: 0,
          accProfit: 2,
          deals: [],
          positions: [],
        },
      ],
    })
    const out = handleTradeTransactions(body, ctx)
    expect(out).toHaveLength(1)
    const tx = out[0]?.[0]
    expect(tx?.kind).toBe('deal')
    if (tx?.kind === 'deal') {
      expect(tx.deal?.ticket).toBe(77n)
      expect(tx.position?.volume).toBe(0.3)
      expect(tx.profit).toBe(2)
    }
    expect(emitted.map((e) => e.event)).toEqual(['positions'])
    expect((emitted[0]?.args[0] as Position[] | undefined)?.[0]?.ticket).toBe(5n)

    const orderBody = encodeTradeTransactions({
      kind: 'order',
      records: [
        {
          flagMask: 0,
          transactionId: 4,
          transactionType: 0,
          order: { ...orderSchema.zero(), tradeOrder: 8n },
        },
      ],
    })
    handleTradeTransactions(orderBody, ctx)
    expect(emitted.map((e) => e.event)).toEqual(['positions', 'orders'])
  })
})

describe('other pushes', () => {
  it('cmd 13 refreshes the symbol directory', () => {
    const { ctx } = context()
    const body = encodeFullSymbolPush([
      { ...fullSymbolSchema.zero(), tradeSymbol: 'EURUSD', symbolId: 12, digits: 5 },
    ])
    const out = handleSymbolUpdate(body, ctx)
    expect(out[0]?.[0]).toMatchObject({ name: 'EURUSD', id: 12 })
    expect(ctx.symbolsById.get(12)).toEqual({ name: 'EURUSD', digits: 5 })
  })

  it('cmd 15 state', () => {
    const { ctx } = context()
    expect(handleLoginStatus(new Uint8Array([0, 0, 0, 0]), ctx)).toEqual([[{ state: 0, connected: true }]])
    expect(ctx.store.tradeServerState).toBe(0)
    expect(() => handleLoginStatus(new Uint8Array(2), ctx)).toThrow()
  })

  it('cmd 8 merges absent fields, drops stale ticks and unknown symbols', () => {
    const { ctx } = context([[1, { name: 'EURUSD', digits: 5 }]])
    const tick = (time: number, fields: number, bid: number, ask: number, symbolId = 1) => ({
      ...tickSchema.zero(),
      symbolId,
      tickTime: time,
      fields,
      bid,
      ask,
    })
    const first = handleTicks(encodeTickRecords([tick(100, 3, 110000, 110010), tick(100, 3, 1, 1, 99)]), ctx)
    expect(first).toHaveLength(1)
    expect(first[0]?.[0]).toMatchObject({ symbol: 'EURUSD', bid: 1.1, ask: 1.1001, timeMs: 100_000 })
    const second = handleTicks(encodeTickRecords([tick(101, 1, 110005, 0)]), ctx)
    expect(second[0]?.[0]).toMatchObject({ bid: 1.10005, ask: 1.1001 })
    expect(handleTicks(encodeTickRecords([tick(50, 3, 1, 1)]), ctx)).toHaveLength(0)
  })
})
