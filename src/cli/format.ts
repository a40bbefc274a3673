/**
 * Output formatting: aligned text tables for humans, one JSON document for `--json` (64-bit
 * integers as decimal strings, so that no precision is lost in `jq` or JavaScript).
 */

import { toJSON } from '../model/json.js'

/** JSON text of `value` with every `bigint` as a string, pretty-printed, with a final newline. */
export function toJson(value: unknown): string {
  return `${toJSON(value, 2)}\n`
}

/** One JSON line (for streams: JSON Lines). */
export function toJsonLine(value: unknown): string {
  return `${toJSON(value)}\n`
}

/** A table column. */
export interface Column<T> {
  header: string
  /** Numbers read better right-aligned. */
  align?: 'left' | 'right'
  value: (row: T) => string
}

/** An aligned text table with a header row; `empty` is printed when there are no rows. */
export function table<T>(columns: readonly Column<T>[], rows: readonly T[], empty = '(none)'): string {
  if (rows.length === 0) return `${empty}\n`
  const cells = rows.map((row) => columns.map((c) => c.value(row)))
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i]!.align === 'right' ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return `${[line(columns.map((c) => c.header)), ...cells.map(line)].join('\n')}\n`
}

/** `key  value` lines with the keys aligned. */
export function keyValues(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...pairs.map(([k]) => k.length))
  return `${pairs.map(([k, v]) => `${k.padEnd(width)}  ${v}`.trimEnd()).join('\n')}\n`
}

/** `2026-01-07 12:00:00` (UTC fields of the timestamp; MT5 times are in server time); `-` for 0. */
export function formatTime(ms: number, withMs = false): string {
  if (!Number.isFinite(ms) || ms <= 0) return '-'
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)}`
}

/** A price with the symbol's digits; `-` for 0 (no SL/TP). */
export function formatPrice(price: number, digits: number): string {
  if (price === 0) return '-'
  return price.toFixed(Math.max(0, Math.min(digits, 12)))
}

/** A plain number without binary noise (`0.00001`, not `0.000009999999999999999`). */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)))
}

/** Lots without trailing zeros (`0.1`, `1`, `0.01`). */
export function formatLots(lots: number): string {
  return String(Number(lots.toFixed(8)))
}

/** Money with two decimals (or the account's currency digits). */
export function formatMoney(value: number, digits = 2): string {
  return value.toFixed(digits)
}

const orderTypeNames = [
  'buy',
  'sell',
  'buy limit',
  'sell limit',
  'buy stop',
  'sell stop',
  'buy stop limit',
  'sell stop limit',
  'close by',
]

/** `OrderType` → words. */
export function orderTypeName(type: number): string {
  return orderTypeNames[type] ?? `type ${type}`
}

/** `PositionType` → words. */
export function positionTypeName(type: number): string {
  return type === 0 ? 'buy' : type === 1 ? 'sell' : `type ${type}`
}

const dealTypeNames = ['buy', 'sell', 'balance', 'credit', 'charge', 'correction', 'bonus', 'commission']

/** `DealType` → words (the common ones; others by number). */
export function dealTypeName(type: number): string {
  return dealTypeNames[type] ?? `type ${type}`
}

const dealEntryNames = ['in', 'out', 'in/out', 'out by']

/** `DealEntry` → words. */
export function dealEntryName(entry: number): string {
  return dealEntryNames[entry] ?? `entry ${entry}`
}

const orderStateNames = [
  'started',
  'placed',
  'canceled',
  'partial',
  'filled',
  'rejected',
  'expired',
  'request add',
  'request modify',
  'request cancel',
]

/** `OrderState` → words. */
export function orderStateName(state: number): string {
  return orderStateNames[state] ?? `state ${state}`
}
