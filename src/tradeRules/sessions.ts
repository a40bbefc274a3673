/**
 * Trading sessions from a symbol's weekly schedule (FullSymbol `schedule`, server time).
 */
import type { SymbolSession } from '../actions/market/fullSymbolInfo.js'
import type { ScheduleRecord } from '../codec/schemas/scheduleSession.js'

/**
 * True when `serverTimeMs` (Unix ms on the server's clock: UTC + the account's
 * `serverOffsetSeconds`) falls inside one of the sessions, given per weekday as in
 * `FullSymbolInfo.tradeSessions` (index 0 = Sunday). A table without any session is unknown and
 * treated as always open, like the terminal does.
 * @example isSessionOpen((await client.fullSymbolInfo('EURUSD')).tradeSessions, Date.now() + offsetMs)
 * @param sessions sessions per weekday, minutes from 00:00 server time
 * @param serverTimeMs the moment to test, on the server's clock
 * @returns whether trading is open at that moment
 */
export function isSessionOpen(
  sessions: readonly (readonly SymbolSession[])[],
  serverTimeMs: number,
): boolean {
  if (!sessions.some((day) => day.some((s) => s.closeMinutes > s.openMinutes))) return true
  const date = new Date(serverTimeMs)
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes()
  const today = sessions[date.getUTCDay()] ?? []
  return today.some(
    (s) => s.closeMinutes > s.openMinutes && minute >= s.openMinutes && minute < s.closeMinutes,
  )
}

/**
 * True when `serverTimeMs` (Unix ms on the server's clock) falls inside a trade session.
 * A schedule without any session at all is treated as "always open" (unknown schedule).
 */
export function isTradeSessionOpen(schedule: ScheduleRecord | undefined, serverTimeMs: number): boolean {
  if (schedule === undefined) return true
  const days = schedule.tradeSessions
  const any = days.some((day) => day.some((s) => s.close > s.open))
  if (!any) return true
  const date = new Date(serverTimeMs)
  const day = date.getUTCDay()
  const minute = date.getUTCHours() * 60 + date.getUTCMinutes()
  const sessions = days[day] ?? []
  return sessions.some((s) => s.close > s.open && minute >= s.open && minute < s.close)
}
