/**
 * Hand-written DataView reference for the cmd 6 symbol list (`u32 n` + n × SymbolBasic, 526 B),
 * used only by bench/symbols.bench.ts to measure the compiled decoder against.
 */
import type { SymbolBasicRecord } from '../../src/codec/schemas/symbolBasic.js'
import { handReadUtf16 } from './strings.js'

/** Same output as `decodeSymbolList` for a well-formed body (throws `RangeError` if short). */
export function handDecodeSymbolList(body: Uint8Array): SymbolBasicRecord[] {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const count = v.getUint32(0, true)
  if (4 + count * 526 > body.byteLength) throw new RangeError('symbol list truncated')
  const out = new Array<SymbolBasicRecord>(count)
  for (let i = 0, o = 4; i < count; i++, o += 526) {
    out[i] = {
      tradeSymbol: handReadUtf16(v, o, 64),
      symbolDescription: handReadUtf16(v, o + 64, 128),
      digits: v.getUint32(o + 192, true),
      symbolId: v.getUint32(o + 196, true),
      symbolPath: handReadUtf16(v, o + 200, 256),
      tradeCalcMode: v.getUint32(o + 456, true),
      basis: handReadUtf16(v, o + 460, 64),
      sector: v.getUint16(o + 524, true),
    }
  }
  return out
}
