import { describe, expect, it } from 'vitest'
import { loadSymbols } from '../../../src/actions/market/loadSymbols.js'
import type { BaseClient } from '../../../src/client/types.js'
import { encodeCompressedSymbolList, encodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { symbolBasicSchema } from '../../../src/codec/schemas/symbolBasic.js'
import { marketState } from '../../../src/marketState/state.js'

async function run(symbolsCount: number | undefined): Promise<number[]> {
  const record = symbolBasicSchema.zero()
  record.tradeSymbol = 'EURUSD'
  record.symbolId = 1
  record.digits = 5
  const sent: number[] = []
  const client = {
    options: {},
    state: { modules: new Map(), afterLogin: [], symbolsById: new Map() },
    request: async (command: number) => {
      sent.push(command)
      return command === 34 ? encodeCompressedSymbolList([record]) : encodeSymbolList([record])
    },
  } as unknown as BaseClient
  marketState(client).symbolsCount = symbolsCount
  const list = await loadSymbols(client)
  expect(list.map((s) => s.name)).toEqual(['EURUSD'])
  return sent
}

describe('loadSymbols: cmd 34 vs cmd 6 (docs/architecture.md#bootstrap-and-session, official)', () => {
  it('uses cmd 6 when the account has at most 256 symbols', async () => {
    expect(await run(256)).toEqual([6])
  })
  it('uses cmd 34 when the account has more than 256 symbols', async () => {
    expect(await run(257)).toEqual([34])
  })
  it('uses cmd 34 while the account block is unknown', async () => {
    expect(await run(undefined)).toEqual([34])
  })
})
