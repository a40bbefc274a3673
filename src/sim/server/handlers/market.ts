/**
 * Market-data commands: symbols (6, zlib 34), groups (9), full symbols (18: ids or a pymt5
 * name), spreads (20), rates (11), tick subscription (7, replaces the set), book subscription
 * (22, replaces the set) and corporate links (44).
 */
import { encodeCorporateLinks } from '../../../codec/messages/corporateLinks.js'
import { decodeFullSymbolRequest, encodeFullSymbols } from '../../../codec/messages/fullSymbols.js'
import { decodeRatesRequest, encodeRateBars } from '../../../codec/messages/rates.js'
import { encodeSpreads } from '../../../codec/messages/spreads.js'
import { encodeSymbolGroups } from '../../../codec/messages/symbolGroups.js'
import { decodeSymbolIdList } from '../../../codec/messages/symbolIdList.js'
import { encodeCompressedSymbolList, encodeSymbolList } from '../../../codec/messages/symbols.js'
import { minutesFromPeriodCode } from '../../../codec/timeframe.js'
import type { CommandHandler } from '../connection.js'
import { fullSymbol, symbolBasic, symbolGroups } from '../wire.js'
import type { HandlerContext } from './context.js'

/** Builds the market-data handlers of one broker. */
export function marketHandlers(broker: HandlerContext): Record<number, CommandHandler> {
  let compressed: Promise<Uint8Array> | undefined

  const symbols: CommandHandler = (conn) => {
    conn.reply(6, 0, encodeSymbolList(broker.symbols.map(symbolBasic)))
  }

  const symbolsCompressed: CommandHandler = async (conn) => {
    compressed ??= encodeCompressedSymbolList(broker.symbols.map(symbolBasic))
    conn.reply(34, 0, await compressed)
  }

  const groups: CommandHandler = (conn) => {
    conn.reply(9, 0, encodeSymbolGroups(symbolGroups(broker.symbols)))
  }

  const full: CommandHandler = (conn, payload) => {
    const req = decodeFullSymbolRequest(payload)
    const found =
      req.kind === 'ids'
        ? req.ids.map((id) => broker.symbolById(id)).filter((s) => s !== undefined)
        : [broker.symbolByName(req.name)].filter((s) => s !== undefined)
    const digits = conn.login !== undefined ? (broker.accountConfig(conn.login)?.digits ?? 2) : 2
    conn.reply(18, 0, encodeFullSymbols(found.map((s) => fullSymbol(s, digits))))
  }

  const spreads: CommandHandler = (conn, payload) => {
    decodeSymbolIdList(payload)
    // The simulator has no combination instruments: an empty block.
    conn.reply(20, 0, encodeSpreads({ spreads: [] }))
  }

  const rates: CommandHandler = (conn, payload) => {
    const req = decodeRatesRequest(payload)
    const s = broker.symbolByName(req.symbol)
    let minutes = 0
    try {
      minutes = minutesFromPeriodCode(req.period)
    } catch {
      minutes = 0
    }
    if (!s || minutes <= 0) {
      conn.reply(11, 0, new Uint8Array(0))
      return
    }
    const bars = broker.feed.rates(s.spec.config.name, minutes, req.from, req.to)
    conn.reply(11, 0, bars.length === 0 ? new Uint8Array(0) : encodeRateBars(bars))
  }

  const subscribeTicks: CommandHandler = (conn, payload) => {
    const ids = decodeSymbolIdList(payload)
    conn.tickSubs.clear()
    conn.detailsSentAt.clear()
    for (const id of ids) if (broker.symbolById(id)) conn.tickSubs.add(id)
    conn.reply(7, 0)
    broker.pushSnapshot(conn, [...conn.tickSubs])
  }

  const subscribeBook: CommandHandler = (conn, payload) => {
    const ids = decodeSymbolIdList(payload)
    conn.bookSubs.clear()
    for (const id of ids) if (broker.symbolById(id)) conn.bookSubs.add(id)
    conn.reply(22, 0)
    broker.pushBooks(conn, [...conn.bookSubs])
  }

  const links: CommandHandler = (conn) => {
    conn.reply(44, 0, encodeCorporateLinks(broker.corporateLinks()))
  }

  return {
    6: symbols,
    7: subscribeTicks,
    9: groups,
    11: rates,
    18: full,
    20: spreads,
    22: subscribeBook,
    34: symbolsCompressed,
    44: links,
  }
}
