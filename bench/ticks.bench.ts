/**
 * Decode of one 1,000-tick cmd 8 push (50 B × 1000 back to back): the compiled `tickSchema`
 * decoder (`decodeTickRecords`, and the same decoder with the schema in locals) vs a hand-written
 * DataView loop producing the same objects, plus the domain `decodeTicks` (prices unscaled per
 * symbol digits) for reference, and `decodeTickNumberRecords` (volume as a number, no BigInt per
 * record). Results: RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { decodeTickNumberRecords, decodeTickRecords, decodeTicks } from '../src/codec/messages/ticks.js'
import { type TickRecord, tickSchema } from '../src/codec/schemas/tick.js'
import { makeTickBody, tickDigits } from './handwritten/fixtures.js'
import { handDecodeTickRecords } from './handwritten/ticks.js'

const body = makeTickBody(1000)
const options = { time: 700, warmupTime: 200 }
// Results go to a module object so the optimiser cannot drop the decode.
const sink = { value: 0 }

/**
 * The same compiled decoder with the schema held in locals. `decodeTickRecords` reads the imported
 * `tickSchema` binding three times per record; under vitest's module transform every such read is
 * a getter call, which this variant (the fix proposed in RESULTS.md) avoids.
 */
function decodeTickRecordsHoisted(bytes: Uint8Array): TickRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const schema = tickSchema
  const size = schema.size
  const count = Math.floor(bytes.byteLength / size)
  const out = new Array<TickRecord>(count)
  for (let i = 0; i < count; i++) out[i] = schema.decode(view, i * size)
  return out
}

describe('decode 1,000-tick push (50 KB)', () => {
  bench(
    'compiled decodeTickRecords',
    () => {
      sink.value ^= decodeTickRecords(body).length
    },
    options,
  )
  bench(
    'compiled tickSchema.decode, schema in locals',
    () => {
      sink.value ^= decodeTickRecordsHoisted(body).length
    },
    options,
  )
  bench(
    'compiled decodeTickNumberRecords (volume as number)',
    () => {
      sink.value ^= decodeTickNumberRecords(body).length
    },
    options,
  )
  bench(
    'hand-written DataView',
    () => {
      sink.value ^= handDecodeTickRecords(body).length
    },
    options,
  )
  bench(
    'domain decodeTicks (unscaled prices)',
    () => {
      sink.value ^= decodeTicks(body, tickDigits).length
    },
    options,
  )
})
