/**
 * Ratios measured with paired rounds (bench/paired.ts), robust to a loaded machine:
 * `npx tsx bench/ratios.ts [receive]`. Prints markdown tables for bench/RESULTS.md.
 */
import { pairedMedians, printPaired } from './paired.js'
import { receiveTasks, TICKS, wire } from './receivePath.js'

const which = new Set(process.argv.slice(2))
const all = which.size === 0

if (all || which.has('receive')) {
  printPaired(
    `receive one ${TICKS}-tick push (${wire.length} B on the wire)`,
    pairedMedians(receiveTasks),
    'hand-written, one kept decipher context (reference)',
  )
}

if (all || which.has('symbols')) {
  const { decodeSymbolList } = await import('../src/codec/messages/symbols.js')
  const { makeSymbolBody } = await import('./handwritten/fixtures.js')
  const { handDecodeSymbolList } = await import('./handwritten/symbols.js')
  const body = makeSymbolBody(1000)
  printPaired(
    'decode 1,000 symbols (cmd 6, 526 KB)',
    pairedMedians({
      'compiled decodeSymbolList': () => decodeSymbolList(body),
      'hand-written DataView (+= strings)': () => handDecodeSymbolList(body),
    }),
    'hand-written DataView (+= strings)',
  )
  // Heap kept by the decoded list (flat strings vs ropes): measured with a forced GC if exposed.
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) {
    const keep: unknown[] = []
    for (const [name, decode] of [
      ['compiled', decodeSymbolList],
      ['hand-written', handDecodeSymbolList],
    ] as const) {
      gc()
      const before = process.memoryUsage().heapUsed
      keep.push(decode(body))
      gc()
      const kept = process.memoryUsage().heapUsed - before
      console.log(`heap kept by 1,000 decoded symbols, ${name}: ${Math.round(kept / 1024)} KB`)
    }
  }
}

if (all || which.has('ticks')) {
  const { decodeTickNumberRecords, decodeTickRecords } = await import('../src/codec/messages/ticks.js')
  const { makeTickBody } = await import('./handwritten/fixtures.js')
  const { handDecodeTickRecords } = await import('./handwritten/ticks.js')
  const body = makeTickBody(1000)
  printPaired(
    'decode one 1,000-tick push (50 KB)',
    pairedMedians({
      'compiled decodeTickRecords (volume bigint)': () => decodeTickRecords(body),
      'compiled decodeTickNumberRecords (volume number)': () => decodeTickNumberRecords(body),
      'hand-written DataView (volume bigint)': () => handDecodeTickRecords(body),
    }),
    'hand-written DataView (volume bigint)',
  )
}

if (all || which.has('client')) {
  const { rawClient, sdkClient, TICKS: n, wire: message } = await import('./clientPath.js')
  const sdk = await sdkClient()
  const raw = rawClient()
  for (const c of [sdk, raw]) {
    for (let i = 0; i < 3; i++) c.deliver(message)
    if (c.delivered.count !== 3 * n) throw new Error(`client path delivered ${c.delivered.count} ticks`)
  }
  printPaired(
    `client tick path: one ${n}-tick push from the encrypted message to a tick listener`,
    pairedMedians({
      'SDK: Transport → marketData → client.events': () => sdk.deliver(message),
      'raw ws + decrypt (reference)': () => raw.deliver(message),
    }),
    'raw ws + decrypt (reference)',
  )
}
