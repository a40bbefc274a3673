/**
 * Ratios measured with paired rounds (bench/paired.ts), robust to a loaded machine:
 * `npx tsx bench/ratios.ts [receive|symbols|ticks|client]` (no argument: every section, each in a
 * process of its own). Prints markdown tables for bench/RESULTS.md.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { pairedMedians, printPaired } from './paired.js'
import { receiveTasks, TICKS, wire } from './receivePath.js'

const SECTIONS = ['receive', 'symbols', 'ticks', 'codec', 'client']
const which = new Set(process.argv.slice(2))
// One process per section: sections sharing a process deoptimise each other's call sites (the same
// schema decoded from several places), which skews the figures by up to 20×.
if (which.size === 0) {
  for (const section of SECTIONS) {
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), section], {
      stdio: 'inherit',
    })
  }
  process.exit(0)
}
const all = false

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
  const { TICKS: n } = await import('./clientPath.js')
  const { pairedProcessMedians } = await import('./pairedProcesses.js')
  // Each side in a child process of its own (`clientPathChild.ts`), rounds interleaved: one shared
  // heap made each side pay for the other's garbage.
  const child = fileURLToPath(new URL('./clientPathChild.ts', import.meta.url))
  const medians = await pairedProcessMedians({
    'SDK: Transport → marketData → client.events': [child, 'sdk'],
    'raw ws + decrypt (reference)': [child, 'raw'],
  })
  for (const clock of ['cpu', 'wall'] as const) {
    printPaired(
      `client tick path: one ${n}-tick push from the encrypted message to a tick listener (${clock} time, ` +
        'each side in its own process)',
      Object.fromEntries(Object.entries(medians).map(([name, m]) => [name, m[clock]])),
      'raw ws + decrypt (reference)',
    )
  }
}

if (which.has('codec')) {
  const { encodeTradeRequest } = await import('../src/codec/messages/tradeRequest.js')
  const { BodyReader } = await import('../src/codec/cursor.js')
  const { positionSchema } = await import('../src/codec/schemas/position.js')
  const { makePositionBody, makeTradeRequest } = await import('./handwritten/fixtures.js')
  const { handEncodeTradeRequest } = await import('./handwritten/tradeRequest.js')
  const { handDecodePositions } = await import('./handwritten/positions.js')
  const request = makeTradeRequest()
  printPaired(
    'encode one trade request (248 B)',
    pairedMedians({
      'compiled encodeTradeRequest': () => encodeTradeRequest(request),
      'hand-written DataView': () => handEncodeTradeRequest(request),
    }),
    'hand-written DataView',
  )
  const positions = makePositionBody(200)
  printPaired(
    'decode 200 positions (cmd 4, 69 KB)',
    pairedMedians({
      'compiled countedRecords(positionSchema)': () =>
        new BodyReader(positions, 'positions').countedRecords(positionSchema, 'positions'),
      'hand-written DataView': () => handDecodePositions(positions),
    }),
    'hand-written DataView',
  )
}
