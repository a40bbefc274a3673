import { describe, expectTypeOf, it } from 'vitest'
import type { Mt5Client } from '../../src/client/createClient.js'
import type { ClientEvents, ClientStatus, DisconnectInfo } from '../../src/client/types.js'
import type { Mt5Error } from '../../src/errors.js'
import { createPool, type Pool, type PoolAccount, type PoolAccountConfig } from '../../src/index.js'
import type { Order, Position, Tick } from '../../src/model/types.js'
import type { PoolAccountStatus, PoolEvents, PoolTickSubscription } from '../../src/pool/types.js'

type IsAny<T> = 0 extends 1 & T ? true : false

declare const pool: Pool

describe('pool types', () => {
  it('re-emits every client event with the account first', () => {
    pool.on('tick', (account, tick) => {
      expectTypeOf(account).toEqualTypeOf<PoolAccount>()
      expectTypeOf(tick).toEqualTypeOf<Tick>()
    })
    pool.on('positions', (_a, p) => expectTypeOf(p).toEqualTypeOf<Position[]>())
    pool.on('orders', (_a, o) => expectTypeOf(o).toEqualTypeOf<Order[]>())
    pool.on('status', (_a, s) => expectTypeOf(s).toEqualTypeOf<ClientStatus>())
    pool.on('disconnect', (_a, info) => expectTypeOf(info).toEqualTypeOf<DisconnectInfo>())
    pool.once('error', (_a, e) => expectTypeOf(e).toEqualTypeOf<Error>())
    pool.on('accountStatus', (_a, s) => expectTypeOf(s).toEqualTypeOf<PoolAccountStatus>())
    pool.on('accountGaveUp', (_a, e) => expectTypeOf(e).toEqualTypeOf<Mt5Error>())
    // @ts-expect-error not an event
    pool.on('nope', () => {})
    type Forwarded = Exclude<keyof PoolEvents, 'accountStatus' | 'accountGaveUp'>
    expectTypeOf<Forwarded>().toEqualTypeOf<keyof ClientEvents>()
    expectTypeOf<IsAny<Parameters<Parameters<typeof pool.on<'tick'>>[1]>[1]>>().toEqualTypeOf<false>()
  })

  it('types accounts, configs and results', () => {
    expectTypeOf(pool.get(10001)).toEqualTypeOf<PoolAccount | undefined>()
    expectTypeOf<PoolAccount['client']>().toEqualTypeOf<Mt5Client>()
    expectTypeOf(pool.subscribeTicks(['EURUSD'])).resolves.toEqualTypeOf<PoolTickSubscription>()
    expectTypeOf<PoolAccountConfig['key']>().toEqualTypeOf<string | undefined>()
    expectTypeOf(createPool).returns.toEqualTypeOf<Pool>()
    expectTypeOf<Pool[typeof Symbol.asyncDispose]>().toEqualTypeOf<() => Promise<void>>()
  })
})
