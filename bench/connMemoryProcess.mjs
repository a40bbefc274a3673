/**
 * The measured process of `bench/connMemory.ts --kind dist`: `createClient` from the BUILT package
 * (plain node, no TypeScript loader), stepping through the connection counts it is sent over IPC.
 * Replies `{ rows }`: per step the RSS and heap after GC.
 */
import { createClient } from '../dist/index.js'

process.once(
  'message',
  async (/** @type {{ url: string, steps: number[], firstLogin: number, password: string }} */ job) => {
    const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc
    if (!gc) throw new Error('run with node --expose-gc')
    /** @type {Array<{ close(): Promise<void> }>} */
    const held = []
    const settle = async () => {
      await new Promise((r) => setTimeout(r, 500))
      gc()
      gc()
      const m = process.memoryUsage()
      return { count: held.length, rss: m.rss, heap: m.heapUsed }
    }
    const rows = [await settle()]
    for (const target of job.steps) {
      while (held.length < target) {
        const client = createClient({
          server: job.url,
          login: job.firstLogin + held.length,
          password: job.password,
          reconnect: false,
        })
        await client.connect()
        held.push(client)
      }
      rows.push(await settle())
    }
    for (const c of held) await c.close()
    process.send?.({ rows })
    process.exit(0)
  },
)
