/** The trading state's specification cache across cmd 14 account pushes. */
import { describe, expect, it } from 'vitest'
import type { BaseClient } from '../../../src/client/types.js'
import { encodeAccount } from '../../../src/codec/messages/account.js'
import { accountMainSchema } from '../../../src/codec/schemas/accountMain.js'
import type { TradeSettings } from '../../../src/codec/schemas/tradeSettings.js'
import { setSymbolSpec, tradingState } from '../../../src/tradeState/context.js'
import { settings, spec } from '../tradeRules/helpers.js'

/** A client shell that records frame listeners, so a test can push frames into them. */
function fakeClient() {
  const listeners = new Map<number, (body: Uint8Array) => void>()
  const client = {
    options: {},
    state: { modules: new Map(), afterLogin: [], symbolsById: new Map() },
    onFrame(command: number, fn: (body: Uint8Array) => void) {
      listeners.set(command, fn)
      return () => listeners.delete(command)
    },
    on() {},
  } as unknown as BaseClient
  return { client, push: (command: number, body: Uint8Array) => listeners.get(command)?.(body) }
}

/** A cmd 14 body with `balance` and the group overrides `overrides`. */
function account(balance: number, overrides: TradeSettings[]): Uint8Array {
  return encodeAccount({
    main: { ...accountMainSchema.zero(), balance, accountCurrency: 'USD', currencyDigits: 2 },
    tradeSettings: overrides,
    tradeFlags: 0,
    symbolsCount: 0,
    leverageFlags: 0n,
    leverageRules: [],
    commissions: [],
  })
}

describe('trading state: cmd 14 and the specification cache', () => {
  it('keeps the specifications when an account push (after a trade) leaves the overrides unchanged', () => {
    const { client, push } = fakeClient()
    const state = tradingState(client)
    push(14, account(10_000, [settings()]))
    setSymbolSpec(client, spec())
    push(14, account(10_080.5, [settings()]))
    expect(state.account?.main.balance).toBe(10_080.5)
    expect(state.specs.has('EURUSD')).toBe(true)
  })

  it('drops them when the group overrides change (they are part of each specification)', () => {
    const { client, push } = fakeClient()
    const state = tradingState(client)
    push(14, account(10_000, [settings()]))
    setSymbolSpec(client, spec())
    push(14, account(10_000, [settings({ volumeMax: 5_000_000_000n })]))
    expect(state.specs.size).toBe(0)
  })

  it('compares the override lists field by field: order, nested text and bigints count', () => {
    const { client, push } = fakeClient()
    const state = tradingState(client)
    const a = settings()
    const b = settings({ symbolPath: 'Forex\\Minors\\EURGBP', volumeMax: 7n })
    push(14, account(10_000, [a, b]))
    setSymbolSpec(client, spec())
    push(14, account(10_001, [settings(), settings({ symbolPath: 'Forex\\Minors\\EURGBP', volumeMax: 7n })]))
    expect(state.specs.has('EURUSD')).toBe(true)
    push(14, account(10_002, [b, a]))
    expect(state.specs.size).toBe(0)
  })

  it('does not decode a push with the very bytes of the last one; a changed or shorter list still counts', () => {
    const { client, push } = fakeClient()
    const state = tradingState(client)
    push(14, account(10_000, [settings()]))
    const decoded = state.account
    setSymbolSpec(client, spec())
    push(14, account(10_000, [settings()]))
    expect(state.account).toBe(decoded)
    expect(state.specs.has('EURUSD')).toBe(true)
    push(14, account(10_000, [settings(), settings({ symbolPath: 'Forex\\Minors\\EURGBP' })]))
    expect(state.account).not.toBe(decoded)
    expect(state.specs.size).toBe(0)
    setSymbolSpec(client, spec())
    push(14, account(10_000, [settings()]))
    expect(state.specs.size).toBe(0)
  })
})
