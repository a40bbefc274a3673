/** `mt5web book SYMBOL`: one snapshot of the order book (depth of market). */
import type { Book } from '../../model/types.js'
import type { Command, CommandContext } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, formatPrice, formatTime, table, toJson } from '../format.js'

/** Bids and asks side by side, best first. */
export function formatBook(book: Book, digits: number): string {
  const depth = Math.max(book.bids.length, book.asks.length)
  const rows = Array.from({ length: depth }, (_, i) => ({ bid: book.bids[i], ask: book.asks[i] }))
  return `${book.symbol} at ${formatTime(book.timeMs, true)}\n${table(
    [
      { header: 'BID VOL', align: 'right', value: (r) => (r.bid ? formatLots(r.bid.volume) : '') },
      { header: 'BID', align: 'right', value: (r) => (r.bid ? formatPrice(r.bid.price, digits) : '') },
      { header: 'ASK', align: 'right', value: (r) => (r.ask ? formatPrice(r.ask.price, digits) : '') },
      { header: 'ASK VOL', align: 'right', value: (r) => (r.ask ? formatLots(r.ask.volume) : '') },
    ],
    rows,
    '(empty book)',
  )}`
}

/** Waits for the first book of `symbol` after subscribing, for at most `timeoutMs`. */
async function firstBook(
  ctx: CommandContext,
  symbol: string,
  symbolId: number,
  timeoutMs: number,
): Promise<Book> {
  const { client } = ctx
  return new Promise<Book>((resolve, reject) => {
    let unsubscribe: (() => Promise<void>) | undefined
    const finish = (): void => {
      clearTimeout(timer)
      client.off('book', onBook)
      void unsubscribe?.().catch(() => undefined)
    }
    const onBook = (book: Book): void => {
      if (book.symbolId !== symbolId) return
      finish()
      resolve(book)
    }
    const timer = setTimeout(() => {
      finish()
      reject(new Error(`no order book for ${symbol} within ${timeoutMs} ms`))
    }, timeoutMs)
    client.on('book', onBook)
    client.subscribeBook([symbol]).then(
      (u) => {
        unsubscribe = u
        const cached = client.lastBook(symbol)
        if (cached !== undefined) onBook(cached)
      },
      (error: unknown) => {
        finish()
        reject(error)
      },
    )
  })
}

export const bookCommand: Command = {
  name: 'book',
  summary: 'show the order book (depth of market) of a symbol',
  usage: 'book SYMBOL [--json]',
  options: {},
  positionals: { min: 1, max: 1 },
  prepare: ({ positionals }) => {
    const name = positionals[0]!
    return async (ctx) => {
      const info = await ctx.client.symbol(name)
      const book = await firstBook(ctx, info.name, info.id, 10_000)
      ctx.io.stdout.write(ctx.json ? toJson(book) : formatBook(book, info.digits))
      return ExitCode.Ok
    }
  },
}
