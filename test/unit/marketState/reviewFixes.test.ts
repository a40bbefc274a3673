/**
 * Market-data review fixes, against a fake client: the decorator's listeners are registered once,
 * cmd 13 merges into the caches, books are kept only for subscribed symbols and cleared on
 * re-login, failed subscriptions roll back, and lastQuote reports a failed subscription.
 */
import { EventEmitter } from 'eventemitter3'
import { describe, expect, it, vi } from 'vitest'
import type { BaseClient, ClientEvents } from '../../../src/client/types.js'
import { encodeBook } from '../../../src/codec/messages/book.js'
import { encodeFullSymbolPush } from '../../../src/codec/messages/fullSymbols.js'
import { encodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { fullSymbolSchema } from '../../../src/codec/schemas/fullSymbol.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { ServerError } from '../../../src/errors.js'
import { marketState } from '../../../src/marketState/state.js'
import type { Tick } from '../../../src/model/types.js'
import { Command } from '../../../src/protocol/commands.js'
import { lastQuote } from '../../../src/tradeState/context.js'

const ID = 7
const PATH = 'Forex\\Majors\\EURUSD'

interface Fake {
  client: BaseClient
  frames: Map<number, Array<(body: Uint8Array) => void>>
  requests: number[]
  errors: Error[]
  fail: { next: Error | undefined }
  deliver(command: number, body: Uint8Array): void
}

function fake(): Fake {
  const frames = new Map<number, Array<(body: Uint8Array) => void>>()
  const requests: number[] = []
  const errors: Error[] = []
  const fail: { next: Error | undefined } = { next: undefined }
  const events = new EventEmitter<ClientEvents>()
  const client = {
    options: {},
    events,
    status: 'loggedIn',
    state: {
      modules: new Map(),
      afterLogin: [],
      symbolsById: new Map(),
      reportError: (error: unknown) => errors.push(error as Error),
    },
    onFrame(command: number, listener: (body: Uint8Array) => void) {
      const list = frames.get(command) ?? []
      list.push(listener)
      frames.set(command, list)
      return () => undefined
    },
    on(event: keyof ClientEvents, listener: (...args: never[]) => void) {
      events.on(event, listener as never)
      return client
    },
    off(event: keyof ClientEvents, listener: (...args: never[]) => void) {
      events.off(event, listener as never)
      return client
    },
    async request(command: number) {
      requests.push(command)
      const error = fail.next
      if (error) {
        fail.next = undefined
        throw error
      }
      return new Uint8Array(0)
    },
  } as unknown as BaseClient
  marketState(client).symbols.replace([
    { name: 'EURUSD', id: ID, digits: 5, description: '', path: PATH, calcMode: 0, basis: '', sector: 0 },
  ])
  return {
    client,
    frames,
    requests,
    errors,
    fail,
    deliver(command, body) {
      for (const listener of frames.get(command) ?? []) listener(body)
    },
  }
}

function quote(bid: number, ask: number, tickTime = 1000): Uint8Array {
  const record = tickSchema.zero()
  record.symbolId = ID
  record.tickTime = tickTime
  record.fields = 3
  record.bid = bid
  record.ask = ask
  return encodeTickRecords([record])
}

function bookBody(levels: Array<[type: number, price: number, lots: number]>, clear = false): Uint8Array {
  return encodeBook([
    {
      symbolId: ID,
      booksTime: 1,
      timeMsc: 0,
      flagMask: 0,
      booksFlags: clear ? 2 : 0,
      levels: levels.map(([bookType, price, lots]) => ({
        flagMask: 0,
        bookType,
        price: BigInt(price),
        volume: BigInt(lots * 1e8),
      })),
    },
  ])
}

describe('marketDataActions applied twice', () => {
  it('registers its frame listeners once: one tick event per tick', () => {
    const f = fake()
    marketDataActions(f.client)
    marketDataActions(f.client)
    expect(f.frames.get(Command.ticks)).toHaveLength(1)
    const ticks: Tick[] = []
    f.client.events.on('tick', (t) => ticks.push(t))
    f.deliver(Command.ticks, quote(108540, 108550))
    expect(ticks).toHaveLength(1)
  })
})

describe('cmd 13 symbol updates', () => {
  it('merge into the full-spec cache (spread difference) and the symbol cache (digits, name)', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    const raw = fullSymbolSchema.zero()
    raw.tradeSymbol = 'EURUSD'
    raw.symbolId = ID
    raw.digits = 5
    raw.point = 0.00001
    raw.contractSize = 100_000
    raw.trade.symbolPath = PATH
    raw.trade.spreadDiff = 10
    f.deliver(Command.symbolUpdate, encodeFullSymbolPush([raw]))
    const spec = await md.fullSymbolInfo('EURUSD')
    expect(spec.contractSize).toBe(100_000)
    expect(spec.trade.spreadDiff).toBe(10)
    expect(f.requests).not.toContain(Command.fullSymbols)
    const ticks: Tick[] = []
    f.client.events.on('tick', (t) => ticks.push(t))
    f.deliver(Command.ticks, quote(108540, 108550))
    expect(ticks[0]).toMatchObject({ bid: 1.08535, ask: 1.08555 })

    raw.digits = 3
    raw.tradeSymbol = 'EURUSD.x'
    f.deliver(Command.symbolUpdate, encodeFullSymbolPush([raw]))
    const state = marketState(f.client)
    expect(state.symbols.byId(ID)).toMatchObject({ name: 'EURUSD.x', digits: 3 })
    expect(state.symbols.byName('EURUSD.x')?.id).toBe(ID)
    expect(state.symbols.byName('EURUSD')).toBeUndefined()
    expect(state.full.has('EURUSD')).toBe(false)
    expect(f.client.state.symbolsById.get(ID)).toEqual({ name: 'EURUSD.x', digits: 3 })
  })
})

describe('book state', () => {
  it('keeps no levels for a symbol that is not subscribed', () => {
    const f = fake()
    marketDataActions(f.client)
    const books: unknown[] = []
    f.client.events.on('book', (b) => books.push(b))
    f.deliver(Command.book, bookBody([[1, 108560, 1]]))
    expect(marketState(f.client).bookLevels.size).toBe(0)
    expect(books).toHaveLength(0)
  })

  it('clears stored books on re-login, before re-subscribing', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    await md.subscribeBook('EURUSD')
    f.deliver(Command.book, bookBody([[1, 108560, 1]], true))
    expect(md.lastBook('EURUSD')?.asks).toEqual([{ price: 1.0856, volume: 1 }])
    // reconnect: the hooks run after the new login
    for (const hook of f.client.state.afterLogin) await hook()
    expect(md.lastBook('EURUSD')).toBeUndefined()
    // a new book without the clear flag does not merge with the old session's levels
    f.deliver(Command.book, bookBody([[2, 108550, 2]]))
    expect(md.lastBook('EURUSD')).toMatchObject({ asks: [], bids: [{ price: 1.0855, volume: 2 }] })
  })
})

describe('failed subscriptions roll back', () => {
  it('subscribeTicks: the caller gets the error and the ids are not replayed', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    f.fail.next = new ServerError(Command.subscribeTicks, 1, 'refused')
    await expect(md.subscribeTicks('EURUSD')).rejects.toBeInstanceOf(ServerError)
    expect(marketState(f.client).tickSubs.size).toBe(0)
    f.requests.length = 0
    for (const hook of f.client.state.afterLogin) await hook()
    expect(f.requests).not.toContain(Command.subscribeTicks)
  })

  it('subscribeBook: the caller gets the error and the ids are not replayed', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    f.fail.next = new ServerError(Command.subscribeBook, 1, 'refused')
    await expect(md.subscribeBook('EURUSD')).rejects.toBeInstanceOf(ServerError)
    expect(marketState(f.client).bookSubs.size).toBe(0)
    f.requests.length = 0
    for (const hook of f.client.state.afterLogin) await hook()
    expect(f.requests).not.toContain(Command.subscribeBook)
  })
})

describe('errors are reported, not swallowed', () => {
  it('lastQuote reports a failed tick subscription and resolves undefined', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    Object.assign(f.client, md)
    f.fail.next = new ServerError(Command.subscribeTicks, 1, 'refused')
    await expect(lastQuote(f.client, 'EURUSD', 1000)).resolves.toBeUndefined()
    expect(f.errors).toHaveLength(1)
    expect(f.errors[0]).toBeInstanceOf(ServerError)
  })

  it('the trading state reports a cmd 14 push it cannot decode', async () => {
    const f = fake()
    const { tradingState } = await import('../../../src/tradeState/context.js')
    tradingState(f.client)
    f.deliver(Command.accountUpdate, new Uint8Array(3))
    expect(f.errors.length).toBeGreaterThanOrEqual(1)
  })

  it('ticks() reports a failed unsubscribe when the loop ends', async () => {
    const f = fake()
    const md = marketDataActions(f.client)
    const stream = md.ticks('EURUSD')
    const first = stream.next()
    await vi.waitFor(() => expect(marketState(f.client).tickSubs.size).toBe(1))
    f.deliver(Command.ticks, quote(108540, 108550))
    await first
    f.fail.next = new ServerError(Command.subscribeTicks, 1, 'connection gone')
    await stream.return()
    expect(f.errors).toHaveLength(1)
    expect(f.errors[0]?.message).toBe('connection gone')
  })
})
