/**
 * Full reconcile plan of 1,000 source orders × 100 targets (issue #10 target: < 50 ms).
 * Run: npx vitest bench --run --project copier-unit examples/copier/bench/plan.bench.ts
 * The cold start (100,000 places) and CPU times are in `planReconcile.ts` (a script: a cold plan
 * takes seconds, too long for vitest's sampling).
 */
import { bench, describe } from 'vitest'
import { plan } from '../src/plan/plan.js'
import { planWorld } from './planWorld.js'

const steady = planWorld(1000, 100, true)
// 1 % of the source orders moved their price: 10 modifies per target.
const moved = {
  ...steady,
  source: {
    ...steady.source,
    orders: steady.source.orders.map((o, i) => (i % 100 === 0 ? { ...o, price: o.price + 0.0005 } : o)),
  },
}

describe('plan: 1,000 source orders × 100 targets', () => {
  bench('steady state (every copy in sync)', () => {
    plan(steady)
  })
  bench('1 % of source orders changed (1,000 modifies)', () => {
    plan(moved)
  })
})
