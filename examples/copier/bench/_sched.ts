/**
 * Who was on a CPU during a benchmark sample (Linux only): the kernel's per-thread scheduler
 * accounting (`/proc/<pid>/task/<tid>/schedstat`: nanoseconds on a CPU, nanoseconds runnable but
 * waiting for one), read before and after each sample. On a machine whose cores the copier shares
 * with the simulator, PostgreSQL and other work, it tells "the copier computed" from "the copier
 * waited for a core" and from "PostgreSQL computed". Elsewhere every figure reads 0.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Nanoseconds: on a CPU, and runnable but waiting for one. */
export interface CpuTime {
  run: number
  wait: number
}

const zero = (): CpuTime => ({ run: 0, wait: 0 })

function read(path: string): CpuTime {
  try {
    const [run = '0', wait = '0'] = readFileSync(path, 'utf8').split(' ')
    return { run: Number(run), wait: Number(wait) }
  } catch {
    // the thread or process ended between the listing and the read: it adds nothing
    return zero()
  }
}

function tasks(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number)
  } catch {
    return []
  }
}

const sum = (xs: readonly CpuTime[]): CpuTime =>
  xs.reduce((a, x) => ({ run: a.run + x.run, wait: a.wait + x.wait }), zero())

/** Every thread of a process. */
const ofProcess = (pid: number): CpuTime =>
  sum(tasks(pid).map((tid) => read(`/proc/${pid}/task/${tid}/schedstat`)))

/** The child processes of `pid` (PostgreSQL's postmaster: its backends, WAL writer, checkpointer…). */
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

/** One reading of the groups the benchmark tells apart. */
export interface SchedReading {
  /** The copier's main thread (its event loop: the measured path). */
  copier: CpuTime
  /** The threads started with the simulator's worker (its event loop, its isolate's GC). */
  sim: CpuTime
  /** Every other thread of the benchmark process (V8's GC helpers, libuv's pool). */
  helpers: CpuTime
  /** Every PostgreSQL process of the cluster. */
  postgres: CpuTime
}

/**
 * Reads the groups: `simTids` are the threads the simulator's worker started, `postmaster` the
 * cluster's main process.
 */
export function readSched(simTids: ReadonlySet<number>, postmaster: number): SchedReading {
  const pid = process.pid
  let sim = zero()
  let helpers = zero()
  let copier = zero()
  for (const tid of tasks(pid)) {
    const t = read(`/proc/${pid}/task/${tid}/schedstat`)
    if (tid === pid) copier = t
    else if (simTids.has(tid)) sim = sum([sim, t])
    else helpers = sum([helpers, t])
  }
  const postgres = sum([ofProcess(postmaster), ...children(postmaster).map(ofProcess)])
  return { copier, sim, helpers, postgres }
}

/** Milliseconds each group spent between two readings. */
export function schedDelta(a: SchedReading, b: SchedReading): Record<keyof SchedReading, CpuTime> {
  const d = (x: CpuTime, y: CpuTime): CpuTime => ({
    run: (y.run - x.run) / 1e6,
    wait: (y.wait - x.wait) / 1e6,
  })
  return {
    copier: d(a.copier, b.copier),
    sim: d(a.sim, b.sim),
    helpers: d(a.helpers, b.helpers),
    postgres: d(a.postgres, b.postgres),
  }
}

/** The threads of this process now (to tell which ones a worker started). */
export const ownThreads = (): Set<number> => new Set(tasks(process.pid))
