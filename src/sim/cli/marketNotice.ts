/**
 * The start-up notice of `mt5web-sim` when trading is closed right now: with the weekly sessions
 * and the wall clock, every forex trade fails with 10018 on a weekend while quotes keep streaming,
 * which looks like a broken simulator to a new user. The notice says so and how to change it.
 */
import type { BrokerConfig } from '../engine/config.js'
import { inSession, nextSessionOpen } from '../engine/sessions.js'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function when(timeMs: number): string {
  const d = new Date(timeMs)
  return `${DAYS[d.getUTCDay()]} ${d.toISOString().slice(11, 16)}`
}

/** The notice text, or undefined when every symbol can trade at `nowMs` (server time). */
export function marketClosedNotice(brokers: readonly BrokerConfig[], nowMs: number): string | undefined {
  const closed: string[] = []
  let opens: number | undefined
  for (const b of brokers) {
    for (const s of b.symbols) {
      if (inSession(s.tradeSessions, nowMs)) continue
      closed.push(brokers.length > 1 ? `${b.name}/${s.name}` : s.name)
      const next = nextSessionOpen(s.tradeSessions, nowMs)
      if (next !== undefined && (opens === undefined || next < opens)) opens = next
    }
  }
  if (closed.length === 0) return undefined
  const total = brokers.reduce((n, b) => n + b.symbols.length, 0)
  const which = closed.length === total ? 'every symbol' : closed.join(', ')
  const reopen = opens === undefined ? '' : ` The first session opens ${when(opens)} server time.`
  return (
    `notice: the market is closed now (${when(nowMs)} server time) for ${which}: ` +
    `quotes stream, but trade requests fail with 10018 (market closed).${reopen} ` +
    'Start with --sessions always to trade around the clock.'
  )
}
