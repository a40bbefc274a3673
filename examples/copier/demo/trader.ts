/**
 * The demo's scripted trader: what a person does on the source account over about a minute —
 * places pending orders of every kind, moves their prices and stops, lets one fill, and cancels
 * the rest. Each step is plain data so the script reads like a story and can be replayed faster.
 */
import type { SimControl } from 'mt5web/sim'
import { SOURCE_LOGIN } from './setup.js'

/** Order types as the simulator's control takes them. */
const T = { buyLimit: 2, sellLimit: 3, buyStop: 4, sellStop: 5 } as const

/** One step: at `atS` seconds (at speed 1), do `run`, described by `say`. */
export interface TraderStep {
  atS: number
  say: string
  run(control: SimControl, tickets: bigint[]): void
}

function place(
  control: SimControl,
  tickets: bigint[],
  order: { symbol: string; type: number; lots: number; price: number; sl?: number; tp?: number },
): void {
  const r = control.placeOrder(SOURCE_LOGIN, order)
  if (r.result.retcode !== 10008 && r.result.retcode !== 10009)
    throw new Error(`the demo trader's order was refused by the simulator: retcode ${r.result.retcode}`)
  tickets.push(r.result.tradeOrder)
}

const ticket = (tickets: bigint[], i: number): bigint => {
  const t = tickets[i]
  if (t === undefined) throw new Error(`the demo trader has no order #${i + 1} yet`)
  return t
}

/** The script: tickets[i] is the i-th order placed. */
export const traderScript: readonly TraderStep[] = [
  {
    atS: 1,
    say: 'place buyLimit EURUSD 0.30 @ 1.08000 sl 1.07500 tp 1.09500',
    run: (c, t) =>
      place(c, t, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.3, price: 1.08, sl: 1.075, tp: 1.095 }),
  },
  {
    atS: 5,
    say: 'place sellLimit GBPUSD 0.25 @ 1.28000',
    run: (c, t) => place(c, t, { symbol: 'GBPUSD', type: T.sellLimit, lots: 0.25, price: 1.28 }),
  },
  {
    atS: 9,
    say: 'place buyStop EURUSD 0.50 @ 1.09000 (limit-only target: not eligible)',
    run: (c, t) => place(c, t, { symbol: 'EURUSD', type: T.buyStop, lots: 0.5, price: 1.09 }),
  },
  {
    atS: 13,
    say: 'place sellStop EURUSD 0.07 @ 1.07800 (pro-net: 0.035 lots raised to its 0.1 minimum)',
    run: (c, t) => place(c, t, { symbol: 'EURUSD', type: T.sellStop, lots: 0.07, price: 1.078 }),
  },
  {
    atS: 17,
    say: 'modify #1: price 1.08100, sl 1.07600',
    run: (c, t) => c.modifyOrder(SOURCE_LOGIN, ticket(t, 0), { price: 1.081, sl: 1.076 }),
  },
  {
    atS: 21,
    say: 'modify #2: tp 1.26500',
    run: (c, t) => c.modifyOrder(SOURCE_LOGIN, ticket(t, 1), { tp: 1.265 }),
  },
  {
    atS: 25,
    say: 'place buyLimit USDJPY 0.20 @ 149.500',
    run: (c, t) => place(c, t, { symbol: 'USDJPY', type: T.buyLimit, lots: 0.2, price: 149.5 }),
  },
  {
    atS: 29,
    say: 'modify #3: price 1.08950',
    run: (c, t) => c.modifyOrder(SOURCE_LOGIN, ticket(t, 2), { price: 1.0895 }),
  },
  {
    atS: 33,
    say: 'EURUSD drops to 1.08050: #1 fills on the source (its pending copies are cancelled)',
    run: (c) => c.setPrice('EURUSD', 1.0805, 1.0807),
  },
  {
    atS: 36,
    say: 'EURUSD back to 1.08500',
    run: (c) => c.setPrice('EURUSD', 1.085, 1.0852),
  },
  {
    atS: 39,
    say: 'cancel #2 (its copies become orphans, cancelled after 2 checks)',
    run: (c, t) => c.cancelOrder(SOURCE_LOGIN, ticket(t, 1)),
  },
  {
    atS: 46,
    say: 'cancel #3',
    run: (c, t) => c.cancelOrder(SOURCE_LOGIN, ticket(t, 2)),
  },
  {
    atS: 50,
    say: 'cancel #4 and #5',
    run: (c, t) => {
      c.cancelOrder(SOURCE_LOGIN, ticket(t, 3))
      c.cancelOrder(SOURCE_LOGIN, ticket(t, 4))
    },
  },
]

/** Runs the script at `speed` (2 = twice as fast); `onStep` is told each step before it runs. */
export async function runTrader(
  control: SimControl,
  speed: number,
  onStep: (step: TraderStep) => void,
  signal?: AbortSignal,
): Promise<bigint[]> {
  const tickets: bigint[] = []
  const started = Date.now()
  for (const step of traderScript) {
    const wait = started + (step.atS * 1000) / speed - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
    if (signal?.aborted) break
    onStep(step)
    step.run(control, tickets)
  }
  return tickets
}
