/**
 * Subscribe to an order book, print the best levels of the first `count` updates, unsubscribe.
 *
 * Run: `npx tsx examples/order-book.ts` against a local simulator (`npx mt5web-sim`) and its demo account;
 * for another account set `MT5_SERVER` (ws:// or wss:// URL, default `ws://127.0.0.1:8228/`),
 * `MT5_LOGIN` (default 10001) and `MT5_PASSWORD` (default `Demo1234`) in the environment first.
 * (imports from `../src/index.js` so it also runs under vitest without a build; in your own code
 * import from `'mt5web'`).
 */
import { type Book, createClient } from '../src/index.js'
import { runIfMain } from './_run.js'
import type { ExampleOptions } from './connect-and-account.js'

export async function main({
  server,
  login,
  password,
  signal,
  count = 1,
}: ExampleOptions & { count?: number }) {
  const client = createClient({ server, login, password, reconnect: false })
  await client.connect(signal ? { signal } : {})
  const books: Book[] = []
  try {
    const done = new Promise<void>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      client.on('book', (book) => {
        books.push(book)
        console.log(
          `${book.symbol} bid ${book.bids[0]?.price} ask ${book.asks[0]?.price} (${book.bids.length}×${book.asks.length})`,
        )
        if (books.length >= count) resolve()
      })
    })
    const unsubscribe = await client.subscribeBook('EURUSD')
    await done
    console.log('last book:', client.lastBook('EURUSD')?.bids.length, 'bid levels')
    await unsubscribe()
    return books
  } finally {
    await client.close()
  }
}

runIfMain(import.meta.url, main)
