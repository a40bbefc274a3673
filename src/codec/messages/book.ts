/**
 * cmd 23 order-book push (official layout, CONFLICT C5). A body of 4 bytes or fewer holds no books;
 * otherwise `u32 n` + n × (BookHeader (22 B) + `levelCount` × BookLevel (21 B)).
 */
import { ProtocolError, ValidationError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { unscalePrice } from '../scale.js'
import { type BookHeaderRecord, bookHeaderSchema } from '../schemas/bookHeader.js'
import { type BookLevelRecord, bookLevelSchema } from '../schemas/bookLevel.js'

/** One symbol's book update: the header fields and its levels. */
export interface BookEntry extends BookHeaderRecord {
  levels: BookLevelRecord[]
}

/** What `encodeBook` takes: `levelCount` is written from `levels.length` and may be left out. */
export type BookEntryInput = Omit<BookHeaderRecord, 'levelCount'> & {
  levelCount?: number
  levels: readonly BookLevelRecord[]
}

/** One price level in plain units. */
export interface BookQuote {
  price: number
  /** Lots × 10^8 (0n removes the level). */
  volume: bigint
}

/** A book update with plain prices, split by side. */
export interface BookUpdate {
  symbolId: number
  /** Sell side (`bookType` 1 and 3), in wire order. */
  asks: BookQuote[]
  /** Buy side (`bookType` 2 and 4), in wire order. */
  bids: BookQuote[]
  /** `booksFlags & 2`: replace the stored book instead of updating it. */
  clear: boolean
}

/**
 * Most price levels one side of a stored book may hold. An MT5 server publishes at most the
 * symbol's depth of market (`ticksBookdepth`, a server setting of a few dozen levels: the platform
 * offers up to 32 in its Depth of Market), so 1 024 is far above anything legitimate, while a
 * broken or hostile server sending 200 000 levels can no longer make every push sort and copy
 * them until the event loop starves and the heartbeat drops the session (issue #8). See
 * docs/architecture.md#resource-bounds.
 */
export const MAX_BOOK_LEVELS = 1024

/** Decodes a cmd 23 body; an entry with more levels than two full sides fails before they are decoded. */
export function decodeBook(body: Uint8Array): BookEntry[] {
  if (body.byteLength <= 4) return []
  const reader = new BodyReader(body, 'cmd 23 book')
  const count = reader.u32('book count')
  const entries: BookEntry[] = []
  // Each entry takes at least 22 bytes, so a lying count fails on the first short read.
  for (let i = 0; i < count; i++) {
    const header = reader.record(bookHeaderSchema)
    if (header.levelCount > 2 * MAX_BOOK_LEVELS) {
      throw new ProtocolError(
        `cmd 23 book entry ${i}: ${header.levelCount} levels, more than the ${2 * MAX_BOOK_LEVELS} accepted`,
        { schema: 'cmd 23 book', field: 'levelCount', offset: reader.offset - 2 },
      )
    }
    const levels = reader.records(bookLevelSchema, header.levelCount, 'levels')
    entries.push({ ...header, levels })
  }
  return entries
}

/** Encodes a cmd 23 body (`u32 0` for no books). */
export function encodeBook(entries: readonly BookEntryInput[]): Uint8Array {
  // Exact capacity up front: BodyWriter.record grabs its view before growing (see report).
  let size = 4
  for (const entry of entries) size += bookHeaderSchema.size + entry.levels.length * bookLevelSchema.size
  const writer = new BodyWriter(size).u32(entries.length)
  entries.forEach((entry, i) => {
    const { levels } = entry
    if (entry.levelCount !== undefined && entry.levelCount !== levels.length) {
      throw new ValidationError(`book entry ${i}: levelCount ${entry.levelCount} ≠ ${levels.length} levels`, {
        field: `entries[${i}].levelCount`,
        value: entry.levelCount,
      })
    }
    writer.record(bookHeaderSchema, { ...entry, levelCount: levels.length }).records(bookLevelSchema, levels)
  })
  return writer.finish()
}

/** Splits an entry into bids and asks with prices ÷ 10^digits (official rounding). */
export function unscaleBook(entry: BookEntry, digits: number): BookUpdate {
  const bids: BookQuote[] = []
  const asks: BookQuote[] = []
  for (const level of entry.levels) {
    const t = level.bookType
    if (t === 1 || t === 3)
      asks.push({ price: unscalePrice(Number(level.price), digits), volume: level.volume })
    else if (t === 2 || t === 4)
      bids.push({ price: unscalePrice(Number(level.price), digits), volume: level.volume })
  }
  return { symbolId: entry.symbolId, bids, asks, clear: (entry.booksFlags & 2) !== 0 }
}
