/**
 * Hand-written DataView reference for the cmd 8 tick push (50-byte records back to back), used
 * only by bench/ticks.bench.ts to measure the compiled `tickSchema` decoder against.
 */
import type { TickRecord } from '../../src/codec/schemas/tick.js'

/** Same output as `decodeTickRecords`: one `TickRecord` per whole 50-byte record. */
export function handDecodeTickRecords(body: Uint8Array): TickRecord[] {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const count = Math.floor(body.byteLength / 50)
  const out = new Array<TickRecord>(count)
  for (let i = 0, o = 0; i < count; i++, o += 50) {
    out[i] = {
      symbolId: v.getUint32(o, true),
      tickTime: v.getInt32(o + 4, true),
      fields: v.getUint32(o + 8, true),
      bid: v.getFloat64(o + 12, true),
      ask: v.getFloat64(o + 20, true),
      last: v.getFloat64(o + 28, true),
      tickVolume: v.getBigInt64(o + 36, true),
      timeMsDelta: v.getUint32(o + 44, true),
      flags: v.getUint16(o + 48, true),
    }
  }
  return out
}
