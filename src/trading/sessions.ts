/**
 * Trading sessions from a symbol's weekly schedule (FullSymbol `schedule`, server time).
 */
import type { ScheduleRecord } from '../codec/schemas/scheduleSession.js'

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
