/**
 * Paired timing for ratios on a shared, loaded machine: the tasks run in rounds, each round runs
 * every task for a fixed number of calls (in a rotating order), and each task's figure is the
 * median of its per-round times. A burst of load from other processes then hits one round of
 * every task instead of one task's whole sample, which is what skews vitest's means (±20 % rme).
 */

/** Median time per call, in nanoseconds, of each task. */
export function pairedMedians(
  tasks: Record<string, () => unknown>,
  options: { rounds?: number; roundMs?: number; clock?: 'wall' | 'cpu' } = {},
): Record<string, number> {
  const rounds = options.rounds ?? 41
  const roundMs = options.roundMs ?? 20
  // 'cpu': the process's CPU time (user + system) instead of wall time, so the time other processes
  // hold the cores is not counted (a loaded machine deschedules a round, it does not slow its work).
  const now = options.clock === 'cpu' ? cpuNow : () => performance.now()
  const names = Object.keys(tasks)
  // Calibrate: calls per round so each round lasts about `roundMs` (after a warm-up).
  const calls = new Map<string, number>()
  for (const name of names) {
    const task = tasks[name]!
    let n = 1
    for (;;) {
      const start = now()
      for (let i = 0; i < n; i++) task()
      const elapsed = now() - start
      if (elapsed >= roundMs / 4) {
        calls.set(name, Math.max(1, Math.round((n * roundMs) / elapsed)))
        break
      }
      n *= 2
    }
  }
  const samples = new Map<string, number[]>(names.map((name) => [name, []]))
  for (let round = 0; round < rounds; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length]!
      const task = tasks[name]!
      const n = calls.get(name)!
      const start = now()
      for (let i = 0; i < n; i++) task()
      samples.get(name)!.push(((now() - start) * 1e6) / n)
    }
  }
  const out: Record<string, number> = {}
  for (const [name, times] of samples) {
    times.sort((a, b) => a - b)
    out[name] = times[Math.floor(times.length / 2)]!
  }
  return out
}

/** CPU time of this process in ms (user + system). */
function cpuNow(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/** Prints each task's median ns per call, calls/s, and its time relative to `reference`. */
export function printPaired(title: string, medians: Record<string, number>, reference: string): void {
  const base = medians[reference]!
  console.log(`\n${title}\n`)
  console.log('| Task | median ns/call | calls/s | × reference time |')
  console.log('|---|---:|---:|---:|')
  for (const [name, ns] of Object.entries(medians)) {
    const perSecond = Math.round(1e9 / ns).toLocaleString('en-US')
    console.log(
      `| ${name} | ${Math.round(ns).toLocaleString('en-US')} | ${perSecond} | ${(ns / base).toFixed(2)}× |`,
    )
  }
}
