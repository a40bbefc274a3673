/**
 * Decode of one 1,000-tick cmd 8 push (50 B × 1000 back to back): the compiled `tickSchema`
 * decoder (`decodeTickRecords`) vs a hand-written DataView loop producing the same objects, plus
 * the domain `decodeTicks` (prices unscaled per symbol digits) for reference. Results: RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { decodeTickRecords, decodeTicks } from '../src/codec/messages/ticks.js'
import { makeTickBody, tickDigits } from './handwritten/fixtures.js'
import { handDecodeTickRecords } from './handwritten/ticks.js'

const body = makeTickBody(1000)
const options = { time: 700, warmupTime: 200 }
let sink = 0

describe('decode 1,000-tick push (50 KB)', () => {
  bench(
    'compiled decodeTickRecords',
    () => {
      sink ^= decodeTickRecords(body).length
    },
    options,
  )
  bench(
    'hand-written DataView',
    () => {
      sink ^= handDecodeTickRecords(body).length
    },
    options,
  )
  bench(
    'domain decodeTicks (unscaled prices)',
    () => {
      sink ^= decodeTicks(body, tickDigits).length
    },
    options,
  )
})

export { sink }
