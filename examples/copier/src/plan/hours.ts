/**
 * Time checks on a target's server clock: its `tradingHours` windows and the symbol's trade sessions.
 */
import type { TradingWindow } from '../config/schema.js'
import { weekdays } from '../config/schema.js'

const DAY_MS = 86_400_000

/** Weekday (0 = Sunday) and minute of the day of a server-clock time. */
export function serverClock(serverTimeMs: number): { day: number; minute: number } {
  const dayIndex = Math.floor(serverTimeMs / DAY_MS)
  const minute = Math.floor((serverTimeMs - dayIndex * DAY_MS) / 60_000)
  // 1970-01-01 was a Thursday (4).
  return { day: (((dayIndex + 4) % 7) + 7) % 7, minute }
}

/**
 * True when `serverTimeMs` is inside one of the windows. A window whose `to` is before its `from`
 * crosses midnight: it starts on its listed days and ends the next morning.
 */
export function insideTradingHours(windows: readonly TradingWindow[], serverTimeMs: number): boolean {
  const { day, minute } = serverClock(serverTimeMs)
  const today = weekdays[day]!
  const yesterday = weekdays[(day + 6) % 7]!
  return windows.some((w) => {
    if (w.from < w.to) return w.days.includes(today) && minute >= w.from && minute < w.to
    return (w.days.includes(today) && minute >= w.from) || (w.days.includes(yesterday) && minute < w.to)
  })
}
