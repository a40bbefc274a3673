/**
 * `pairedMedians` (bench/paired.ts) with each task in a child process of its own: a child runs
 * `calls` calls per `{ type: 'run', calls }` message and answers `{ cpuMs, wallMs }`
 * (`clientPathChild.ts`). Rounds run one child at a time, in a rotating order, so both see the same
 * machine; each task's figure is the median of its per-round times (ns per call), CPU and wall.
 */
import { type ChildProcess, fork } from 'node:child_process'

interface RunReply {
  cpuMs: number
  wallMs: number
}

/** Median ns per call, CPU and wall time, of each task (`[script, ...args]`, forked with tsx). */
export async function pairedProcessMedians(
  tasks: Record<string, readonly [string, ...string[]]>,
  options: { rounds?: number; roundMs?: number } = {},
): Promise<Record<string, { cpu: number; wall: number }>> {
  const rounds = options.rounds ?? 41
  const roundMs = options.roundMs ?? 20
  const names = Object.keys(tasks)
  const children = new Map<string, ChildProcess>()
  /** The reply awaited from each child (one question at a time per child). */
  const pending = new Map<string, { resolve: (m: RunReply) => void; reject: (e: Error) => void }>()
  const ask = (name: string, calls: number): Promise<RunReply> =>
    new Promise((resolve, reject) => {
      pending.set(name, { resolve, reject })
      children.get(name)!.send({ type: 'run', calls })
    })
  try {
    for (const name of names) {
      const [script, ...args] = tasks[name]!
      const proc = fork(script, args, { execArgv: ['--import', 'tsx'] })
      children.set(name, proc)
      const ready = new Promise<void>((resolve, reject) => {
        pending.set(name, { resolve: () => resolve(), reject })
      })
      proc.on('message', (m) => {
        const waiter = pending.get(name)
        pending.delete(name)
        waiter?.resolve(m as RunReply)
      })
      proc.on('exit', (code) => {
        pending.get(name)?.reject(new Error(`${name}: child exited with ${code}`))
        pending.delete(name)
      })
      await ready
    }
    // Calibrate (the children warm up before they report ready): calls per round so a round lasts
    // about `roundMs`, from the best of three tries at the last size (a try hit by a GC or a
    // descheduling would make every round short).
    const calls = new Map<string, number>()
    for (const name of names) {
      let n = 1
      for (;;) {
        const { wallMs } = await ask(name, n)
        if (wallMs >= roundMs / 4) {
          let best = wallMs
          for (let i = 0; i < 2; i++) best = Math.min(best, (await ask(name, n)).wallMs)
          calls.set(name, Math.max(1, Math.round((n * roundMs) / best)))
          break
        }
        n *= 2
      }
    }
    const samples = new Map(names.map((name) => [name, { cpu: [] as number[], wall: [] as number[] }]))
    for (let round = 0; round < rounds; round++) {
      for (let j = 0; j < names.length; j++) {
        const name = names[(round + j) % names.length]!
        const n = calls.get(name)!
        const { cpuMs, wallMs } = await ask(name, n)
        samples.get(name)!.cpu.push((cpuMs * 1e6) / n)
        samples.get(name)!.wall.push((wallMs * 1e6) / n)
      }
    }
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    return Object.fromEntries(
      [...samples].map(([name, s]) => [name, { cpu: median(s.cpu), wall: median(s.wall) }]),
    )
  } finally {
    pending.clear()
    for (const proc of children.values()) proc.send({ type: 'exit' })
  }
}
