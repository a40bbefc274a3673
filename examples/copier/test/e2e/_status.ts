/**
 * Shared by the status e2e tests: a copier on the simulator with its status server, readers of
 * `/api/status` and `/metrics`, and the source order moves the tests make.
 */
import { serveStatus } from '../../src/http/serve.js'
import type { CopierStatus, CopyView } from '../../src/http/status.js'
import { makeCopier, type SimEnv, startSim, type TestCopier } from './_env.js'

/** A running copier on a fresh simulator, with its status server on an ephemeral loopback port. */
export interface StatusEnv {
  env: SimEnv
  c: TestCopier
  url: string
  status(): Promise<CopierStatus>
  metrics(): Promise<string>
  /** The copy of source order `ticket` on `target`, as `/api/status` shows it. */
  copy(ticket: bigint, target: string): Promise<CopyView | undefined>
  close(): Promise<void>
}

export async function startStatusEnv(): Promise<StatusEnv> {
  const env = await startSim()
  env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
  const c = makeCopier(env)
  await c.copier.start()
  const web = await serveStatus(c.copier, { listen: '127.0.0.1:0', processMetrics: false })
  const status = async () => (await (await fetch(`${web.url}/api/status`)).json()) as CopierStatus
  return {
    env,
    c,
    url: web.url,
    status,
    metrics: async () => (await fetch(`${web.url}/metrics`)).text(),
    async copy(ticket, target) {
      const s = await status()
      return s.orders.find((o) => o.ticket === String(ticket))?.copies.find((x) => x.target === target)
    },
    async close() {
      await web.close()
      await c.close()
      await env.close()
    },
  }
}

/** The value of one sample of `/metrics` (labels in any order), or undefined. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match || match[1] !== name) continue
    const have = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    )
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3])
  }
  return undefined
}

/** Makes the target `broker`/`login` unreachable: its password changes and its sockets drop. */
export function takeDown(env: SimEnv, broker: string, login: number): void {
  const b = env.sim.control.broker(broker)
  b.setPassword(login, 'Changed-9876')
  b.faults.drop({ login })
}
