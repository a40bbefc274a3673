/**
 * cmd 8 tick push: 50-byte Tick records back to back, no count; k = floor(length / 50) and a
 * shorter tail is ignored (both clients do so).
 */
import { BodyWriter } from '../cursor.js'
import { unscalePrice } from '../scale.js'
import { type TickNumberRecord, type TickRecord, tickNumberSchema, tickSchema } from '../schemas/tick.js'

/** `fields` bits of a tick. */
export const TickField = { Bid: 1, Ask: 2, Last: 4, Volume: 8 } as const

/** `flags` bit marking a delayed quote. */
export const TICK_FLAG_DELAYED = 0x200

/** A tick with prices in plain units. */
export interface Tick {
  symbolId: number
  /** `tickTime × 1000 + timeMsDelta` (server clock). */
  timeMs: number
  /** Which values the tick carries: 1 bid, 2 ask, 4 last, 8 volume. Absent values are 0. */
  fields: number
  bid: number
  ask: number
  last: number
  /** Lots × 10^8 (0n when absent). */
  volume: bigint
  /** Raw wire flags. */
  flags: number
  /** `flags & 0x200`: a delayed quote. */
  delayed: boolean
}

/** Decodes the raw tick records of a cmd 8 body. */
export function decodeTickRecords(body: Uint8Array): TickRecord[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  // Locals, not the imported binding: module-namespace reads in the loop cost ~2x (bench/RESULTS.md).
  const schema = tickSchema
  const size = schema.size
  const count = Math.floor(body.byteLength / size)
  const out = new Array<TickRecord>(count)
  for (let i = 0; i < count; i++) out[i] = schema.decode(view, i * size)
  return out
}

/**
 * Decodes the raw tick records of a cmd 8 body with the volume as a number: no heap BigInt per
 * record, exact up to 2^53 − 1 units (90 million lots), correctly rounded beyond.
 */
export function decodeTickNumberRecords(body: Uint8Array): TickNumberRecord[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const schema = tickNumberSchema
  const size = schema.size
  const count = Math.floor(body.byteLength / size)
  const out = new Array<TickNumberRecord>(count)
  for (let i = 0; i < count; i++) out[i] = schema.decode(view, i * size)
  return out
}

/** Encodes tick records back to back (a cmd 8 body). */
export function encodeTickRecords(records: readonly TickRecord[]): Uint8Array {
  return new BodyWriter(records.length * tickSchema.size || 1).records(tickSchema, records).finish()
}

/**
 * Decodes a cmd 8 body into ticks with plain prices (official rounding,
 * docs/architecture.md#volumes-prices-and-times). Only the
 * values flagged in `fields` are read; the others are 0. Ticks of symbols for which `digitsOf`
 * returns `undefined` are skipped. One object per tick, nothing else is allocated.
 */
export function decodeTicks(body: Uint8Array, digitsOf: (symbolId: number) => number | undefined): Tick[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const end = body.byteLength - 50
  const out: Tick[] = []
  for (let o = 0; o <= end; o += 50) {
    const symbolId = view.getUint32(o, true)
    const digits = digitsOf(symbolId)
    if (digits === undefined) continue
    const fields = view.getUint32(o + 8, true)
    const flags = view.getUint16(o + 48, true)
    out.push({
      symbolId,
      timeMs: view.getInt32(o + 4, true) * 1000 + view.getUint32(o + 44, true),
      fields,
      bid: fields & 1 ? unscalePrice(view.getFloat64(o + 12, true), digits) : 0,
      ask: fields & 2 ? unscalePrice(view.getFloat64(o + 20, true), digits) : 0,
      last: fields & 4 ? unscalePrice(view.getFloat64(o + 28, true), digits) : 0,
      volume: fields & 8 ? view.getBigInt64(o + 36, true) : 0n,
      flags,
      delayed: (flags & TICK_FLAG_DELAYED) !== 0,
    })
  }
  return out
}
