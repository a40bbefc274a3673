/**
 * The measured process of `bench/connMemory.ts --kind dist`: `createClient` from the BUILT package
 * (plain node, no TypeScript loader; `job.distUrl` or `../dist/index.js`), stepping through the
 * connection counts it is sent over IPC. Replies `{ rows }`: before connecting and after each step
 * and `job.idleMs` of quiet (see `connMemory.ts`), the RSS, heap used, heap committed, external
 * memory and the young generation's committed size (median of three readings, each after two full
 * GCs).
 */
import { getHeapSpaceStatistics } from 'node:v8'

process.once(
  'message',
  async (
    /** @type {{ url: string, steps: number[], firstLogin: number, password: string, idleMs: number, distUrl?: string }} */ job,
  ) => {
    const gc = /** @type {{ gc?: () => void }} */ (globalThis).gc
    if (!gc) throw new Error('run with node --expose-gc')
    const { createClient } = await import(job.distUrl ?? new URL('../dist/index.js', import.meta.url).href)
    /** @type {Array<{ close(): Promise<void> }>} */
    const held = []
    const settle = async () => {
      await new Promise((r) => setTimeout(r, job.idleMs))
      const readings = []
      /** @type {number[]} */
      const young = []
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 300))
        gc()
        gc()
        readings.push(process.memoryUsage())
        young.push(getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0)
      }
      const mid = (/** @type {number[]} */ values) => values.sort((a, b) => a - b)[1]
      return {
        count: held.length,
        rss: mid(readings.map((m) => m.rss)),
        heap: mid(readings.map((m) => m.heapUsed)),
        heapTotal: mid(readings.map((m) => m.heapTotal)),
        external: mid(readings.map((m) => m.external)),
        young: mid(young),
      }
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
