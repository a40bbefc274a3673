import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { TradeAction } from '../../../src/enums.js'
import { startTrading, type TradingEnv, warm } from './_setup.js'

/** Frames the client wrote to its socket. */
let written = 0
class CountingWebSocket extends WebSocket {
  override send(data: Uint8Array): void {
    written++
    super.send(data)
  }
}

describe('trading e2e: the request path', () => {
  let env: TradingEnv | undefined
  afterEach(async () => {
    await env?.close()
  })

  it('writes a trade request within the call when the symbol is loaded: no turn of the microtask queue first', async () => {
    env = await startTrading({ client: { WebSocket: CountingWebSocket } })
    await warm(env)
    const before = written
    // a copier fanning out to many targets: whatever work is queued meanwhile runs after the frame
    let queued = false
    queueMicrotask(() => {
      queued = true
    })
    const result = env.client.tradeRequest(
      {
        action: TradeAction.Pending,
        symbol: 'EURUSD',
        type: 2,
        volume: 0.01,
        price: 1.08,
        comment: 'at once',
      },
      { localChecks: false },
    )
    expect(written).toBe(before + 1)
    expect(queued).toBe(false)
    const r = await result
    expect(r.ok).toBe(true)
    expect((await env.client.orders()).map((o) => o.comment)).toEqual(['at once'])
  })
  it('reads no quote before writing a request that makes no deal (read only if a lookup needs it)', async () => {
    env = await startTrading({ client: { WebSocket: CountingWebSocket } })
    await warm(env)
    const client = env.client
    const lastTick = client.lastTick.bind(client)
    let reads = 0
    client.lastTick = (symbol: string) => {
      reads++
      return lastTick(symbol)
    }
    const before = written
    const result = client.tradeRequest(
      {
        action: TradeAction.Pending,
        symbol: 'EURUSD',
        type: 2,
        volume: 0.01,
        price: 1.08,
        comment: 'no quote',
      },
      { localChecks: false },
    )
    expect(written).toBe(before + 1)
    expect(reads).toBe(0)
    expect((await result).ok).toBe(true)
    expect(reads).toBe(0)
  })
})
