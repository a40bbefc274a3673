/**
 * Decode of 200 open positions (cmd 4 positions part: u32 n + 200 × 344 B): compiled
 * `positionSchema` through `BodyReader.countedRecords` vs a hand-written DataView loop.
 * Results: RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { BodyReader } from '../src/codec/cursor.js'
import { positionSchema } from '../src/codec/schemas/position.js'
import { makePositionBody } from './handwritten/fixtures.js'
import { handDecodePositions } from './handwritten/positions.js'

const body = makePositionBody(200)
const options = { time: 700, warmupTime: 200 }
// Results go to a module object so the optimiser cannot drop the decode.
const sink = { value: 0 }

describe('decode 200 positions (cmd 4, 69 KB)', () => {
  bench(
    'compiled positionSchema',
    () => {
      sink.value ^= new BodyReader(body, 'cmd 4 positions').countedRecords(positionSchema, 'positions').length
    },
    options,
  )
  bench(
    'hand-written DataView',
    () => {
      sink.value ^= handDecodePositions(body).length
    },
    options,
  )
})
