/**
 * Connect, log in and print the account summary, notifications and broker links.
 *
 * Run: `npx tsx examples/connect-and-account.ts` against a local simulator (`npx mt5web-sim`) and its demo account;
 * for another account set `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`),
 * `MT5_LOGIN` (default 10001) and `MT5_PASSWORD` (default `Demo1234`) in the environment first.
 * (imports from `../src/index.js` so it also runs under vitest without a build; in your own code
 * import from `'mt5web'`).
 */
import { createClient } from '../src/index.js'
import { runIfMain } from './_run.js'

/** What every example takes. */
export interface ExampleOptions {
  server: string
  login: number
  password: string
  signal?: AbortSignal
}

export async function main({ server, login, password, signal }: ExampleOptions) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect(signal ? { signal } : {})
  try {
    const account = await client.accountInfo()
    console.log(
      `${account.name} #${account.login}: ${account.balance} ${account.currency}, equity ${account.equity}`,
    )
    const notifications = await client.notifications()
    if (notifications.riskWarning) await client.acceptRiskWarning()
    const links = await client.corporateLinks()
    for (const link of links) console.log(`link: ${link.title} ${link.url}`)
    return { account, links }
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
