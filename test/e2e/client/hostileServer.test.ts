/**
 * Memory and time a hostile or broken server can make the client spend are bounded (issue #8,
 * docs/architecture.md#resource-bounds): a cmd 34 decompression bomb, a book that never stops
 * growing, a frame larger than `maxFrameBytes`. Each yields a typed error and the client (and the
 * process) carries on.
 */
import { createDeflate } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'
import type { ClientOptions } from '../../../src/client/types.js'
import { type BookEntryInput, encodeBook, MAX_BOOK_LEVELS } from '../../../src/codec/messages/book.js'
import { decodeCompressedSymbolList, MAX_SYMBOLS } from '../../../src/codec/messages/symbols.js'
import { marketDataActions } from '../../../src/decorators/marketData.js'
import { MT5ConnectionError, ProtocolError } from '../../../src/errors.js'
import type { Book } from '../../../src/model/types.js'
import { Command } from '../../../src/protocol/commands.js'
import { until } from '../../helpers/until.js'
import type { LoopbackServer } from '../../unit/transport/loopbackServer.js'
import { HOSTILE_SYMBOL, startHostileServer } from './_hostileServer.js'

const MiB = 1024 * 1024

/** A cmd 34 body: 4 skipped bytes + a zlib stream of `head` followed by `zeros` zero bytes. */
async function bomb(count: number, zeros: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 1 })
  const out: Buffer[] = [Buffer.alloc(4)]
  deflate.on('data', (chunk: Buffer) => out.push(chunk))
  const ended = new Promise((resolve) => deflate.on('end', resolve))
  const head = Buffer.alloc(4)
  head.writeUInt32LE(count)
  deflate.write(head)
  const block = Buffer.alloc(MiB)
  for (let i = 0; i < zeros / MiB; i++) deflate.write(block)
  deflate.end()
  await ended
  return new Uint8Array(Buffer.concat(out))
}

/** Runs `fn` and returns the largest growth of the resident set seen meanwhile (sampled). */
async function peakGrowth(fn: () => Promise<unknown>): Promise<number> {
  const base = process.memoryUsage().rss
  let peak = base
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 2)
  try {
    await fn()
  } finally {
    clearInterval(timer)
  }
  return Math.max(peak, process.memoryUsage().rss) - base
}

function makeClient(url: string, extra: Partial<ClientOptions> = {}) {
  return createBaseClient({
    server: url,
    login: 1,
    password: 'irrelevant',
    reconnect: false,
    timeoutMs: 5_000,
    ...extra,
  }).extend(marketDataActions)
}

describe('a hostile server cannot exhaust the client', () => {
  let server: LoopbackServer | undefined
  let client: ReturnType<typeof makeClient> | undefined

  afterEach(async () => {
    await client?.close()
    await server?.stop()
    client = undefined
    server = undefined
  })

  it.each([
    ['announces 500 000 symbols', 500_000, 'symbols count'],
    ['inflates past the records it announces', 1, 'zlib'],
  ])('cmd 34 bomb that %s: ProtocolError, bounded memory, cmd 6 fallback', async (_, count, field) => {
    // 300 MiB of zeros in a ~300 KB frame: the old 256 MiB inflate limit kept all of it
    const body = await bomb(count, 300 * MiB)
    expect(body.byteLength).toBeLessThan(2 * MiB)
    await expect(decodeCompressedSymbolList(body)).rejects.toMatchObject({ code: 'MT5_PROTOCOL', field })
    server = await startHostileServer({ symbolsCompressed: () => body })
    client = makeClient(server.url)
    await client.connect()
    const c = client
    let list: Awaited<ReturnType<typeof c.loadSymbols>> = []
    const growth = await peakGrowth(async () => {
      list = await c.loadSymbols()
    })
    expect(list.map((s) => s.name)).toEqual([HOSTILE_SYMBOL.tradeSymbol])
    const asked = server.peer.received.map((r) => r.command)
    expect(asked).toContain(Command.symbolsCompressed)
    expect(asked).toContain(Command.symbols)
    expect(growth).toBeLessThan(128 * MiB)
    expect(client.status).toBe('loggedIn')
  })

  it('a book that keeps growing: ProtocolError per push past the bound, never more levels, session kept', async () => {
    server = await startHostileServer()
    client = makeClient(server.url)
    const errors: Error[] = []
    const books: Book[] = []
    client.on('error', (e) => errors.push(e))
    client.on('book', (b) => books.push(b))
    await client.connect()
    await client.subscribeBook(HOSTILE_SYMBOL.tradeSymbol)
    const header = { symbolId: HOSTILE_SYMBOL.symbolId, booksTime: 0, timeMsc: 0, flagMask: 0, booksFlags: 0 }
    const pushes = 200
    const perPush = 1_000 // 200 000 distinct levels in all
    for (let p = 0; p < pushes; p++) {
      const levels = Array.from({ length: perPush }, (_, i) => ({
        flagMask: 0,
        bookType: 2,
        price: BigInt(100_000 + p * perPush + i),
        volume: 100_000_000n,
      }))
      server.peer.reply(Command.book, 0, encodeBook([{ ...header, levels }]))
    }
    // one entry with more levels than two full sides is refused before its levels are decoded
    const huge: BookEntryInput = {
      ...header,
      levels: Array.from({ length: 2 * MAX_BOOK_LEVELS + 1 }, (_, i) => ({
        flagMask: 0,
        bookType: 1,
        price: BigInt(200_000 + i),
        volume: 1n,
      })),
    }
    server.peer.reply(Command.book, 0, encodeBook([huge]))
    await until(() => errors.some((e) => e instanceof ProtocolError && e.field === 'levelCount'), 10_000)
    const bookErrors = errors.filter((e) => e instanceof ProtocolError && e.schema === 'cmd 23 book')
    expect(bookErrors.length).toBeGreaterThanOrEqual(pushes / 2 - 1)
    expect(bookErrors.some((e) => (e as ProtocolError).field === 'bids')).toBe(true)
    expect(books.length).toBeGreaterThan(0)
    for (const b of books) expect(b.bids.length).toBeLessThanOrEqual(MAX_BOOK_LEVELS)
    // still sorted best first after incremental updates
    const last = books.at(-1)!
    expect(last.bids.map((l) => l.price)).toEqual([...last.bids.map((l) => l.price)].sort((a, b) => b - a))
    expect(client.status).toBe('loggedIn')
    await expect(client.request(Command.ping)).resolves.toBeInstanceOf(Uint8Array)
  })

  it('a frame larger than maxFrameBytes: the socket is refused with a ProtocolError cause, the client can connect again', async () => {
    server = await startHostileServer()
    client = makeClient(server.url, { maxFrameBytes: 64 * 1024 })
    const errors: Error[] = []
    const drops: unknown[] = []
    client.on('error', (e) => errors.push(e))
    client.on('disconnect', ({ error }) => drops.push(error))
    await client.connect()
    server.peer.reply(Command.book, 0, new Uint8Array(256 * 1024))
    await until(() => drops.length === 1)
    expect(drops[0]).toBeInstanceOf(MT5ConnectionError)
    expect((drops[0] as Error).cause).toBeInstanceOf(ProtocolError)
    expect((drops[0] as Error).cause).toMatchObject({ message: expect.stringContaining('maxFrameBytes') })
    expect(errors.some((e) => e instanceof ProtocolError && e.message.includes('maxFrameBytes'))).toBe(true)
    expect(client.status).toBe('disconnected')
    await client.connect()
    expect(client.status).toBe('loggedIn')
  })

  it('refuses a symbol list announcing more than MAX_SYMBOLS on the plain path too', async () => {
    expect(MAX_SYMBOLS).toBe(65_536)
    const { decodeSymbolList } = await import('../../../src/codec/messages/symbols.js')
    const body = new Uint8Array(8)
    new DataView(body.buffer).setUint32(0, MAX_SYMBOLS + 1, true)
    expect(() => decodeSymbolList(body)).toThrow(ProtocolError)
  })
})
