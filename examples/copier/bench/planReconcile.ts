/**
 * Full reconcile plan of 1,000 source orders × 100 targets (issue #10 budget: < 50 ms), as a script
 * that reports wall time AND the process's CPU time per plan: on a shared, overloaded machine the
 * wall time mostly measures the wait for a core, the CPU time what the planner costs.
 * Run: npx tsx examples/copier/bench/planReconcile.ts [runs]
 */
import { cpus, loadavg } from 'node:os'
import { plan } from '../src/plan/plan.js'
import type { PlanInput } from '../src/plan/types.js'
import { planWorld } from './planWorld.js'

const runs = Number(process.argv[2] ?? 30)

function measure(name: string, input: PlanInput, count: number): void {
  plan(input) // warm-up
  const wall: number[] = []
  const cpu: number[] = []
  let intents = 0
  for (let i = 0; i < count; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    intents = plan(input).intents.length
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!
  const f = (x: number) => x.toFixed(1).padStart(8)
  console.log(
    `| ${name.padEnd(44)} | ${String(intents).padStart(7)} | ${f(pct(wall, 0.5))} | ${f(pct(wall, 0.99))} | ${f(pct(cpu, 0.5))} | ${f(pct(cpu, 0.99))} |`,
  )
}

const steady = planWorld(1000, 100, true)
const moved: PlanInput = {
  ...steady,
  source: {
    ...steady.source,
    orders: steady.source.orders.map((o, i) => (i % 100 === 0 ? { ...o, price: o.price + 0.0005 } : o)),
  },
}
console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg()[0]?.toFixed(1)}`,
)
console.log(
  '| plan (1,000 source orders × 100 targets), ms | intents | wall p50 | wall p99 |  CPU p50 |  CPU p99 |',
)
console.log('|---|---:|---:|---:|---:|---:|')
measure('steady state (every copy in sync)', steady, runs)
measure('1 % of source orders moved (1,000 modifies)', moved, runs)
measure('cold start (100,000 places)', planWorld(1000, 100, false), Math.max(3, Math.floor(runs / 10)))
