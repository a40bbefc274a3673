/**
 * cmd 11 rates. Request payload (74 B): symbol utf16[64], period u16 (timeframe code, not
 * minutes), from i32, to i32 (Unix seconds). Reply: RateBar records (48 B) back to back, no count;
 * an empty body means no bars and a shorter tail is ignored. Like the official client, the decoder
 * rejects the whole reply when a bar time is not aligned to the period.
 */
import { ProtocolError } from '../../errors.js'
import { BodyWriter } from '../cursor.js'
import { defineRecord, type Infer } from '../defineRecord.js'
import { i32, u16, utf16 } from '../fields.js'
import { type RateBarRecord, rateBarSchema } from '../schemas/rateBar.js'
import { minutesFromPeriodCode } from '../timeframe.js'

export const ratesRequestSchema = defineRecord('RatesRequest', {
  /** Symbol name (≤ 32 characters). */
  symbol: utf16(64),
  /** Timeframe code (`Timeframe`), not minutes. */
  period: u16,
  /** Unix seconds. */
  from: i32,
  /** Unix seconds. */
  to: i32,
})

/** The cmd 11 request payload. */
export interface RatesRequest extends Infer<typeof ratesRequestSchema> {}

/** Encodes a cmd 11 request. */
export function encodeRatesRequest(request: RatesRequest): Uint8Array {
  return ratesRequestSchema.encode(request)
}

/** Decodes a cmd 11 request (the simulator side). */
export function decodeRatesRequest(payload: Uint8Array): RatesRequest {
  return ratesRequestSchema.decodeBytes(payload)
}

/**
 * Seconds a bar time must be a multiple of: the period for M1…D1. Weekly and monthly bars are
 * only checked to start on a day boundary (the exact official W1/MN1 rule is not documented).
 */
export function barAlignmentSeconds(period: number): number {
  const minutes = minutesFromPeriodCode(period)
  return minutes <= 1440 ? minutes * 60 : 86400
}

/**
 * Decodes a cmd 11 reply for `period` (a wire period code). Throws `ProtocolError` when a bar time
 * is not aligned to the period, `ValidationError` for an unknown period code.
 */
export function decodeRateBars(body: Uint8Array, period: number): RateBarRecord[] {
  const step = barAlignmentSeconds(period)
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const count = Math.floor(body.byteLength / rateBarSchema.size)
  const bars = new Array<RateBarRecord>(count)
  for (let i = 0; i < count; i++) {
    const offset = i * rateBarSchema.size
    const bar = rateBarSchema.decode(view, offset)
    if (bar.time % step !== 0) {
      throw new ProtocolError(
        `cmd 11 rates: bar ${i} time ${bar.time} is not aligned to ${step} s (period ${period})`,
        { schema: 'cmd 11 rates', field: 'time', offset },
      )
    }
    bars[i] = bar
  }
  return bars
}

/** Encodes a cmd 11 reply (no alignment check: the simulator may send bad bars on purpose). */
export function encodeRateBars(bars: readonly RateBarRecord[]): Uint8Array {
  return new BodyWriter(bars.length * rateBarSchema.size || 1).records(rateBarSchema, bars).finish()
}
