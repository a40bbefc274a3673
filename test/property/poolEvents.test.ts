/**
 * The pool's guarded `on` / `once` / `off` behave like a plain list of registrations: `off(fn)`
 * removes the latest registration of `fn`, `once` ones go after their first call, throwing
 * listeners never stop the others (model-based, fast-check).
 */
import { EventEmitter } from 'eventemitter3'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../src/client/logger.js'
import type { Tick } from '../../src/model/types.js'
import { createGuardedEvents } from '../../src/pool/guardedEvents.js'
import type { PoolEvents } from '../../src/pool/types.js'
import { fakePoolAccount } from '../helpers/fakePoolAccount.js'

const account = fakePoolAccount
const tick = { symbol: 'EURUSD' } as Tick

type Op = { kind: 'on' | 'once' | 'off'; fn: number } | { kind: 'emit' }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constantFrom('on' as const, 'once' as const, 'off' as const), fn: fc.nat(3) }),
  fc.constant({ kind: 'emit' as const }),
)

describe('pool events (model)', () => {
  it('calls exactly the registrations a list model predicts, in order', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
        (ops, throws) => {
          const guarded = createGuardedEvents(new EventEmitter<PoolEvents>(), silentLogger)
          const calls: number[] = []
          const fns = [0, 1, 2, 3].map((i) => () => {
            calls.push(i)
            if (throws[i]) throw new Error(`listener ${i}`)
          })
          let model: Array<{ fn: number; once: boolean }> = []
          const expected: number[] = []
          for (const op of ops) {
            if (op.kind === 'on' || op.kind === 'once') {
              guarded[op.kind]('tick', fns[op.fn]!)
              model.push({ fn: op.fn, once: op.kind === 'once' })
            } else if (op.kind === 'off') {
              guarded.off('tick', fns[op.fn]!)
              const last = model.map((r) => r.fn).lastIndexOf(op.fn)
              if (last >= 0) model.splice(last, 1)
            } else {
              guarded.emit('tick', account, tick)
              expected.push(...model.map((r) => r.fn))
              model = model.filter((r) => !r.once)
            }
          }
          expect(calls).toEqual(expected)
        },
      ),
    )
  })
})
