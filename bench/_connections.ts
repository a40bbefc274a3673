/**
 * What the memory benches share: the simulator child (`connMemory.ts --server`, 600 accounts) and
 * a way to open idle logged-in connections of one kind in this process.
 */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const PASSWORD = 'Bench1234'
export const FIRST_LOGIN = 300_001

/** Something holding a connection open. */
export interface Held {
  close(): unknown
}

/** Starts the simulator in a child process; `stop()` closes it. */
export async function startSimChild(): Promise<{ url: string; stop(): void }> {
  const child = fork(fileURLToPath(new URL('./connMemory.ts', import.meta.url)), ['--server'], {
    execArgv: ['--import', 'tsx'],
  })
  const { url } = await new Promise<{ url: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { url: string })),
  )
  return { url, stop: () => child.send('stop') }
}

/**
 * A function opening the next connection (logins from {@link FIRST_LOGIN} on) into `held`:
 * `raw` (ws + cipher, `test/e2e/sim/_rawClient.ts`), `dist` (`createClient` of the built package,
 * or of `distUrl`) or `source` (`createClient` from `src/`).
 */
export async function connector(
  url: string,
  kind: 'raw' | 'dist' | 'source',
  held: Held[],
  distUrl?: string,
): Promise<() => Promise<void>> {
  if (kind === 'raw') {
    const { loginRaw } = await import('../test/e2e/sim/_rawClient.js')
    return async () => {
      const raw = await loginRaw(url, FIRST_LOGIN + held.length, PASSWORD)
      raw.frames.length = 0
      held.push(raw)
    }
  }
  type Create = typeof import('../src/client/createClient.js').createClient
  const { createClient } = (
    kind === 'dist'
      ? await import(distUrl ?? ('../dist/index.js' as string))
      : await import('../src/client/createClient.js')
  ) as { createClient: Create }
  return async () => {
    const client = createClient({
      server: url,
      login: FIRST_LOGIN + held.length,
      password: PASSWORD,
      reconnect: false,
    })
    await client.connect()
    held.push(client)
  }
}

/** The kind of connection the heap benches open: `--raw`/`raw`, `--dist`, else the source. */
export function kindFromArgv(argv: readonly string[]): 'raw' | 'dist' | 'source' {
  if (argv.includes('--raw') || argv.includes('raw')) return 'raw'
  return argv.includes('--dist') ? 'dist' : 'source'
}

/** `connect(n)`: opens `n` more connections with `next`, waits 500 ms and runs two full GCs. */
export function inBatches(next: () => Promise<void>, gc: () => void): (n: number) => Promise<void> {
  return async (n) => {
    for (let i = 0; i < n; i++) await next()
    await new Promise((r) => setTimeout(r, 500))
    gc()
    gc()
  }
}
