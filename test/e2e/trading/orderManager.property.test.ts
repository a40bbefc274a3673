import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOrderManager } from '../../../src/tradeState/OrderManager.js'
import { startTrading, type TradingEnv, until } from './_setup.js'

/** EURUSD (profit in the deposit currency) and USDJPY (profit converted from yen). */
type Sym = 'EURUSD' | 'USDJPY'
const DIGITS: Record<Sym, number> = { EURUSD: 5, USDJPY: 3 }

type Step =
  | { kind: 'buy' | 'sell'; symbol: Sym; lots: number }
  | { kind: 'limit'; lots: number; offset: number }
  | { kind: 'close'; index: number; part: boolean }
  | { kind: 'cancel'; index: number }
  | { kind: 'move'; symbol: Sym; delta: number }

const symbol = fc.constantFrom<Sym>('EURUSD', 'USDJPY')
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('buy' as const, 'sell' as const),
    symbol,
    lots: fc.constantFrom(0.01, 0.1, 0.3),
  }),
  fc.record({
    kind: fc.constant('limit' as const),
    lots: fc.constantFrom(0.01, 0.2),
    offset: fc.integer({ min: 20, max: 200 }),
  }),
  fc.record({ kind: fc.constant('close' as const), index: fc.nat(5), part: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), index: fc.nat(5) }),
  fc.record({ kind: fc.constant('move' as const), symbol, delta: fc.integer({ min: -300, max: 300 }) }),
)

function key(
  ps: { ticket: bigint; volume: number; type: number; sl: number; tp: number; profit: number }[],
): string[] {
  return ps.map((p) => `${p.ticket}:${p.type}:${p.volume}:${p.sl}:${p.tp}:${p.profit}`).sort()
}
function okey(os: { ticket: bigint; type: number; priceOrder: number; volumeCurrent: number }[]): string[] {
  return os.map((o) => `${o.ticket}:${o.type}:${o.priceOrder}:${o.volumeCurrent}`).sort()
}

describe('OrderManager property: live state (profit included) equals a fresh cmd 4 snapshot', () => {
  let env: TradingEnv
  let client: TradingEnv['client']
  const bid: Record<Sym, number> = { EURUSD: 1.085, USDJPY: 150 }

  beforeAll(async () => {
    // manual clock on a weekday: the forex sessions are open whatever day the test runs
    env = await startTrading({ quotes: { EURUSD: [1.085, 1.0852], USDJPY: [150, 150.02] } })
    client = env.client
  })
  afterAll(async () => {
    await env.close()
  })

  it('over random trade sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const manager = createOrderManager(client)
        await manager.start()
        try {
          for (const s of steps) {
            const o = { throwOnFailure: false }
            if (s.kind === 'buy') await client.buyMarket({ symbol: s.symbol, volume: s.lots, ...o })
            else if (s.kind === 'sell') await client.sellMarket({ symbol: s.symbol, volume: s.lots, ...o })
            else if (s.kind === 'limit')
              await client.buyLimit({
                symbol: 'EURUSD',
                volume: s.lots,
                price: Number((bid.EURUSD - s.offset * 0.00001).toFixed(5)),
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
              const d = DIGITS[s.symbol]
              const next = Math.max(1.0, Number((bid[s.symbol] + s.delta / 10 ** d).toFixed(d)))
              bid[s.symbol] = next
              await env.price(s.symbol, next, Number((next + 20 / 10 ** d).toFixed(d)))
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
