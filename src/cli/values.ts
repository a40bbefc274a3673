/** Parsers of command-line values; a bad value throws {@link UsageError} naming the argument. */
import { Timeframe, type TimeframeName } from '../codec/timeframe.js'
import { UsageError } from './usageError.js'

/** A finite decimal number (`1.0825`, `0.1`, `1e-3`). */
export function parseNumber(text: string, name: string): number {
  const trimmed = text.trim()
  const value = trimmed === '' ? Number.NaN : Number(trimmed)
  if (!Number.isFinite(value)) throw new UsageError(`${name} must be a number, got "${text}"`)
  return value
}

/** A number > 0 (lots, prices of pending orders). */
export function parsePositive(text: string, name: string): number {
  const value = parseNumber(text, name)
  if (!(value > 0)) throw new UsageError(`${name} must be greater than 0, got "${text}"`)
  return value
}

/** A number ≥ 0 (SL/TP: 0 removes). */
export function parseNonNegative(text: string, name: string): number {
  const value = parseNumber(text, name)
  if (value < 0) throw new UsageError(`${name} must be 0 or more, got "${text}"`)
  return value
}

/** A positive integer up to `max`. */
export function parseCount(text: string, name: string, max = 1_000_000): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${name} must be a whole number, got "${text}"`)
  const value = Number(text.trim())
  if (value < 1 || value > max) throw new UsageError(`${name} must be between 1 and ${max}, got "${text}"`)
  return value
}

/** An order/position ticket (unsigned 64-bit). */
export function parseTicket(text: string, name = 'TICKET'): bigint {
  const trimmed = text.trim().replace(/^#/, '')
  if (!/^[1-9]\d{0,19}$/.test(trimmed) || BigInt(trimmed) > 0xffff_ffff_ffff_ffffn)
    throw new UsageError(`${name} must be a positive ticket number, got "${text}"`)
  return BigInt(trimmed)
}

/**
 * A point in time: Unix seconds (`1767744000`) or an ISO 8601 date (`2026-01-07`,
 * `2026-01-07T12:00:00Z`; a date-time without an offset is read as UTC).
 */
export function parseTime(text: string, name: string): Date {
  const trimmed = text.trim()
  if (/^\d+$/.test(trimmed)) {
    const seconds = Number(trimmed)
    if (seconds > 0x7fff_ffff) throw new UsageError(`${name}: ${text} is too large for Unix seconds`)
    return new Date(seconds * 1000)
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed))
    throw new UsageError(`${name} must be an ISO date or Unix seconds, got "${text}"`)
  const withZone =
    /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed) || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(trimmed)
      ? `${trimmed.replace(' ', 'T')}Z`
      : trimmed
  const ms = Date.parse(withZone)
  if (Number.isNaN(ms)) throw new UsageError(`${name} must be an ISO date or Unix seconds, got "${text}"`)
  return new Date(ms)
}

/** A timeframe name, case-insensitive (`M1`, `h4`, `D1`, `MN1`). */
export function parseTimeframe(text: string): TimeframeName {
  const upper = text.trim().toUpperCase()
  if (Object.hasOwn(Timeframe, upper)) return upper as TimeframeName
  throw new UsageError(`unknown timeframe "${text}" (one of ${Object.keys(Timeframe).join(', ')})`)
}
