/**
 * One side of `npx tsx bench/ratios.ts client` in a process of its own (`sdk` or `raw`, the first
 * argument): the parent asks it to deliver the push `calls` times and it answers with the CPU time
 * (user + system) and wall time spent. In one shared process the two sides collected each other's
 * garbage and shared call-site feedback: the raw side measured 3 µs alone and 10–14 µs beside the
 * SDK (bench/RESULTS.md, #12), so each side now runs alone, in rounds the parent interleaves.
 */
import { rawClient, sdkClient, TICKS, wire } from './clientPath.js'

const WARMUP_PUSHES = 5000
const WARMUP_MS = 1000

const side = process.argv[2]
if (side !== 'sdk' && side !== 'raw') throw new Error(`side must be sdk or raw, got ${String(side)}`)
const client = side === 'sdk' ? await sdkClient() : rawClient()
for (let i = 0; i < 3; i++) client.deliver(wire)
if (client.delivered.count !== 3 * TICKS)
  throw new Error(`${side}: delivered ${client.delivered.count} ticks`)
// Warm-up before the parent calibrates: optimised code, and the SDK's tick cache full (1,000 ticks
// per symbol by default; a growing ring costs what the steady state does not).
const warm = performance.now()
for (let i = 0; i < WARMUP_PUSHES || performance.now() - warm < WARMUP_MS; i++) client.deliver(wire)

process.on('message', (m: { type: 'run'; calls: number } | { type: 'exit' }) => {
  if (m.type === 'exit') process.exit(0)
  const cpu = process.cpuUsage()
  const wall = performance.now()
  for (let i = 0; i < m.calls; i++) client.deliver(wire)
  const wallMs = performance.now() - wall
  const used = process.cpuUsage(cpu)
  process.send?.({ cpuMs: (used.user + used.system) / 1000, wallMs, count: client.delivered.count })
})
process.send?.({ ready: true })
