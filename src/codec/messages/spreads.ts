/**
 * cmd 20 spreads (official layout, CONFLICT C9). The body is a sequence of blocks until its end:
 * `u32` (skipped) + `u32 n` + n × Spread, where Spread = SpreadHeader (28 B) followed, only when
 * `spreadId ≠ 0`, by `u32 a` + a × SpreadLeg (legs A) and `u32 b` + b × SpreadLeg (legs B).
 * Decoding flattens the blocks; encoding writes one block whose skipped word is 0.
 */
import { ValidationError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { type SpreadHeaderRecord, spreadHeaderSchema } from '../schemas/spreadHeader.js'
import { type SpreadLegRecord, spreadLegSchema } from '../schemas/spreadLeg.js'

/** One spread with its two leg lists (empty when `spreadId` is 0). */
export interface Spread extends SpreadHeaderRecord {
  legsA: SpreadLegRecord[]
  legsB: SpreadLegRecord[]
}

/** A decoded cmd 20 body. */
export interface Spreads {
  spreads: Spread[]
}

/** Decodes a cmd 20 body (reply or push). */
export function decodeSpreads(body: Uint8Array): Spreads {
  const reader = new BodyReader(body, 'cmd 20 spreads')
  const spreads: Spread[] = []
  while (reader.remaining > 0) {
    reader.u32('block prefix')
    const count = reader.u32('spread count')
    // Each spread takes at least 28 bytes: a lying count fails on the first short read.
    for (let i = 0; i < count; i++) {
      const header = reader.record(spreadHeaderSchema)
      let legsA: SpreadLegRecord[] = []
      let legsB: SpreadLegRecord[] = []
      if (header.spreadId !== 0) {
        legsA = reader.countedRecords(spreadLegSchema, 'legsA')
        legsB = reader.countedRecords(spreadLegSchema, 'legsB')
      }
      spreads.push({ ...header, legsA, legsB })
    }
  }
  return { spreads }
}

/** Encodes a cmd 20 body as one block. A spread with id 0 cannot carry legs. */
export function encodeSpreads(value: Spreads): Uint8Array {
  // Exact capacity up front: BodyWriter.record grabs its view before growing (see report).
  let size = 8
  for (const s of value.spreads) {
    size += spreadHeaderSchema.size
    if (s.spreadId !== 0) size += 8 + (s.legsA.length + s.legsB.length) * spreadLegSchema.size
  }
  const writer = new BodyWriter(size).u32(0).u32(value.spreads.length)
  value.spreads.forEach((spread, i) => {
    writer.record(spreadHeaderSchema, spread)
    if (spread.spreadId !== 0) {
      writer.countedRecords(spreadLegSchema, spread.legsA).countedRecords(spreadLegSchema, spread.legsB)
    } else if (spread.legsA.length > 0 || spread.legsB.length > 0) {
      throw new ValidationError('a spread with spreadId 0 cannot have legs', {
        field: `spreads[${i}].legsA`,
        value: spread,
      })
    }
  })
  return writer.finish()
}
