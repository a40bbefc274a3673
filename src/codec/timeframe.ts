/**
 * Timeframes and their cmd 11 `period` codes (docs/architecture.md#enumerations): minutes below an hour are
 * sent as is, hours as `0x4000 | hours`, weeks as `0x8000 | weeks`, months as `0xC000 | months`.
 * The official client only ever requests the nine standard timeframes; M2…M20 and H2…H12 follow
 * the same pattern (whether servers serve them is uncertain).
 */
import { ValidationError } from '../errors.js'

/** Timeframe name → wire period code. */
export const Timeframe = {
  M1: 1,
  M2: 2,
  M3: 3,
  M4: 4,
  M5: 5,
  M6: 6,
  M10: 10,
  M12: 12,
  M15: 15,
  M20: 20,
  M30: 30,
  H1: 0x4001,
  H2: 0x4002,
  H3: 0x4003,
  H4: 0x4004,
  H6: 0x4006,
  H8: 0x4008,
  H12: 0x400c,
  D1: 0x4018,
  W1: 0x8001,
  MN1: 0xc001,
} as const

/** A timeframe name such as `'H1'`. */
export type TimeframeName = keyof typeof Timeframe
/** A wire period code such as `16385` (H1). */
export type Timeframe = (typeof Timeframe)[TimeframeName]

/** Timeframe name → length in minutes (MN1 counts as 30 days, as in MQL5). */
export const timeframeMinutes: Readonly<Record<TimeframeName, number>> = {
  M1: 1,
  M2: 2,
  M3: 3,
  M4: 4,
  M5: 5,
  M6: 6,
  M10: 10,
  M12: 12,
  M15: 15,
  M20: 20,
  M30: 30,
  H1: 60,
  H2: 120,
  H3: 180,
  H4: 240,
  H6: 360,
  H8: 480,
  H12: 720,
  D1: 1440,
  W1: 10080,
  MN1: 43200,
}

const names = Object.keys(Timeframe) as TimeframeName[]
const codeByMinutes = new Map<number, Timeframe>(names.map((n) => [timeframeMinutes[n], Timeframe[n]]))
const minutesByCode = new Map<number, number>(names.map((n) => [Timeframe[n], timeframeMinutes[n]]))

/** Minutes → wire period code; throws `ValidationError` for a length that is no timeframe. */
export function periodCodeFromMinutes(minutes: number): Timeframe {
  const code = codeByMinutes.get(minutes)
  if (code === undefined) {
    throw new ValidationError(`${minutes} minutes is not a supported timeframe`, {
      field: 'timeframe',
      value: minutes,
    })
  }
  return code
}

/** Wire period code → minutes; throws `ValidationError` for an unknown code. */
export function minutesFromPeriodCode(code: number): number {
  const minutes = minutesByCode.get(code)
  if (minutes === undefined) {
    throw new ValidationError(`${code} is not a known period code`, { field: 'period', value: code })
  }
  return minutes
}
