/**
 * Volume and price edge cases against the simulator, with fast-check (bounded, seeded): lots that
 * are not exact binary fractions (0.07, 0.1 + 0.2, k × 0.01) on symbols with 2, 3 and 5 digits. The
 * position volume must equal the requested lots exactly, the wire units (lots × 10^8) the simulator
 * received must be exact, and prices must arrive normalised to the symbol's digits.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors.js'
import { HEDGING, SPECIAL, startTrading, type TradingEnv } from './_setup.js'

const SYMBOLS = {
  EURUSD: { digits: 5, bid: 1.085, ask: 1.0852 },
  USDJPY: { digits: 3, bid: 150, ask: 150.02 },
  XAUUSD: { digits: 2, bid: 2000, ask: 2000.3 },
} as const
type Sym = keyof typeof SYMBOLS

/** Lots as a user computes them (float noise included) and the exact hundredths they mean. */
interface Lots {
  lots: number
  hundredths: number
}
const lotsArb: fc.Arbitrary<Lots> = fc.oneof(
  fc.integer({ min: 1, max: 300 }).map((k) => ({ lots: k * 0.01, hundredths: k })),
  fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }))
    .map(([t, h]) => ({ lots: t * 0.1 + h * 0.01, hundredths: t * 10 + h })),
  fc.constantFrom<Lots>(
    { lots: 0.07, hundredths: 7 },
    { lots: 0.1 + 0.2, hundredths: 30 },
    { lots: 1e-2, hundredths: 1 },
    { lots: 0.29, hundredths: 29 },
    { lots: 0.57, hundredths: 57 },
    { lots: 1.15, hundredths: 115 },
    { lots: 2.01, hundredths: 201 },
  ),
)

describe('trading e2e: exact volumes and prices (fast-check against the simulator)', () => {
  let env: TradingEnv

  beforeAll(async () => {
    env = await startTrading({
      quotes: {
        ...Object.fromEntries(Object.entries(SYMBOLS).map(([n, s]) => [n, [s.bid, s.ask]])),
        [SPECIAL.coarse]: [1.085, 1.0852],
      },
    })
  })
  afterAll(async () => {
    await env.close()
  })

  const simAccount = () => env.sim.control.account(HEDGING)

  it('market positions have exactly the requested lots; partial closes leave exact remainders', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Sym>('EURUSD', 'USDJPY', 'XAUUSD'),
        fc.boolean(),
        lotsArb,
        fc.nat(),
        async (symbol, buy, { lots, hundredths }, cut) => {
          const { client } = env
          const exact = hundredths / 100
          const units = BigInt(hundredths) * 1_000_000n
          const r = buy
            ? await client.buyMarket({ symbol, volume: lots })
            : await client.sellMarket({ symbol, volume: lots })
          expect(r.volume).toBe(exact)
          const q = SYMBOLS[symbol]
          expect(r.price).toBe(buy ? q.ask : q.bid)
          const [pos] = await client.positions({ ticket: r.order })
          expect(pos!.volume).toBe(exact)
          expect(pos!.type).toBe(buy ? 0 : 1)
          expect(pos!.priceOpen).toBe(buy ? q.ask : q.bid)
          const simPos = simAccount().positions.find((p) => p.positionId === r.order)
          expect(simPos!.tradeVolume).toBe(units)
          const simOrder = simAccount().historyOrders.find((o) => o.tradeOrder === r.order)
          expect(simOrder!.volumeInitial).toBe(units)

          if (hundredths >= 2) {
            const j = 1 + (cut % (hundredths - 1)) // 1 … hundredths−1 hundredths
            const part = await client.closePosition({ ticket: r.order, volume: j * 0.01 })
            expect(part.volume).toBe(j / 100)
            const [rest] = await client.positions({ ticket: r.order })
            expect(rest!.volume).toBe((hundredths - j) / 100)
            expect(simAccount().positions.find((p) => p.positionId === r.order)!.tradeVolume).toBe(
              BigInt(hundredths - j) * 1_000_000n,
            )
          }
          await client.closePosition({ ticket: r.order })
          expect(await client.positions({ ticket: r.order })).toEqual([])
          const closed = simAccount()
            .deals.filter((d) => d.positionId === r.order && d.entry !== 0)
            .reduce((sum, d) => sum + d.tradeVolume, 0n)
          expect(closed).toBe(units)
        },
      ),
      { numRuns: 20, seed: 20_260_107 },
    )
  }, 14_000)

  it('pending prices computed with float noise arrive on the tick grid of 2, 3 and 5 digits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Sym>('EURUSD', 'USDJPY', 'XAUUSD'),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        lotsArb,
        async (symbol, away, slAway, { lots, hundredths }) => {
          const { client } = env
          const q = SYMBOLS[symbol]
          const point = 10 ** -q.digits
          const price = q.ask - away * point // e.g. 1.0852 - 7 × 0.00001 = 1.0851300000000001
          const sl = price - slAway * point
          const r = await client.buyLimit({ symbol, volume: lots, price, sl, comment: `p${away}` })
          const want = Number(price.toFixed(q.digits))
          const wantSl = Number(sl.toFixed(q.digits))
          expect(r.price).toBe(want)
          const simOrder = simAccount().orders.find((o) => o.tradeOrder === r.order)!
          expect(simOrder.priceOrder).toBe(want)
          expect(simOrder.priceSl).toBe(wantSl)
          expect(simOrder.volumeInitial).toBe(BigInt(hundredths) * 1_000_000n)
          expect(simOrder.digits).toBe(q.digits)
          const [o] = await client.orders({ ticket: r.order })
          expect(o).toMatchObject({ priceOrder: want, sl: wantSl, volumeInitial: hundredths / 100 })
          await client.cancelPendingOrder({ ticket: r.order })
        },
      ),
      { numRuns: 20, seed: 7 },
    )
    expect(simAccount().orders).toEqual([])
  }, 14_000)

  it('step 0.1 accepts 0.1 + 0.2 and multiples computed in floats; off-step stays 10014', async () => {
    const { client } = env
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 }), async (k) => {
        const lots = k * 0.1
        const r = await client.buyMarket({ symbol: SPECIAL.coarse, volume: lots })
        expect(r.volume).toBe(k / 10)
        expect(simAccount().positions.find((p) => p.positionId === r.order)!.tradeVolume).toBe(
          BigInt(k) * 10_000_000n,
        )
        await client.closePosition({ ticket: r.order })
      }),
      { numRuns: 15, seed: 3 },
    )
    const sum = await client.buyMarket({ symbol: SPECIAL.coarse, volume: 0.1 + 0.2 })
    expect(sum.volume).toBe(0.3)
    await client.closePosition({ ticket: sum.order })
    const off = await client.buyMarket({ symbol: SPECIAL.coarse, volume: 0.35, throwOnFailure: false })
    expect(off).toMatchObject({ ok: false, retcode: 10014 })
  }, 14_000)

  it('a volume that really has more than 8 decimals is a ValidationError; nothing is sent', async () => {
    const before = env.trades()
    const e = await env.client.buyMarket({ symbol: 'EURUSD', volume: 0.001234567 }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as ValidationError).field).toBe('volume')
    expect(env.trades()).toBe(before)
  })
})
