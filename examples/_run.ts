/**
 * Shared entry point of the example scripts: when a script is executed directly (`npx tsx
 * examples/trading.ts`), run its `main` against the account named by `MT5_SERVER`, `MT5_LOGIN` and
 * `MT5_PASSWORD` (defaults: a local `npx mt5web-sim` and its demo account). Credentials come from
 * the environment, never from the command line, where other users could read them.
 */
import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** The account an example connects to. */
export interface ExampleAccount {
  server: string
  login: number
  password: string
}

export function runIfMain(moduleUrl: string, main: (account: ExampleAccount) => Promise<unknown>): void {
  const entry = process.argv[1]
  if (!entry || moduleUrl !== pathToFileURL(realpathSync(entry)).href) return
  const account: ExampleAccount = {
    server: process.env.MT5_SERVER ?? 'ws://127.0.0.1:8228/',
    login: Number(process.env.MT5_LOGIN ?? 10001),
    password: process.env.MT5_PASSWORD ?? 'Demo1234',
  }
  main(account).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
