import { bench, describe } from 'vitest'
import { decodeTickRecords } from '../src/codec/messages/ticks.js'
import { tickSchema } from '../src/codec/schemas/tick.js'
import { makeTickBody } from './handwritten/fixtures.js'
import { handDecodeTickRecords } from './handwritten/ticks.js'
import type { TickRecord } from '../src/codec/schemas/tick.js'

const body = makeTickBody(1000)
const options = { time: 500, warmupTime: 200 }
let sink = 0
const view = new DataView(body.buffer, body.byteOffset, body.byteLength)

function cached(b: Uint8Array): TickRecord[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  const schema = tickSchema
  const size = schema.size
  const count = Math.floor(b.byteLength / size)
  const out = new Array<TickRecord>(count)
  for (let i = 0; i < count; i++) out[i] = schema.decode(v, i * size)
  return out
}
cached(body)
describe('V', () => {
  bench('A decodeTickRecords', () => { sink ^= decodeTickRecords(body).length }, options)
  bench('K cached locals', () => { sink ^= cached(body).length }, options)
  bench('H hand', () => { sink ^= handDecodeTickRecords(body).length }, options)
  bench('A2 decodeTickRecords', () => { sink ^= decodeTickRecords(body).length }, options)
  bench('K2 cached locals', () => { sink ^= cached(body).length }, options)
  bench('H2 hand', () => { sink ^= handDecodeTickRecords(body).length }, options)
})
export { sink }
