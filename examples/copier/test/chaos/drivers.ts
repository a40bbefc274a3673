/**
 * The copier under test, driven the same way in-process or as a child process (`kill -9`-able):
 * set its clock, ask for a full pass, kill it, close it.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseConfig } from '../../src/config/load.js'
import type { CopierConfigInput } from '../../src/config/schema.js'
import type { CopyOrder } from '../../src/plan/types.js'
import { type CopierOptions, createCopier } from '../../src/service/copier.js'
import type { ActionEvent } from '../../src/service/events.js'
import type { FromChild, ToChild } from './child.js'
import { TYPE_NUMBER } from './oracle.js'
import { TRADE_TIMEOUT_MS } from './world.js'

/** A copier the campaign drives. */
export interface CopierDriver {
  /** Sets the copier's clock (UTC ms), resolved once it took it. */
  setNow(ms: number): Promise<void>
  /** One full reconcile pass; the number of actions it took. */
  reconcile(): Promise<number>
  /**
   * The source's pending orders as the copier sees them now, one {@link viewLine} each, sorted (the
   * campaign waits for it to match the simulator's before judging: a push in flight is not lost).
   */
  sourceView(): Promise<string[]>
  /** SIGKILL (child only; an in-process copier cannot be killed). */
  kill(): Promise<void>
  close(): Promise<void>
  /** What the process wrote on stderr (child only), for failure reports. */
  log(): string
}

/** Options of the campaign's copiers: manual clock, short timeouts and backoffs. */
export function copierOptions(now: () => number, env: NodeJS.ProcessEnv, baseDir: string): CopierOptions {
  return {
    now,
    secrets: { env, baseDir, warn: () => undefined },
    clientOptions: {
      timeoutMs: 2000,
      reconnect: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 20, maxDelayMs: 200 },
    },
    execution: { retries: 3, backoffBaseMs: 5, tradeTimeoutMs: TRADE_TIMEOUT_MS },
    syncTimeoutMs: 15_000,
  }
}

/** A copier in this process, following pushes like `run`. */
export async function startInProcess(
  input: CopierConfigInput,
  start: number,
  secrets: Record<string, string>,
  baseDir: string,
): Promise<CopierDriver> {
  let now = start
  const copier = createCopier(
    parseConfig(input),
    copierOptions(() => now, secrets, baseDir),
  )
  const errors: string[] = []
  copier.on('error', (e) => {
    errors.push(`error: ${e.message}`)
  })
  copier.on('action', (e) => {
    errors.push(actionLine(e))
  })
  await copier.start()
  return {
    async setNow(ms) {
      now = ms
    },
    async reconcile() {
      return (await copier.reconcileOnce()).actions
    },
    sourceView: async () => copierSourceView(copier.sourceOrders()),
    kill() {
      return Promise.reject(new Error('an in-process copier cannot be killed'))
    },
    close: () => copier.close(),
    log: () =>
      [
        ...errors,
        `source as the copier sees it: ${copier
          .sourceOrders()
          .map((o) => `#${o.ticket} ${o.type} ${o.price} sl ${o.sl} tp ${o.tp}`)
          .join(', ')}`,
        `accounts: ${copier
          .accounts()
          .map((a) => `${a.id} ${a.status} ${a.orders}`)
          .join(', ')}`,
      ].join('\n'),
  }
}

/** An order's identity and the fields a source change touches, as one comparable line. */
export function viewLine(o: {
  ticket: bigint
  type: number
  price: number
  stopLimit: number
  sl: number
  tp: number
  expirationS: number
}): string {
  return `#${o.ticket} ${o.type} ${o.price} ${o.stopLimit} ${o.sl} ${o.tp} ${o.expirationS}`
}

/** The copier's view of the source as view lines (the copier names types, the simulator numbers them). */
export function copierSourceView(orders: readonly CopyOrder[]): string[] {
  return orders
    .map((o) =>
      viewLine({
        ticket: o.ticket,
        type: TYPE_NUMBER[o.type],
        price: o.price,
        stopLimit: o.stopLimitPrice,
        sl: o.sl,
        tp: o.tp,
        expirationS: Math.floor(o.expirationMs / 1000),
      }),
    )
    .sort()
}

/** One line per copier action, for a failing seed's report. */
export function actionLine(e: ActionEvent): string {
  return `${e.atMs} ${e.target} ${e.action} #${e.sourceTicket} ${e.reason}: ${e.detail}`
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url))
const REPO = fileURLToPath(new URL('../../../../', import.meta.url))

/** The copier as a child process (`configPath` holds the config as JSON); resolves once it has started. */
export async function startChild(
  configPath: string,
  start: number,
  secrets: Record<string, string>,
  timeoutMs = 60_000,
): Promise<CopierDriver> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: { ...process.env, ...secrets, CHAOS_CONFIG: configPath, CHAOS_NOW: String(start) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < 20_000) stderr += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let nextId = 1
  const waiting = new Map<number, { resolve: (m: FromChild) => void; reject: (e: Error) => void }>()
  let ready: (() => void) | undefined
  child.on('message', (m: FromChild) => {
    if (m.type === 'ready') return ready?.()
    waiting.get(m.id)?.resolve(m)
    waiting.delete(m.id)
  })
  void exited.then(() => {
    for (const w of waiting.values()) w.reject(new Error(`copier child exited\n${stderr}`))
    waiting.clear()
  })
  const ask = (
    m: { type: 'now'; now: number } | { type: 'reconcile' } | { type: 'source' },
    ms = timeoutMs,
  ): Promise<FromChild> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      const timer = setTimeout(() => {
        waiting.delete(id)
        reject(new Error(`copier child did not answer ${m.type} within ${ms} ms\n${stderr}`))
      }, ms)
      waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer)
          resolve(r)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      })
      child.send({ ...m, id } as ToChild)
    })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`copier child not ready within ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    )
    ready = () => {
      clearTimeout(timer)
      resolve()
    }
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`copier child exited before it was ready\n${stderr}`))
    })
  })
  return {
    async setNow(now) {
      await ask({ type: 'now', now })
    },
    async reconcile() {
      const r = await ask({ type: 'reconcile' })
      if (r.type === 'failed') throw new Error(`reconcile failed in the child: ${r.error}`)
      return r.type === 'reconciled' ? r.actions : 0
    },
    async sourceView() {
      const r = await ask({ type: 'source' })
      return r.type === 'source' ? r.lines : []
    },
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.disconnect()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await exited
        clearTimeout(timer)
      }
    },
    log: () => stderr,
  }
}
