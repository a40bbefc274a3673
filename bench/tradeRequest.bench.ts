/**
 * Encode of one official 248-byte trade request (cmd 12): compiled `encodeTradeRequest` (with
 * per-field validation) vs hand-written DataView writes (no validation). Results: RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { encodeTradeRequest } from '../src/codec/messages/tradeRequest.js'
import { makeTradeRequest } from './handwritten/fixtures.js'
import { handEncodeTradeRequest } from './handwritten/tradeRequest.js'

const request = makeTradeRequest()
const options = { time: 700, warmupTime: 200 }
// Results go to a module object so the optimiser cannot drop the decode.
const sink = { value: 0 }

describe('encode trade request (248 B)', () => {
  bench(
    'compiled encodeTradeRequest',
    () => {
      sink.value ^= encodeTradeRequest(request)[0]!
    },
    options,
  )
  bench(
    'hand-written DataView',
    () => {
      sink.value ^= handEncodeTradeRequest(request)[0]!
    },
    options,
  )
})
