import { describe, expect, it } from 'vitest'
import { decodeAccount, encodeAccount } from '../../../src/codec/messages/account.js'
import { accountMainSchema } from '../../../src/codec/schemas/accountMain.js'
import { tradeSettingsSchema } from '../../../src/codec/schemas/tradeSettings.js'
import { sharedTradeSettings } from '../../../src/marketState/sharedTradeSettings.js'

/** A cmd 3 body whose group has `paths.length` trade-settings blocks. */
function accountBody(paths: string[], balanceTag = 0): Uint8Array {
  const main = { ...accountMainSchema.zero(), login: 10_001n + BigInt(balanceTag) }
  const tradeSettings = paths.map((symbolPath) => ({
    ...tradeSettingsSchema.zero(),
    symbolPath,
    spreadDiff: 3,
  }))
  return encodeAccount({
    main,
    tradeSettings,
    tradeFlags: 0,
    symbolsCount: 9,
    leverageFlags: 0n,
    leverageRules: [],
    commissions: [],
  })
}

describe('sharedTradeSettings', () => {
  it('gives clients of the same group one frozen list, whatever else their blocks hold', () => {
    const a = accountBody(['Forex\\*', 'Metals\\*'], 1)
    const b = accountBody(['Forex\\*', 'Metals\\*'], 2)
    const first = sharedTradeSettings(a, decodeAccount(a).tradeSettings)
    const second = sharedTradeSettings(b, decodeAccount(b).tradeSettings)
    expect(second).toBe(first)
    expect(first.map((s) => s.symbolPath)).toEqual(['Forex\\*', 'Metals\\*'])
    expect(Object.isFrozen(first)).toBe(true)
    expect(Object.isFrozen(first[0])).toBe(true)
  })

  it('keeps lists of different groups apart', () => {
    const a = accountBody(['Indices\\*'])
    const b = accountBody(['Indices\\US*'])
    const first = sharedTradeSettings(a, decodeAccount(a).tradeSettings)
    const second = sharedTradeSettings(b, decodeAccount(b).tradeSettings)
    expect(second).not.toBe(first)
    expect(second.map((s) => s.symbolPath)).toEqual(['Indices\\US*'])
  })
})
