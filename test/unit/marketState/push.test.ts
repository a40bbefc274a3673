import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toFullSymbolInfo } from '../../../src/actions/market/fullSymbolInfo.js'
import type { BaseClient } from '../../../src/client/types.js'
import { encodeTickRecords } from '../../../src/codec/messages/ticks.js'
import { fullSymbolSchema } from '../../../src/codec/schemas/fullSymbol.js'
import { tickSchema } from '../../../src/codec/schemas/tick.js'
import { type TradeSettings, tradeSettingsSchema } from '../../../src/codec/schemas/tradeSettings.js'
import { decodeTickPush } from '../../../src/marketState/push.js'
import { marketState } from '../../../src/marketState/state.js'

const ID = 7
const PATH = 'Forex\\Majors\\EURUSD'

function fakeClient(): BaseClient {
  return {
    options: {},
    state: { modules: new Map(), afterLogin: [], symbolsById: new Map() },
  } as unknown as BaseClient
}

function setup(spreadDiff: number, spreadDiffBalance = 0, overrides?: TradeSettings[]): BaseClient {
  const client = fakeClient()
  const state = marketState(client)
  state.symbols.replace([
    { name: 'EURUSD', id: ID, digits: 5, description: '', path: PATH, calcMode: 0, basis: '', sector: 0 },
  ])
  const raw = fullSymbolSchema.zero()
  raw.tradeSymbol = 'EURUSD'
  raw.symbolId = ID
  raw.digits = 5
  raw.point = 0.00001
  raw.trade.symbolPath = PATH
  raw.trade.spreadDiff = spreadDiff
  raw.trade.spreadDiffBalance = spreadDiffBalance
  state.full.set('EURUSD', toFullSymbolInfo(raw))
  if (overrides) state.tradeOverrides = overrides
  return client
}

/** A cmd 8 body with one bid/ask tick (prices scaled by 10^5). */
function quote(bid: number, ask: number, tickTime = 1000): Uint8Array {
  const record = tickSchema.zero()
  record.symbolId = ID
  record.tickTime = tickTime
  record.fields = 3
  record.bid = bid
  record.ask = ask
  return encodeTickRecords([record])
}

describe('decodeTickPush spread difference (docs/architecture.md#ticks)', () => {
  it('leaves prices alone when spreadDiff is 0', () => {
    const [tick] = decodeTickPush(setup(0), quote(108540, 108550))
    expect(tick).toMatchObject({ bid: 1.0854, ask: 1.0855 })
  })

  it('widens bid and ask symmetrically for a positive spreadDiff', () => {
    const [tick] = decodeTickPush(setup(10), quote(108540, 108550))
    expect(tick).toMatchObject({ bid: 1.08535, ask: 1.08555 })
  })

  it('shifts the widening by spreadDiffBalance', () => {
    // bid' = bid − 3 pt, ask' = bid' + 20 pt
    const [tick] = decodeTickPush(setup(10, 2), quote(108540, 108550))
    expect(tick).toMatchObject({ bid: 1.08537, ask: 1.08557 })
  })

  it('narrows for a negative spreadDiff and drops a tick whose bid ends above its ask', () => {
    const [narrow] = decodeTickPush(setup(-4), quote(108540, 108550))
    expect(narrow).toMatchObject({ bid: 1.08542, ask: 1.08548 })
    expect(decodeTickPush(setup(-12), quote(108540, 108550))).toEqual([])
  })

  it('applies the last matching account group override', () => {
    const block = tradeSettingsSchema.zero()
    block.symbolPath = 'Forex\\*'
    block.spreadDiff = 4
    block.spreadDiffBalance = 0
    const [tick] = decodeTickPush(setup(0, 0, [block]), quote(108540, 108550))
    expect(tick).toMatchObject({ bid: 1.08538, ask: 1.08552 })
  })

  it('widens carried-forward values from the raw quotes (no double widening)', () => {
    const client = setup(10)
    decodeTickPush(client, quote(108540, 108550, 1000))
    const record = tickSchema.zero()
    record.symbolId = ID
    record.tickTime = 1001
    record.fields = 1
    record.bid = 108541
    const [tick] = decodeTickPush(client, encodeTickRecords([record]))
    expect(tick).toMatchObject({ bid: 1.08536, ask: 1.08555 })
  })
})

describe('decodeTickPush without listeners', () => {
  it('caches the same ticks as with listeners and returns none (property)', () => {
    const price = fc.integer({ min: 0, max: 200_000 })
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            bid: price,
            ask: price,
            last: price,
            fields: fc.integer({ min: 0, max: 15 }),
            tickTime: fc.integer({ min: 990, max: 1010 }),
            flags: fc.constantFrom(0, 0x200),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        fc.constantFrom(0, 10, -4),
        (values, spreadDiff) => {
          const body = encodeTickRecords(
            values.map((v) => ({ ...tickSchema.zero(), ...v, symbolId: ID, tickVolume: 5n * BigInt(v.bid) })),
          )
          const listening = setup(spreadDiff)
          const silent = setup(spreadDiff)
          const emitted = decodeTickPush(listening, body, true)
          expect(decodeTickPush(silent, body, false)).toEqual([])
          const cached = (client: BaseClient) =>
            marketState(client).ticks.range('EURUSD', -Infinity, Infinity)
          expect(cached(silent)).toEqual(cached(listening))
          expect(cached(listening)).toEqual(emitted.slice(-1000))
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('marketDataActions feeds the account group overrides to tick decoding', () => {
  it('takes the overrides from cmd 3 replies and cmd 14 pushes', async () => {
    const { EventEmitter } = await import('eventemitter3')
    const { marketDataActions } = await import('../../../src/decorators/marketData.js')
    const { encodeAccount } = await import('../../../src/codec/messages/account.js')
    const { accountMainSchema } = await import('../../../src/codec/schemas/accountMain.js')
    const listeners = new Map<number, (body: Uint8Array) => void>()
    const client = setup(0)
    Object.assign(client, {
      events: new EventEmitter(),
      onFrame: (command: number, fn: (body: Uint8Array) => void) => {
        listeners.set(command, fn)
        return () => listeners.delete(command)
      },
    })
    const ticks: Array<{ bid: number; ask: number }> = []
    client.events.on('tick', (t) => ticks.push(t))
    marketDataActions(client)
    const block = tradeSettingsSchema.zero()
    block.symbolPath = 'Forex\\*'
    block.spreadDiff = 4
    const account = (tradeSettings: TradeSettings[]) =>
      encodeAccount({
        main: accountMainSchema.zero(),
        tradeSettings,
        tradeFlags: 0,
        symbolsCount: 1,
        leverageFlags: 0n,
        leverageRules: [],
        commissions: [],
      })
    listeners.get(3)?.(account([block]))
    listeners.get(8)?.(quote(108540, 108550, 1000))
    const other = tradeSettingsSchema.zero()
    other.symbolPath = 'Metals\\*'
    other.spreadDiff = 50
    listeners.get(14)?.(account([other]))
    listeners.get(8)?.(quote(108540, 108550, 1001))
    expect(ticks).toMatchObject([
      { bid: 1.08538, ask: 1.08552 },
      { bid: 1.0854, ask: 1.0855 },
    ])
  })
})

describe('decodeTickPush keeps each symbol on its ring', () => {
  it('writes to the ring of the current cache and name after deletes, clears and a rename', () => {
    const client = setup(0)
    const state = marketState(client)
    const times = (name: string) => state.ticks.range(name, -Infinity, Infinity).map((t) => t.timeMs)
    decodeTickPush(client, quote(108540, 108550, 1000), false)
    decodeTickPush(client, quote(108541, 108551, 1001), false)
    expect(times('EURUSD')).toEqual([1_000_000, 1_001_000])
    // The ring kept on the carry is forgotten by the cache: the next tick starts a new one.
    state.ticks.delete('EURUSD')
    decodeTickPush(client, quote(108542, 108552, 1002), false)
    expect(times('EURUSD')).toEqual([1_002_000])
    state.ticks.clear()
    decodeTickPush(client, quote(108543, 108553, 1003), false)
    expect(times('EURUSD')).toEqual([1_003_000])
    // Renamed by a cmd 13 merge: the ticks go under the new name.
    state.symbols.merge(ID, { name: 'EURUSD.x', digits: 5 })
    decodeTickPush(client, quote(108544, 108554, 1004), false)
    expect(times('EURUSD.x')).toEqual([1_004_000])
    expect(times('EURUSD')).toEqual([1_003_000])
  })
})
