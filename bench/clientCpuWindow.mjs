/**
 * The IPC side shared by the children of `bench/clientCpu.ts`: answers `setup` (runs `setup(message)`,
 * once per connection),
 * `start` / `stop` (the process's CPU time, user + system, and the ticks counted between them; with
 * `profileDir`, a CPU profile of each window written there as `<profileName>-<window>.cpuprofile`),
 * `status` (the ticks the child keeps in history, `cached()`: the parent warms up until it stops
 * growing) and `exit` (runs `exit()`).
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'

/**
 * @param {{ setup: (m: Record<string, any>) => Promise<void>, exit: () => Promise<void>,
 *   ticks: () => number, cached?: () => number, name: string }} child
 */
export function serveWindows(child) {
  /** @type {NodeJS.CpuUsage | undefined} */
  let started
  let ticksAtStart = 0
  let window = 0
  /** @type {string | undefined} */
  let profileDir
  let profileName = child.name
  /** @type {Session | undefined} */
  let session
  /** @param {string} method @param {object} [params] @returns {Promise<any>} */
  const post = (method, params = {}) =>
    new Promise((resolve, reject) =>
      session?.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    )
  process.on('message', async (/** @type {Record<string, any>} */ m) => {
    try {
      if (m.type === 'setup') {
        profileDir = m.profileDir
        // The `--compare` child runs the same script as the SDK child: named by the parent.
        if (typeof m.profileName === 'string') profileName = m.profileName
        await child.setup(m)
        // `setup` comes once per connection (the parent interleaves the children's connections).
        if (profileDir !== undefined && session === undefined) {
          session = new Session()
          session.connect()
          await post('Profiler.enable')
          await post('Profiler.setSamplingInterval', { interval: 200 })
        }
        process.send?.({ type: 'ready' })
      } else if (m.type === 'start') {
        if (session) await post('Profiler.start')
        ticksAtStart = child.ticks()
        started = process.cpuUsage()
        process.send?.({ type: 'started' })
      } else if (m.type === 'stop') {
        const cpu = process.cpuUsage(started)
        const ticks = child.ticks() - ticksAtStart
        if (session) {
          const { profile } = await post('Profiler.stop')
          writeFileSync(`${profileDir}/${profileName}-${++window}.cpuprofile`, JSON.stringify(profile))
        }
        process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000, systemMs: cpu.system / 1000, ticks })
      } else if (m.type === 'status') {
        process.send?.({ cached: child.cached?.() ?? 0 })
      } else if (m.type === 'exit') {
        session?.disconnect()
        await child.exit()
        process.exit(0)
      }
    } catch (error) {
      process.send?.({ error: String(error) })
    }
  })
}
