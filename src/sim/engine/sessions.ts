/** Trading-session checks against the symbol's weekly schedule (server time). */
import type { Session, WeekSessions } from './config.js'

const DAY_MS = 86_400_000

/** True when `timeMs` falls inside one of the day's sessions (`open ≤ minute < close`). */
export function inSession(week: WeekSessions, timeMs: number): boolean {
  const day = new Date(timeMs).getUTCDay()
  const minute = Math.floor((((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / 60_000)
  const sessions: readonly Session[] = week[day] ?? []
  return sessions.some((s) => s.open <= minute && minute < s.close)
}

/** Start (ms) of the server day containing `timeMs`. */
export function dayStart(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS
}

/** End (ms, exclusive) of the server day containing `timeMs`. */
export function dayEnd(timeMs: number): number {
  return dayStart(timeMs) + DAY_MS
}
