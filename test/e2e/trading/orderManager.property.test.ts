import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { createOrderManager } from '../../../src/trading/OrderManager.js'
import { makeTradingClient, until } from './_tradingClient.js'

type Step =
  | { kind: 'buy' | 'sell'; lots: number }
  | { kind: 'limit'; lots: number; offset: number }
  | { kind: 'close'; index: number; part: boolean }
  | { kind: 'cancel'; index: number }
  | { kind: 'move'; delta: number }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('buy' as const, 'sell' as const),
    lots: fc.constantFrom(0.01, 0.1, 0.3),
  }),
  fc.record({
    kind: fc.constant('limit' as const),
    lots: fc.constantFrom(0.01, 0.2),
    offset: fc.integer({ min: 20, max: 200 }),
  }),
  fc.record({ kind: fc.constant('close' as const), index: fc.nat(5), part: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant('move' as const), delta: fc.integer({ min: -300, max: 300 }) }),
)

function key(ps: { ticket: bigint; volume: number; type: number; sl: number; tp: number }[]): string[] {
  return ps.map((p) => `${p.ticket}:${p.type}:${p.volume}:${p.sl}:${p.tp}`).sort()
}
function okey(os: { ticket: bigint; type: number; priceOrder: number; volumeCurrent: number }[]): string[] {
  return os.map((o) => `${o.ticket}:${o.type}:${o.priceOrder}:${o.volumeCurrent}`).sort()
}

describe('OrderManager property: live state equals a fresh cmd 4 snapshot', () => {
  let sim: SimServer
  let client: ReturnType<typeof makeTradingClient>
  let bid = 1.085

  beforeAll(async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    sim.control.setPrice('EURUSD', bid, bid + 0.0002)
    client = makeTradingClient(sim.url())
    await client.connect()
    await client.subscribeTicks(['EURUSD'])
    await until(() => client.lastTick('EURUSD') !== undefined)
  })
  afterAll(async () => {
    await client.close()
    await sim.close()
  })

  it('over random trade sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const manager = createOrderManager(client)
        await manager.start()
        try {
          for (const s of steps) {
            const o = { throwOnFailure: false }
            if (s.kind === 'buy') await client.buyMarket({ symbol: 'EURUSD', volume: s.lots, ...o })
            else if (s.kind === 'sell') await client.sellMarket({ symbol: 'EURUSD', volume: s.lots, ...o })
            else if (s.kind === 'limit')
              await client.buyLimit({
                symbol: 'EURUSD',
                volume: s.lots,
                price: Number((bid - s.offset * 0.00001).toFixed(5)),
                ...o,
              })
            else if (s.kind === 'close') {
              const ps = await client.positions()
              const p = ps[s.index % Math.max(1, ps.length)]
              if (p) {
                const half = Math.floor((p.volume * 100) / 2) / 100
                await client.closePosition({
                  ticket: p.ticket,
                  ...(s.part && half >= 0.01 ? { volume: half } : {}),
                  ...o,
                })
              }
            } else if (s.kind === 'cancel') {
              const os = await client.orders()
              const ord = os[s.index % Math.max(1, os.length)]
              if (ord) await client.cancelPendingOrder({ ticket: ord.ticket, ...o })
            } else if (s.kind === 'move') {
              bid = Math.max(1.0, Number((bid + s.delta * 0.00001).toFixed(5)))
              sim.control.setPrice('EURUSD', bid, Number((bid + 0.0002).toFixed(5)))
              await until(() => client.lastTick('EURUSD')?.bid === bid)
            }
          }
          await until(async () => {
            const snap = await client.positionsAndOrdersSnapshot()
            return (
              JSON.stringify(key(manager.positions())) === JSON.stringify(key(snap.positions)) &&
              JSON.stringify(okey(manager.orders())) === JSON.stringify(okey(snap.orders))
            )
          }, 2000).catch(() => undefined)
          const snap = await client.positionsAndOrdersSnapshot()
          expect(key(manager.positions())).toEqual(key(snap.positions))
          expect(okey(manager.orders())).toEqual(okey(snap.orders))
        } finally {
          manager.stop()
        }
      }),
      { numRuns: 20, seed: 42 },
    )
  }, 120_000)
})
