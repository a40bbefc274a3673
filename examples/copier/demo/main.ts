/**
 * `npm start`: the copier demo. Starts a simulator with a source broker and three differently
 * configured target brokers, writes a demo config, runs the copier with its status page, and plays
 * a scripted trader on the source for about a minute. Each action is printed as it happens, one
 * line with its latency; the demo ends by itself with a summary and exit code 0 when every target
 * ended in sync (1 otherwise).
 *
 * Options: `--speed N` plays the script N times faster (the CI test uses it); `--http HOST:PORT`
 * (default 127.0.0.1:9464, or any free port when that one is taken).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createSimServer, realClock } from 'mt5web/sim'
import { stringify } from 'yaml'
import { loadConfig } from '../src/config/load.js'
import { HttpServerError } from '../src/errors.js'
import { serveStatus } from '../src/http/serve.js'
import { parseListen } from '../src/http/server.js'
import { parseTag } from '../src/link/tag.js'
import { createCopier } from '../src/service/copier.js'
import type { ActionEvent } from '../src/service/events.js'
import { demoBrokers, demoConfig, demoSecrets } from './setup.js'
import { summarize } from './summary.js'
import { runTrader } from './trader.js'

/** A bad command line: one line naming the option, exit code 2, before anything starts. */
function usage(message: string): never {
  process.stderr.write(`demo: ${message}\n`)
  process.exit(2)
}

const values = (() => {
  try {
    return parseArgs({
      options: {
        speed: { type: 'string', default: '1' },
        http: { type: 'string', default: '127.0.0.1:9464' },
      },
    }).values
  } catch (error) {
    // node's message names the option (unknown, missing value, stray argument): on one line
    return usage(String((error as Error).message).replace(/\s*\n\s*/g, ' '))
  }
})()
const speed = Number(values.speed)
if (!Number.isFinite(speed) || speed <= 0) usage(`--speed must be a positive number, got "${values.speed}"`)
try {
  parseListen(values.http)
} catch (error) {
  usage(`--http: ${(error as Error).message}`)
}

const started = Date.now()
const clock = () => `+${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7)
const say = (line: string) => process.stdout.write(`${line}\n`)

/** Prints "still …" every 3 s while `work` runs: nothing looks stuck. */
async function withProgress<T>(what: string, work: Promise<T>): Promise<T> {
  say(`${clock()}  ${what}…`)
  const since = Date.now()
  const timer = setInterval(
    () => say(`${clock()}  still ${what} (${Math.round((Date.now() - since) / 1000)} s)`),
    3000,
  )
  try {
    return await work
  } finally {
    clearInterval(timer)
  }
}

say('mt5web-copier demo: one source account, three target brokers, all on a local simulator')
const sim = await withProgress(
  'starting the simulator',
  createSimServer({ port: 0, host: '127.0.0.1', clock: realClock, brokers: demoBrokers(), historyDays: 0 }),
)
const dir = mkdtempSync(join(tmpdir(), 'mt5web-copier-demo-'))
const configPath = join(dir, 'copier.yaml')
writeFileSync(configPath, stringify(demoConfig((b) => sim.url(b), join(dir, 'copier.db'))), { mode: 0o600 })
say(`${clock()}  demo config: ${configPath}`)

const copier = createCopier(loadConfig(configPath), {
  secrets: { env: demoSecrets, baseDir: dir, warn: (m) => say(`${clock()}  warning: ${m}`) },
  syncTimeoutMs: 20_000,
})
const events: ActionEvent[] = []
copier.on('error', (e) => say(`${clock()}  error: ${e.message}`))
copier.on('accountStatus', (account, status) => {
  if (status !== 'connecting') say(`${clock()}  ${account.padEnd(10)} ${status}`)
})
copier.on('action', (e) => {
  events.push(e)
  if (e.action === 'skipped' || e.action === 'linked') return
  // latency of requests only: an orphan sighting or a refusal sends nothing
  const request =
    e.action === 'placed' || e.action === 'modified' || e.action === 'cancelled' || e.action === 'converted'
  const latency =
    request && e.triggerAtMs !== undefined ? `  ${(e.atMs - e.triggerAtMs).toFixed(0).padStart(4)} ms` : ''
  say(`${clock()}  ${e.action.padEnd(9)} ${e.target.padEnd(10)} ${e.detail}${latency}`)
})

let web: Awaited<ReturnType<typeof serveStatus>> | undefined
try {
  web = await serveStatus(copier, { listen: values.http, processMetrics: false })
} catch (error) {
  if (!(error instanceof HttpServerError && /EADDRINUSE/.test(error.message))) throw error
  web = await serveStatus(copier, { listen: '127.0.0.1:0', processMetrics: false })
}
say(`${clock()}  status page: ${web.url}/   (metrics: ${web.url}/metrics)`)

let exitCode = 1
const stop = new AbortController()
process.once('SIGINT', () => stop.abort())
try {
  await withProgress('connecting 4 accounts', copier.start())
  say(`${clock()}  the trader starts on the source (about ${Math.round(60 / speed)} s)`)
  await runTrader(sim.control, speed, (step) => say(`${clock()}  source    ${step.say}`), stop.signal)

  // the last cancels leave orphans: wait until every copy is gone (2 checks, 2 s apart)
  const tag = { prefix: 'cp', source: String(demoConfig(() => '', '').source.login) }
  const copiesLeft = () =>
    (copier.inspect()?.input.targets ?? []).reduce(
      (n, t) => n + t.orders.filter((o) => parseTag(o.comment, tag) !== undefined).length,
      0,
    )
  const deadline = Date.now() + 20_000
  while (copiesLeft() > 0 && Date.now() < deadline && !stop.signal.aborted)
    await new Promise((r) => setTimeout(r, 100))
  const final = await copier.reconcileOnce()
  const left = copiesLeft()
  say('')
  for (const line of summarize(events)) say(line)
  exitCode = final.inSync && left === 0 ? 0 : 1
  say(
    exitCode === 0
      ? 'every target is in sync with the source: done.'
      : `not in sync at the end: ${left} copies left, ${final.problems} problems, targets skipped: ${final.skippedTargets.join(', ') || 'none'}`,
  )
} finally {
  await web.close()
  await copier.close()
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
}
process.exit(exitCode)
