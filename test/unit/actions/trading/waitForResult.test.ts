/** `waitFor` (cmd 19 wait) releases its timer and abort listener on every path. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../../../../src/actions/trading/sendTradeRequest.js'

describe('waitFor cleanup', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('removes the abort listener when the timer fires', async () => {
    const ac = new AbortController()
    const remove = vi.spyOn(ac.signal, 'removeEventListener')
    const add = vi.spyOn(ac.signal, 'addEventListener')
    const settled = waitFor(new Promise<Uint8Array>(() => undefined), 1000, ac.signal).catch(
      (e: unknown) => e,
    )
    expect(add).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1000)
    expect(await settled).toBeInstanceOf(Error)
    const listener = add.mock.calls[0]![1]
    expect(remove).toHaveBeenCalledWith('abort', listener)
  })

  it('clears the timer when the signal aborts', async () => {
    const ac = new AbortController()
    const settled = waitFor(new Promise<Uint8Array>(() => undefined), 60_000, ac.signal).catch(
      (e: unknown) => e,
    )
    expect(vi.getTimerCount()).toBe(1)
    ac.abort()
    expect(await settled).toBeInstanceOf(Error)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('clears both when the result arrives', async () => {
    const ac = new AbortController()
    const remove = vi.spyOn(ac.signal, 'removeEventListener')
    const body = new Uint8Array([1])
    expect(await waitFor(Promise.resolve(body), 1000, ac.signal)).toBe(body)
    expect(vi.getTimerCount()).toBe(0)
    expect(remove).toHaveBeenCalledTimes(1)
  })
})
