/**
 * The planner's share of a push: ONE new source order, a plan scoped to it (as the copier makes it
 * on a source push: each target view holds only the copies of the changed order and the count of
 * all its pending orders), over 10 and 100 targets with 1,000 source orders copied already.
 * CPU µs per plan and per target (median over `runs`).
 * Run: `npm run build -w mt5web-copier && npx tsx examples/copier/bench/planPush.ts [runs]`: it
 * measures the BUILT planner (tsx's transform wraps every closure in a naming helper that costs as
 * much as the planning itself); `BENCH_SRC=1` measures the sources.
 */
import type * as PlanModule from '../src/plan/plan.js'
import type { PlanInput } from '../src/plan/types.js'
import { order } from '../test/helpers/planInput.js'
import { planWorld } from './planWorld.js'

const runs = Number(process.argv[2] ?? 2000)
// a computed specifier: the typecheck never needs the build
const entry = process.env.BENCH_SRC === '1' ? '../src/plan/plan.js' : '../dist/plan/plan.js'
const { plan } = (await import(entry)) as typeof PlanModule

function pushInput(targets: number): PlanInput {
  const world = planWorld(1000, targets, true)
  const added = order({ ticket: 20_000_000n, symbol: 'EURUSD', type: 'buyLimit', volume: 0.3, price: 1.09 })
  const scope = [added.ticket]
  return {
    ...world,
    source: { ...world.source, orders: [added] },
    targets: world.targets.map((t) => ({ ...t, orders: [], pendingOrders: t.orders.length })),
    links: [],
    scope,
  }
}

for (const targets of [10, 100]) {
  const input = pushInput(targets)
  for (let i = 0; i < 200; i++) plan(input)
  const us: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    plan(input)
    us.push((performance.now() - t0) * 1000)
  }
  us.sort((a, b) => a - b)
  const p50 = us[Math.floor(us.length / 2)]!
  console.log(
    `${targets} targets: plan p50 ${p50.toFixed(1)} µs (${(p50 / targets).toFixed(2)} µs per target), p99 ${us[Math.floor(us.length * 0.99)]!.toFixed(1)} µs`,
  )
}
