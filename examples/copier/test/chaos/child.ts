/**
 * The copier as a child process of the campaign (`node --import tsx child.ts`), so it can be killed
 * with SIGKILL at any instant. It is `mt5web-copier run` through the same programmatic API
 * (`createCopier(…).start()`), with test hooks over the IPC channel: the simulator's manual clock
 * (`now` messages; the CLI would read the wall clock), full passes on request (`reconcile`) and its
 * view of the source (`source`).
 * Config path in CHAOS_CONFIG, start time in CHAOS_NOW, passwords in the environment.
 */
import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { createCopier } from '../../src/service/copier.js'
import { actionLine, copierOptions, copierSourceView } from './drivers.js'

/** Parent → child. */
export type ToChild =
  | { type: 'now'; id: number; now: number }
  | { type: 'reconcile'; id: number }
  | { type: 'source'; id: number }
/** Child → parent. */
export type FromChild =
  | { type: 'ready' }
  | { type: 'ack'; id: number }
  | { type: 'reconciled'; id: number; actions: number }
  | { type: 'failed'; id: number; error: string }
  /** The copier's view of the source ({@link copierSourceView}). */
  | { type: 'source'; id: number; lines: string[] }

const path = process.env.CHAOS_CONFIG
if (!path || !process.send)
  throw new Error('child.ts runs as a child process with CHAOS_CONFIG and an IPC channel')
const send = (m: FromChild) => process.send?.(m)
let now = Number(process.env.CHAOS_NOW)
const config = parseConfig(JSON.parse(readFileSync(path, 'utf8')))
const copier = createCopier(
  config,
  copierOptions(() => now, process.env, dirname(path)),
)
copier.on('error', (e) => process.stderr.write(`error: ${e.message}\n`))
copier.on('action', (e) => process.stderr.write(`${actionLine(e)}\n`))

process.on('message', (m: ToChild) => {
  if (m.type === 'now') {
    now = m.now
    send({ type: 'ack', id: m.id })
    return
  }
  if (m.type === 'source') {
    send({ type: 'source', id: m.id, lines: copierSourceView(copier.sourceOrders()) })
    return
  }
  copier.reconcileOnce().then(
    (s) => send({ type: 'reconciled', id: m.id, actions: s.actions }),
    (e: unknown) => send({ type: 'failed', id: m.id, error: String(e) }),
  )
})
process.on('disconnect', () => {
  copier.close().finally(() => process.exit(0))
})

await copier.start()
send({ type: 'ready' })
