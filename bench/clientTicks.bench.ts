/**
 * Client-side handling of one 50-tick cmd 8 push: decrypted body → the `marketData` module's cmd 8
 * frame listener (`decodeTickPush`: symbol lookup, unscaled prices, stale-tick drop, carry-forward,
 * spread difference, tick cache) → `tick` events delivered to a listener. Two clients: one without
 * cached full specifications (no spread difference) and one whose 40 symbols all carry a spread
 * difference of 10 points. Lower bound in the same run: `decodeTickRecords` of the same body (raw
 * records only). Every iteration moves the ticks 7 s forward so none is dropped as stale.
 * Results: RESULTS.md, "Client tick path".
 */
import { EventEmitter } from 'eventemitter3'
import { bench, describe } from 'vitest'
import { toFullSymbolInfo } from '../src/actions/market/fullSymbolInfo.js'
import type { BaseClient } from '../src/client/types.js'
import { decodeTickRecords } from '../src/codec/messages/ticks.js'
import { fullSymbolSchema } from '../src/codec/schemas/fullSymbol.js'
import { marketDataActions } from '../src/decorators/marketData.js'
import { marketState } from '../src/marketState/state.js'
import type { Tick } from '../src/model/types.js'
import { Command } from '../src/protocol/commands.js'
import { makeTickBody, tickDigits } from './handwritten/fixtures.js'

const TICKS = 50
const SYMBOLS = 40
const body = makeTickBody(TICKS)
const view = new DataView(body.buffer, body.byteOffset, body.byteLength)

/** Moves every tick of the body 7 s forward (the body spans 7 s), so replays are never stale. */
function advance(): void {
  for (let o = 0; o < body.byteLength; o += 50) view.setInt32(o + 4, view.getInt32(o + 4, true) + 7, true)
}

interface BenchClient {
  /** The cmd 8 frame listener the module registered. */
  onTicks: (body: Uint8Array) => void
  /** Ticks delivered to the `tick` listener so far. */
  delivered: { count: number; sum: number }
}

/** A minimal client with the `marketData` module installed and 40 listed symbols. */
function makeClient(spreadDiff: number | undefined): BenchClient {
  const listeners = new Map<number, (body: Uint8Array) => void>()
  const client = {
    options: {},
    state: { modules: new Map(), afterLogin: [], symbolsById: new Map() },
    events: new EventEmitter(),
    onFrame: (command: number, fn: (body: Uint8Array) => void) => {
      listeners.set(command, fn)
      return () => listeners.delete(command)
    },
  } as unknown as BaseClient
  const state = marketState(client)
  const list = Array.from({ length: SYMBOLS }, (_, i) => {
    const id = i + 1
    const digits = tickDigits(id) ?? 5
    const name = `SYM${id}`
    const path = `Forex\\${name}`
    return { name, id, digits, description: '', path, calcMode: 0, basis: '', sector: 0 }
  })
  state.symbols.replace(list)
  if (spreadDiff !== undefined) {
    for (const info of list) {
      const raw = fullSymbolSchema.zero()
      raw.tradeSymbol = info.name
      raw.symbolId = info.id
      raw.digits = info.digits
      raw.point = 10 ** -info.digits
      raw.trade.symbolPath = info.path
      raw.trade.spreadDiff = spreadDiff
      state.full.set(info.name, toFullSymbolInfo(raw))
    }
  }
  const delivered = { count: 0, sum: 0 }
  client.events.on('tick', (tick: Tick) => {
    delivered.count++
    delivered.sum += tick.bid
  })
  marketDataActions(client)
  const onTicks = listeners.get(Command.ticks)
  if (!onTicks) throw new Error('cmd 8 listener not registered')
  return { onTicks, delivered }
}

const plain = makeClient(undefined)
const widened = makeClient(10)

// Every tick of every push must reach the listener (none stale, none unknown, none dropped).
for (const c of [plain, widened]) {
  for (let i = 0; i < 3; i++) {
    advance()
    c.onTicks(body)
  }
  if (c.delivered.count !== 3 * TICKS) throw new Error(`client tick path delivered ${c.delivered.count}`)
}

const options = { time: 700, warmupTime: 200 }
const sink = { value: 0 }

describe(`client handling of one ${TICKS}-tick push (${body.byteLength} B body)`, () => {
  bench(
    'lower bound: decodeTickRecords (raw records)',
    () => {
      advance()
      sink.value ^= decodeTickRecords(body).length
    },
    options,
  )
  bench(
    'client path, no spread difference',
    () => {
      advance()
      plain.onTicks(body)
    },
    options,
  )
  bench(
    'client path, spread difference 10 pt',
    () => {
      advance()
      widened.onTicks(body)
    },
    options,
  )
})
