import { describe, expect, it } from 'vitest'
import { MT5ConnectionError, MT5TimeoutError, ServerError, SessionError } from '../../../src/errors.js'
import { RequestTable } from '../../../src/transport/requestTable.js'
import { FakeClock, flush } from '../../helpers/fakeClock.js'

function setup(transmit: (command: number, payload: Uint8Array) => void | Promise<void> = () => {}) {
  const clock = new FakeClock()
  const sent: number[] = []
  const table = new RequestTable({
    clock,
    transmit(command, payload) {
      sent.push(command * 100 + payload[0]!)
      return transmit(command, payload)
    },
  })
  return { clock, sent, table }
}

describe('RequestTable', () => {
  it('treats a frame with nothing in flight as a push', () => {
    const { table } = setup()
    expect(table.settle(8, 0, new Uint8Array(0))).toBe(false)
  })

  it('queues per command and runs different commands concurrently', async () => {
    const { table, sent } = setup()
    const a = table.add(3, Uint8Array.of(1))
    const b = table.add(3, Uint8Array.of(2))
    const c = table.add(4, Uint8Array.of(1))
    expect(sent).toEqual([301, 401])
    expect(table.size).toBe(3)
    expect(table.pending(3)).toBe(2)
    expect(table.inFlight(3)).toBe(true)
    expect(table.settle(3, 0, Uint8Array.of(9))).toBe(true)
    expect(sent).toEqual([301, 401, 302])
    expect(table.settle(3, 5, new Uint8Array(0))).toBe(true)
    expect(table.settle(4, 0, new Uint8Array(0))).toBe(true)
    await expect(a).resolves.toEqual({ code: 0, body: Uint8Array.of(9) })
    await expect(b).rejects.toBeInstanceOf(ServerError)
    await expect(c).resolves.toMatchObject({ code: 0 })
    expect(table.size).toBe(0)
    expect(table.commands).toEqual([])
  })

  it('times out from the head of the queue with the default 30 s', async () => {
    const { table, clock, sent } = setup()
    const a = table.add(5, Uint8Array.of(1)).catch((e: unknown) => e)
    const b = table.add(5, Uint8Array.of(2)).catch((e: unknown) => e)
    await clock.advance(29_999)
    expect(sent).toEqual([501])
    await clock.advance(1)
    expect(await a).toBeInstanceOf(MT5TimeoutError)
    expect(sent).toEqual([501, 502])
    await clock.advance(30_000)
    expect(await b).toMatchObject({ timeoutMs: 30_000 })
    expect(clock.pending).toBe(0)
  })

  it('timeoutMs 0 means no timeout', async () => {
    const { table, clock } = setup()
    const a = table.add(7, Uint8Array.of(1), { timeoutMs: 0 })
    await clock.advance(10 * 60_000)
    expect(clock.pending).toBe(0)
    table.settle(7, 0, new Uint8Array(0))
    await expect(a).resolves.toMatchObject({ code: 0 })
  })

  it('fails a request whose send fails and moves on', async () => {
    let fail = true
    const { table, sent } = setup(() => {
      if (fail) {
        fail = false
        throw new Error('socket gone')
      }
    })
    const a = table.add(3, Uint8Array.of(1)).catch((e: unknown) => e)
    const b = table.add(3, Uint8Array.of(2))
    const error = await a
    expect(error).toBeInstanceOf(MT5ConnectionError)
    expect((error as MT5ConnectionError).cause).toMatchObject({ message: 'socket gone' })
    expect(sent).toEqual([301, 302])
    table.settle(3, 0, new Uint8Array(0))
    await expect(b).resolves.toMatchObject({ code: 0 })
  })

  it('does not take a reply for a request whose async send has not completed', async () => {
    let release: () => void = () => {}
    const { table } = setup(
      () =>
        new Promise<void>((resolve) => {
          release = resolve
        }),
    )
    const a = table.add(3, Uint8Array.of(1))
    expect(table.settle(3, 0, new Uint8Array(0))).toBe(false)
    release()
    await flush()
    expect(table.settle(3, 0, Uint8Array.of(1))).toBe(true)
    await expect(a).resolves.toMatchObject({ body: Uint8Array.of(1) })
  })

  it('rejectAll rejects in-flight and queued requests and sends nothing more', async () => {
    const { table, sent, clock } = setup()
    const all = [
      table.add(3, Uint8Array.of(1)),
      table.add(3, Uint8Array.of(2)),
      table.add(9, Uint8Array.of(1)),
    ].map((p) => p.catch((e: unknown) => e))
    const error = new SessionError('closed')
    table.rejectAll(error)
    for (const p of all) expect(await p).toBe(error)
    expect(sent).toEqual([301, 901])
    expect(table.size).toBe(0)
    expect(clock.pending).toBe(0)
  })

  it('aborts the signal of a finished request with one shared AbortError reason', async () => {
    const signals: AbortSignal[] = []
    const table = new RequestTable({
      clock: new FakeClock(),
      transmit(_command, _payload, signal) {
        signals.push(signal as AbortSignal)
      },
    })
    for (const command of [3, 4]) {
      const reply = table.add(command, Uint8Array.of(1))
      table.settle(command, 0, new Uint8Array(0))
      await reply
    }
    expect(signals.map((s) => s.aborted)).toEqual([true, true])
    expect(signals[0]?.reason).toMatchObject({ name: 'AbortError' })
    expect(signals[0]?.reason).toBe(signals[1]?.reason)
  })

  it('without signals (no rate limiter to cancel), transmits with one signal that never aborts', async () => {
    const signals: AbortSignal[] = []
    const table = new RequestTable({
      clock: new FakeClock(),
      signals: false,
      transmit(_command, _payload, signal) {
        signals.push(signal)
      },
    })
    for (const command of [3, 4]) {
      const reply = table.add(command, Uint8Array.of(1))
      table.settle(command, 0, new Uint8Array(0))
      await reply
    }
    expect(signals.map((s) => s.aborted)).toEqual([false, false])
    expect(signals[0]).toBe(signals[1])
  })
})
