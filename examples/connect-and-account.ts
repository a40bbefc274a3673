/**
 * Connect, log in and print the account summary, notifications and broker links.
 *
 * Run: `npx tsx examples/connect-and-account.ts ws://127.0.0.1:8228/ 10001 Demo1234`
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
