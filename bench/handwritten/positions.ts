/**
 * Hand-written DataView reference for the positions part of the cmd 4 reply (`u32 n` +
 * n × Position, 344 B), used only by bench/positions.bench.ts.
 */
import type { PositionRecord } from '../../src/codec/schemas/position.js'
import { handReadUtf16 } from './strings.js'

/** Same output as `new BodyReader(body).countedRecords(positionSchema)` for a well-formed body. */
export function handDecodePositions(body: Uint8Array): PositionRecord[] {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const count = v.getUint32(0, true)
  if (4 + count * 344 > body.byteLength) throw new RangeError('position list truncated')
  const out = new Array<PositionRecord>(count)
  for (let i = 0, o = 4; i < count; i++, o += 344) {
    out[i] = {
      positionId: v.getBigInt64(o, true),
      tradeOrder: v.getBigInt64(o + 8, true),
      timeCreate: v.getUint32(o + 16, true),
      timeUpdate: v.getUint32(o + 20, true),
      tradeSymbol: handReadUtf16(v, o + 24, 64),
      tradeAction: v.getUint32(o + 88, true),
      priceOpen: v.getFloat64(o + 92, true),
      priceClose: v.getFloat64(o + 100, true),
      sl: v.getFloat64(o + 108, true),
      tp: v.getFloat64(o + 116, true),
      tradeVolume: v.getBigUint64(o + 124, true),
      profit: v.getFloat64(o + 132, true),
      rateProfit: v.getFloat64(o + 140, true),
      rateMargin: v.getFloat64(o + 148, true),
      commission: v.getFloat64(o + 156, true),
      storage: v.getFloat64(o + 164, true),
      expert: v.getBigInt64(o + 172, true),
      expertPositionId: v.getBigInt64(o + 180, true),
      comment: handReadUtf16(v, o + 188, 64),
      contractSize: v.getFloat64(o + 252, true),
      digits: v.getUint32(o + 260, true),
      digitsCurrency: v.getUint32(o + 264, true),
      tradeReason: v.getUint32(o + 268, true),
      externalId: handReadUtf16(v, o + 272, 64),
      timeCreateMs: v.getInt32(o + 336, true),
      timeUpdateMs: v.getInt32(o + 340, true),
    }
  }
  return out
}
