import { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { decodeSymbolDetails } from '../../../src/codec/messages/symbolDetails.js'
import { decodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { symbolDetailsSchema } from '../../../src/codec/schemas/symbolDetails.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { LOGIN, PASSWORD, subscribe } from './_helpers.js'
import { loginRaw, type RawClient, type Received, sleep } from './_rawClient.js'

/** The cmd 8 and cmd 17 frames a client received from `from` on. */
function pushes(c: RawClient, from: number): { ticks: Received[]; details: Received[] } {
  const frames = c.frames.slice(from)
  return { ticks: frames.filter((f) => f.command === 8), details: frames.filter((f) => f.command === 17) }
}

describe('sim tick broadcast', () => {
  let sim: SimServer
  let clients: RawClient[]
  beforeAll(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1', seed: 3, historyDays: 0 })
    clients = await Promise.all([0, 1, 2].map(() => loginRaw(sim.url(), LOGIN, PASSWORD)))
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await sim.close()
  })

  it('encodes each tick and details record once per broadcast, whatever the number of connections', async () => {
    const eur = sim.control.symbolId('EURUSD')
    const gbp = sim.control.symbolId('GBPUSD')
    const [a, b, c] = clients as [RawClient, RawClient, RawClient]
    await a.request(7, subscribe([eur, gbp]))
    await b.request(7, subscribe([eur, gbp]))
    await c.request(7, subscribe([gbp]))
    await sleep(1100) // past the details interval of the subscription snapshot
    const from = clients.map((x) => x.count())
    const tickEncodes = vi.spyOn(tickSchema, 'encodeInto')
    const detailEncodes = vi.spyOn(symbolDetailsSchema, 'encodeInto')
    try {
      sim.control.setPrice('EURUSD', 1.1, 1.10012)
      tickEncodes.mockClear()
      detailEncodes.mockClear()
      sim.control.setPrice('GBPUSD', 1.3, 1.30015)
      // One broadcast of one tick to three connections: one tick record, one details record.
      expect(tickEncodes).toHaveBeenCalledTimes(1)
      expect(detailEncodes).toHaveBeenCalledTimes(1)
    } finally {
      tickEncodes.mockRestore()
      detailEncodes.mockRestore()
    }
    await sleep(100)
    const [pa, pb, pc] = clients.map((x, i) => pushes(x, from[i]!)) as [
      ReturnType<typeof pushes>,
      ReturnType<typeof pushes>,
      ReturnType<typeof pushes>,
    ]
    expect(pa.ticks.flatMap((f) => decodeTickRecords(f.body)).map((t) => [t.symbolId, t.bid])).toEqual([
      [eur, 110000],
      [gbp, 130000],
    ])
    expect(pb.ticks.map((f) => [...f.body])).toEqual(pa.ticks.map((f) => [...f.body]))
    expect(pc.ticks.flatMap((f) => decodeTickRecords(f.body)).map((t) => [t.symbolId, t.bid])).toEqual([
      [gbp, 130000],
    ])
    const gbpDetails = (p: ReturnType<typeof pushes>) =>
      p.details.flatMap((f) => decodeSymbolDetails(f.body)).filter((d) => d.symbolId === gbp)
    expect(gbpDetails(pc)).toHaveLength(1)
    expect(gbpDetails(pc)).toEqual(gbpDetails(pa))
    expect(gbpDetails(pb)).toEqual(gbpDetails(pa))
  })

  it('writes each session its frames of one broadcast (cmd 8 and the cmd 17 due) in one socket write', async () => {
    const eur = sim.control.symbolId('EURUSD')
    const [a, b] = clients as [RawClient, RawClient]
    await a.request(7, subscribe([eur]))
    await b.request(7, subscribe([eur]))
    await sleep(1100) // details are due again
    const from = clients.map((x) => x.count())
    const writes = vi.spyOn(Socket.prototype, 'write')
    try {
      // The simulator's side of each connection: accepted sockets have a `server`.
      const serverWrites = () =>
        writes.mock.contexts.filter((s) => (s as Socket & { server?: unknown }).server)
      sim.control.setPrice('EURUSD', 1.2, 1.20012)
      // Two sessions get EURUSD (the third is subscribed to GBPUSD only): one write each, made
      // during the broadcast (each session's as soon as its frames are encoded)...
      expect(serverWrites()).toHaveLength(2)
      expect(new Set(serverWrites()).size).toBe(2)
      // ...and none left for the end of the turn.
      await new Promise((resolve) => setImmediate(resolve))
      expect(serverWrites()).toHaveLength(2)
    } finally {
      writes.mockRestore()
    }
    // Still one WebSocket message per frame, in order: cmd 8, then cmd 17.
    await a.waitFor((f) => f.command === 17, 2000, from[0])
    await b.waitFor((f) => f.command === 17, 2000, from[1])
    for (const [i, c] of [a, b].entries())
      expect(c.frames.slice(from[i]).map((f) => f.command)).toEqual([8, 17])
  })
})
