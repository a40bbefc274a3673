/**
 * Decode of a cmd 6 symbol list of 1,000 SymbolBasic records (u32 n + 1000 × 526 B, realistic
 * names, descriptions and paths): compiled `decodeSymbolList` vs a hand-written DataView loop.
 * Results: RESULTS.md.
 */
import { bench, describe } from 'vitest'
import { decodeSymbolList } from '../src/codec/messages/symbols.js'
import { makeSymbolBody } from './handwritten/fixtures.js'
import { handDecodeSymbolList } from './handwritten/symbols.js'

const body = makeSymbolBody(1000)
const options = { time: 700, warmupTime: 200 }
// Results go to a module object so the optimiser cannot drop the decode.
const sink = { value: 0 }

describe('decode 1,000 symbols (cmd 6, 526 KB)', () => {
  bench(
    'compiled decodeSymbolList',
    () => {
      sink.value ^= decodeSymbolList(body).length
    },
    options,
  )
  bench(
    'hand-written DataView',
    () => {
      sink.value ^= handDecodeSymbolList(body).length
    },
    options,
  )
})
