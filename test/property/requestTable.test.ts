import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { AbortedError, MT5TimeoutError, ServerError } from '../../src/errors.js'
import { RequestTable } from '../../src/transport/requestTable.js'

type TransmitMode = 'sync' | 'async' | 'throw' | 'asyncFail'

type Op =
  | { kind: 'add'; command: number; timeoutMs: number; abortable: boolean; mode: TransmitMode }
  | { kind: 'reply'; command: number; code: number }
  | { kind: 'abort'; index: number }
  | { kind: 'rejectAll' }

const commandArb = fc.integer({ min: 1, max: 3 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      command: commandArb,
      timeoutMs: fc.constantFrom(0, 10),
      abortable: fc.boolean(),
      mode: fc.constantFrom<TransmitMode>('sync', 'sync', 'async', 'throw', 'asyncFail'),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('reply' as const),
      command: commandArb,
      code: fc.constantFrom(0, 0, 3),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('abort' as const), index: fc.nat(30) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('rejectAll' as const) }), weight: 1 },
)

interface Sent {
  id: number
  command: number
  signal: AbortSignal
  sent: boolean
}

describe('RequestTable under any interleaving (fc.scheduler)', () => {
  it('keeps one request in flight per id, FIFO, settles every promise once and leaks nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), fc.array(opArb, { maxLength: 30 }), async (s, ops) => {
        const transmitted: Sent[] = []
        const modes = new Map<number, TransmitMode>()
        const outcomes = new Map<number, { settled: number; value?: unknown; error?: unknown }>()
        const controllers: AbortController[] = []
        const timers = new Set<{ cancelled: boolean }>()
        // expect() inside scheduled callbacks would throw into unobserved promises (or into the
        // table as a send error): collect failures and assert them at the end.
        const failures: string[] = []
        const check = (ok: boolean, what: string) => {
          if (!ok) failures.push(what)
        }
        let fired = 0
        const table = new RequestTable({
          defaultTimeoutMs: 10,
          clock: {
            setTimeout(fn) {
              const handle = { cancelled: false }
              timers.add(handle)
              s.schedule(Promise.resolve(), 'timer').then(() => {
                timers.delete(handle)
                if (!handle.cancelled) {
                  fired += 1
                  fn()
                }
              })
              return handle
            },
            clearTimeout(handle) {
              const h = handle as { cancelled: boolean }
              h.cancelled = true
              timers.delete(h)
            },
          },
          transmit(command, payload, signal) {
            const id = payload[0]!
            // One in flight per id: every earlier request of this id has finished.
            for (const other of transmitted) {
              if (other.command === command) {
                check(other.signal.aborted, `#${other.id} still in flight when #${id} was sent`)
                check(other.id < id, `#${id} sent after #${other.id} (not FIFO)`)
              }
            }
            check(!signal.aborted, `#${id} transmitted with an aborted signal`)
            const record: Sent = { id, command, signal, sent: false }
            transmitted.push(record)
            const mode = modes.get(id)!
            if (mode === 'throw') throw new Error('send failed')
            if (mode === 'sync') {
              record.sent = true
              return
            }
            return s.schedule(Promise.resolve(), `send ${id}`).then(() => {
              if (mode === 'asyncFail') throw new Error('async send failed')
              record.sent = true
            })
          },
        })
        let nextId = 0
        for (const op of ops) {
          s.schedule(Promise.resolve(op.kind)).then(() => {
            switch (op.kind) {
              case 'add': {
                const id = nextId++
                modes.set(id, op.mode)
                const controller = new AbortController()
                controllers.push(controller)
                const outcome: { settled: number; value?: unknown; error?: unknown } = { settled: 0 }
                outcomes.set(id, outcome)
                table
                  .add(op.command, Uint8Array.of(id), {
                    timeoutMs: op.timeoutMs,
                    ...(op.abortable ? { signal: controller.signal } : {}),
                  })
                  .then(
                    (value) => {
                      outcome.settled += 1
                      outcome.value = value
                    },
                    (error: unknown) => {
                      outcome.settled += 1
                      outcome.error = error
                    },
                  )
                break
              }
              case 'reply': {
                const live = transmitted.filter(
                  (t) => t.command === op.command && !t.signal.aborted && t.sent,
                )
                check(live.length <= 1, `${live.length} requests of cmd ${op.command} in flight`)
                const matched = table.settle(op.command, op.code, Uint8Array.of(op.code))
                check(matched === (live.length === 1), `settle(cmd ${op.command}) returned ${matched}`)
                if (live[0]) check(live[0].signal.aborted, `reply did not finish #${live[0].id}`)
                break
              }
              case 'abort':
                controllers[op.index % Math.max(1, controllers.length)]?.abort()
                break
              case 'rejectAll':
                table.rejectAll(new Error('closed'))
                check(table.size === 0, 'rejectAll left entries')
                break
            }
          })
        }
        await s.waitAll()
        table.rejectAll(new Error('end'))
        await s.waitAll()
        await new Promise((resolve) => setTimeout(resolve, 0))
        expect(failures).toEqual([])
        expect(table.size).toBe(0)
        expect(table.commands).toEqual([])
        expect(timers.size).toBe(0)
        for (const t of transmitted) expect(t.signal.aborted).toBe(true)
        const timeouts = [...outcomes.values()].filter((o) => o.error instanceof MT5TimeoutError).length
        // A timer fires only for a live request: finished requests cleared theirs.
        expect(fired).toBe(timeouts)
        for (const [, outcome] of outcomes) {
          expect(outcome.settled).toBe(1)
          if (outcome.error !== undefined) {
            expect(outcome.error).toBeInstanceOf(Error)
          } else {
            expect(outcome.value).toMatchObject({ code: 0 })
          }
          if (outcome.error instanceof ServerError) expect(outcome.error.responseCode).toBe(3)
          if (outcome.error instanceof MT5TimeoutError) expect(outcome.error.timeoutMs).toBe(10)
          if (outcome.error instanceof AbortedError) expect(outcome.error.code).toBe('MT5_ABORTED')
        }
      }),
      { numRuns: 300 },
    )
  })
})
