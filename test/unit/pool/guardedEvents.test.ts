import { EventEmitter } from 'eventemitter3'
import { describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../../src/client/types.js'
import type { Tick } from '../../../src/model/types.js'
import { createGuardedEvents } from '../../../src/pool/guardedEvents.js'
import type { PoolAccount, PoolEvents } from '../../../src/pool/types.js'
import { fakePoolAccount } from '../../helpers/fakePoolAccount.js'

const account = fakePoolAccount
const tick = { symbol: 'EURUSD', bid: 1, ask: 1.0001 } as Tick

function setup() {
  const logger: Logger = { trace: vi.fn(), debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  const events = new EventEmitter<PoolEvents>()
  return { logger, events, guarded: createGuardedEvents(events, logger) }
}

describe('pool events', () => {
  it('a throwing listener is reported as the account error; the next listeners still run', () => {
    const { guarded } = setup()
    const errors: Array<[PoolAccount, Error]> = []
    const seen: string[] = []
    guarded.on('error', (a, e) => errors.push([a, e]))
    guarded.on('tick', () => {
      throw new Error('listener bug')
    })
    guarded.on('tick', (a, t) => seen.push(`${a.key}:${t.symbol}`))
    guarded.emit('tick', account, tick)
    expect(seen).toEqual(['a:EURUSD'])
    expect(errors).toHaveLength(1)
    expect(errors[0]?.[0]).toBe(account)
    expect(errors[0]?.[1].message).toBe('listener bug')
  })

  it('errors nobody listens to, and throwing error listeners, go to the logger', () => {
    const { guarded, logger } = setup()
    guarded.emit('error', account, new Error('unheard'))
    expect(logger.warn).toHaveBeenCalledWith(
      expect.objectContaining({ account: 'a', err: expect.objectContaining({ message: 'unheard' }) }),
      'mt5web: unhandled pool account error',
    )
    guarded.on('error', () => {
      throw new Error('error listener bug')
    })
    guarded.emit('error', account, new Error('heard'))
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({
        event: 'error',
        err: expect.objectContaining({ message: 'error listener bug' }),
      }),
      'mt5web: pool listener error',
    )
  })

  it('off removes the wrapper of on and once; once runs once; off without a listener removes all', () => {
    const { guarded, events } = setup()
    const calls: string[] = []
    const onListener = () => calls.push('on')
    const onceListener = () => calls.push('once')
    guarded.on('tick', onListener)
    guarded.once('tick', onceListener)
    guarded.emit('tick', account, tick)
    guarded.emit('tick', account, tick)
    expect(calls).toEqual(['on', 'once', 'on'])
    guarded.off('tick', onListener)
    expect(events.listenerCount('tick')).toBe(0)
    guarded.once('tick', onceListener)
    guarded.off('tick', onceListener)
    expect(events.listenerCount('tick')).toBe(0)
    guarded.on('book', onListener)
    guarded.on('book', onceListener)
    guarded.off('book')
    expect(events.listenerCount('book')).toBe(0)
  })
})
