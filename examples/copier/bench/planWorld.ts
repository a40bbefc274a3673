/**
 * A large planner input for the benchmark: 1,000 source orders × 100 targets, each target with its
 * own suffix rule, a multiplier and 10 symbols. `copies` decides whether the targets already hold an
 * in-sync copy of every source order (steady state) or nothing (cold start).
 */
import { pendingOrderTypes } from '../src/config/schema.js'
import { formatTag } from '../src/link/tag.js'
import type { CopyOrder, Link, PlanInput, TargetView } from '../src/plan/types.js'
import { input, order, source, symbolSpec, TAG, targetConfig } from '../test/helpers/planInput.js'

const SYMBOLS = [
  'EURUSD',
  'GBPUSD',
  'USDJPY',
  'AUDUSD',
  'USDCAD',
  'USDCHF',
  'NZDUSD',
  'EURGBP',
  'EURJPY',
  'XAUUSD',
]
const TYPES = pendingOrderTypes

export function planWorld(sourceCount: number, targetCount: number, copies: boolean): PlanInput {
  const sources: CopyOrder[] = []
  for (let i = 0; i < sourceCount; i++) {
    const type = TYPES[i % TYPES.length]!
    const buy = type.startsWith('buy')
    const price = 1.1 + (i % 50) / 1000
    sources.push(
      order({
        ticket: BigInt(10_000_000 + i),
        symbol: SYMBOLS[i % SYMBOLS.length]!,
        type,
        volume: 0.1 + (i % 20) / 10,
        price,
        stopLimitPrice: type.endsWith('StopLimit') ? (buy ? price - 0.001 : price + 0.001) : 0,
        sl: buy ? price - 0.01 : price + 0.01,
        tp: buy ? price + 0.02 : price - 0.02,
      }),
    )
  }
  const targets: TargetView[] = []
  const links: Link[] = []
  for (let t = 0; t < targetCount; t++) {
    const id = `target-${t}`
    const suffix = t % 2 === 0 ? '.m' : ''
    const config = targetConfig(
      { symbols: suffix ? { '*': `*${suffix}` } : {}, lots: { multiplier: 0.5 + (t % 3) } },
      id,
    )
    const orders: CopyOrder[] = []
    let ticket = BigInt(50_000_000 + t * 10_000)
    if (copies)
      for (const s of sources) {
        const copyTicket = ticket++
        orders.push({
          ...s,
          ticket: copyTicket,
          symbol: s.symbol + suffix,
          comment: formatTag(s.ticket, TAG),
        })
        links.push({ target: id, sourceTicket: s.ticket, copyTicket, status: 'active' })
      }
    for (let f = 0; f < 20; f++) orders.push(order({ ticket: ticket++, comment: 'manual' }))
    targets.push({
      id,
      config,
      connected: true,
      synced: true,
      orders,
      symbols: new Map(SYMBOLS.map((name) => [name + suffix, symbolSpec(name + suffix)])),
      quotes: new Map(),
      serverTimeOffsetMinutes: 120,
    })
  }
  return input(source(sources, { serverTimeOffsetMinutes: 120 }), targets, { links })
}
