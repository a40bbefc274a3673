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

/**
 * Start (ms) of the next session after `timeMs` within a week, or undefined when the schedule
 * has no session at all. Used to tell a user when a closed market opens.
 */
export function nextSessionOpen(week: WeekSessions, timeMs: number): number | undefined {
  const today = dayStart(timeMs)
  for (let d = 0; d <= 7; d++) {
    const start = today + d * DAY_MS
    const sessions: readonly Session[] = week[new Date(start).getUTCDay()] ?? []
    const opens = sessions.map((s) => start + s.open * 60_000).filter((t) => t > timeMs)
    if (opens.length > 0) return Math.min(...opens)
  }
  return undefined
}
