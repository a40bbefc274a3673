import type { EventEmitter } from 'eventemitter3'
import { describe, expectTypeOf, it } from 'vitest'
import { createBaseClient } from '../../src/client/createBaseClient.js'
import { createClient, type Mt5Client } from '../../src/client/createClient.js'
import { eventStream } from '../../src/client/eventStream.js'
import type {
  BaseClient,
  ClientEvents,
  ClientStatus,
  DisconnectInfo,
  HealthReport,
  LoginStatus,
  TradeTransaction,
} from '../../src/client/types.js'
import { type PushHandlers, pushHandlers } from '../../src/decorators/pushHandlers.js'
import type { AccountSummary, Book, Order, Position, Tick, TradeResult } from '../../src/model/types.js'

type IsAny<T> = 0 extends 1 & T ? true : false

declare const client: Mt5Client

describe('client types', () => {
  it('infers listener arguments from the event map', () => {
    client.on('tick', (t) => expectTypeOf(t).toEqualTypeOf<Tick>())
    client.on('book', (b) => expectTypeOf(b).toEqualTypeOf<Book>())
    client.on('positions', (p) => expectTypeOf(p).toEqualTypeOf<Position[]>())
    client.on('orders', (o) => expectTypeOf(o).toEqualTypeOf<Order[]>())
    client.on('account', (a) => expectTypeOf(a).toEqualTypeOf<AccountSummary>())
    client.on('tradeResult', (r) => expectTypeOf(r).toEqualTypeOf<TradeResult>())
    client.on('tradeTransaction', (t) => expectTypeOf(t).toEqualTypeOf<TradeTransaction>())
    client.on('loginStatus', (s) => expectTypeOf(s).toEqualTypeOf<LoginStatus>())
    client.on('status', (s) => expectTypeOf(s).toEqualTypeOf<ClientStatus>())
    client.on('disconnect', (i) => expectTypeOf(i).toEqualTypeOf<DisconnectInfo>())
    client.on('reconnecting', (i) => expectTypeOf(i).toEqualTypeOf<{ attempt: number; delayMs: number }>())
    client.on('healthDegraded', (h) => expectTypeOf(h).toEqualTypeOf<HealthReport>())
    client.on('error', (e) => expectTypeOf(e).toEqualTypeOf<Error>())
    client.once('connect', (...args) => expectTypeOf(args).toEqualTypeOf<[]>())
    // @ts-expect-error unknown event
    client.on('nope', () => {})
    // @ts-expect-error wrong payload type
    client.on('tick', (t: Book) => t)
    expectTypeOf(client.events).toEqualTypeOf<EventEmitter<ClientEvents>>()
  })

  it('has no any in the public surface', () => {
    expectTypeOf<IsAny<Mt5Client>>().toEqualTypeOf<false>()
    expectTypeOf<IsAny<ReturnType<Mt5Client['request']>>>().toEqualTypeOf<false>()
    expectTypeOf<IsAny<Parameters<Mt5Client['on']>[1]>>().toEqualTypeOf<false>()
    expectTypeOf<IsAny<ClientEvents[keyof ClientEvents]>>().toEqualTypeOf<false>()
    expectTypeOf(client.request).returns.toEqualTypeOf<Promise<Uint8Array>>()
    expectTypeOf(client.health()).toEqualTypeOf<HealthReport>()
    expectTypeOf(client.serverBuild).toEqualTypeOf<number | undefined>()
    expectTypeOf(client.options).not.toHaveProperty('password')
  })

  it('extend() adds the decorator type; createClient composes every module', () => {
    const base = createBaseClient({ server: 'ws://127.0.0.1:1/', login: 1, password: 'x' })
    expectTypeOf(base).toEqualTypeOf<BaseClient>()
    const extended = base.extend(pushHandlers)
    expectTypeOf(extended).toMatchTypeOf<BaseClient & PushHandlers>()
    expectTypeOf(extended.openPositions()).toEqualTypeOf<Position[]>()
    expectTypeOf(createClient).returns.toEqualTypeOf<Mt5Client>()
    expectTypeOf(client[Symbol.asyncDispose]).returns.toEqualTypeOf<Promise<void>>()
  })

  it('eventStream yields the event payload type', () => {
    const ticks = eventStream(client.events, 'tick')
    expectTypeOf(ticks).toEqualTypeOf<AsyncIterableIterator<Tick>>()
    const positions = eventStream(client.events, 'positions', { filter: (p) => p.length > 0 })
    expectTypeOf(positions).toEqualTypeOf<AsyncIterableIterator<Position[]>>()
    // @ts-expect-error not an event
    eventStream(client.events, 'nope')
  })
})

describe('ClientEvents arity', () => {
  it('every event carries at most one argument (the listener guard forwards one, no spread)', () => {
    type MoreThanOne = {
      [E in keyof ClientEvents]: ClientEvents[E] extends readonly [] | readonly [unknown] ? never : E
    }[keyof ClientEvents]
    expectTypeOf<MoreThanOne>().toBeNever()
  })
})
