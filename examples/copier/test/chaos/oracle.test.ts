/** The campaign's oracle on hand-made states: it must see every duplicate, lost and wrong copy. */
import type { AccountState } from 'mt5web/sim'
import { describe, expect, it } from 'vitest'
import { expectedLots, judge, type OracleInput, tagTicket } from './oracle.js'
import type { Scenario, TargetSetup } from './scenario.js'

type Order = AccountState['orders'][number]

const setup: TargetSetup = {
  id: 't1',
  broker: 'Target1',
  suffix: '.m',
  volumeStep: 0.1,
  volumeMax: 100,
  missingSymbol: undefined,
  netting: false,
  orderTypes: ['buyLimit', 'sellLimit'],
  maxPendingOrders: undefined,
  orphans: { policy: 'kill', checkEvery: 1, confirmations: 1 },
  sourceFilled: 'cancel',
  lots: { multiplier: 2, min: undefined, max: undefined, belowMin: 'skip', aboveMax: 'cap' },
  tradingHours: 'none',
  marginCheck: false,
  untagged: [],
  sltp: 'copy',
  expiration: 'copy',
}

// README: source ticket 100000000 is `1njchs` in base 36
const TAG = 'cp:1njchs:k3x'
const order = (fields: Partial<Order>): Order =>
  ({
    tradeOrder: 100_000_000n,
    tradeSymbol: 'EURUSD',
    orderType: 2,
    volumeInitial: 20_000_000n,
    priceOrder: 1.07,
    priceTrigger: 0,
    priceSl: 1.06,
    priceTp: 0,
    typeTime: 0,
    timeExpiration: 0,
    orderState: 1,
    comment: '',
    ...fields,
  }) as Order
const account = (orders: Order[], historyOrders: Order[] = []): AccountState =>
  ({ orders, historyOrders, positions: [], deals: [] }) as unknown as AccountState
const copy = (fields: Partial<Order> = {}) =>
  order({
    tradeOrder: 20_000_000n,
    tradeSymbol: 'EURUSD.m',
    volumeInitial: 40_000_000n,
    comment: TAG,
    ...fields,
  })

function input(
  source: AccountState,
  target: AccountState,
  extra: Partial<OracleInput> & { setup?: Partial<TargetSetup> } = {},
): OracleInput {
  const t = { ...setup, ...extra.setup }
  return {
    scenario: { seed: 1, targets: [t], steps: [], child: false } satisfies Scenario,
    source,
    targets: [{ setup: t, state: target, untagged: [] }],
    finalRejects: [],
    tagPrefix: 'cp',
    ...extra,
  }
}

describe('chaos oracle', () => {
  it('reads the documented tag format, tolerating broker suffixes, refusing look-alikes', () => {
    expect(tagTicket(TAG, 'cp')).toBe(100_000_000n)
    expect(tagTicket(`${TAG} [sl]`, 'cp')).toBe(100_000_000n)
    expect(tagTicket('CP:1NJCHS:K3X', 'cp')).toBe(100_000_000n)
    expect(tagTicket('manual', 'cp')).toBeUndefined()
    expect(tagTicket('cp:1njchs:k3', 'cp')).toBeUndefined()
    expect(tagTicket('xcp:1njchs:k3x', 'cp')).toBeUndefined()
  })

  it('computes lots from the config and the broker volume grid', () => {
    expect(expectedLots(setup, 0.2)).toBe(0.4)
    expect(expectedLots({ ...setup, lots: { ...setup.lots, multiplier: 0.5 } }, 0.15)).toBe('below min')
    expect(
      expectedLots({ ...setup, lots: { ...setup.lots, multiplier: 0.5, belowMin: 'raiseToMin' } }, 0.15),
    ).toBe(0.1)
    expect(expectedLots({ ...setup, lots: { ...setup.lots, max: 1 } }, 1.2)).toBe(1)
    expect(expectedLots({ ...setup, lots: { ...setup.lots, max: 1, aboveMax: 'skip' } }, 1.2)).toBe(
      'above max',
    )
    expect(expectedLots({ ...setup, volumeStep: 0.01, lots: { ...setup.lots, multiplier: 3 } }, 0.05)).toBe(
      0.15,
    )
  })

  it('passes one right copy per eligible source order', () => {
    const v = judge(input(account([order({})]), account([copy()])))
    expect(v).toMatchObject({ duplicates: 0, lost: 0, wrong: 0, checked: 1 })
  })

  it('sees a duplicate, even one cancelled since', () => {
    const v = judge(
      input(account([order({})]), account([copy()], [copy({ tradeOrder: 20_000_001n, orderState: 2 })])),
    )
    expect(v.duplicates).toBe(1)
  })

  it('takes a cancelled copy of the old type and one of the new type after a type change as no duplicate', () => {
    // the source stop-limit triggered into a limit order (same ticket); its old copy was replaced
    const old = copy({ tradeOrder: 20_000_001n, orderType: 6, orderState: 2 })
    const v = judge(input(account([order({})]), account([copy()], [old])))
    expect(v).toMatchObject({ duplicates: 0, lost: 0, wrong: 0, checked: 1 })
    const twice = copy({ tradeOrder: 20_000_002n, orderState: 2 })
    expect(judge(input(account([order({})]), account([copy()], [old, twice]))).duplicates).toBe(1)
  })

  it('takes a copy that expired before its replacement was placed as no duplicate, one that outlived it as one', () => {
    const at = (s: number) => ({ timeSetup: s, timeSetupMs: 0 })
    const expired = (doneS: number) =>
      copy({ tradeOrder: 20_000_001n, orderState: 6, ...at(1000), timeDone: doneS, timeDoneMs: 0 })
    const replacement = copy({ tradeOrder: 20_000_002n, ...at(2000) })
    const before = judge(input(account([order({})]), account([replacement], [expired(2000)])))
    expect(before).toMatchObject({ duplicates: 0, lost: 0, wrong: 0, checked: 1 })
    expect(judge(input(account([order({})]), account([replacement], [expired(2001)]))).duplicates).toBe(1)
    // cancelled (not expired) before the next one: still a second copy
    const cancelled = copy({
      tradeOrder: 20_000_001n,
      orderState: 2,
      ...at(1000),
      timeDone: 1500,
      timeDoneMs: 0,
    })
    expect(judge(input(account([order({})]), account([replacement], [cancelled]))).duplicates).toBe(1)
  })

  it('sees a lost copy, excused only when a final reject hit it', () => {
    expect(judge(input(account([order({})]), account([]))).lost).toBe(1)
    const excused = judge(
      input(account([order({})]), account([]), {
        finalRejects: [{ target: 't1', action: 5, order: 0n, comment: TAG }],
      }),
    )
    expect(excused).toMatchObject({ lost: 0, excused: 1 })
  })

  it('sees wrong lots, prices, symbol and expiry, and a copy of an ineligible order', () => {
    for (const bad of [
      { volumeInitial: 30_000_000n },
      { priceOrder: 1.071 },
      { priceSl: 0 },
      { tradeSymbol: 'EURUSD' },
      { typeTime: 2, timeExpiration: 1_800_000_000 },
    ])
      expect(judge(input(account([order({})]), account([copy(bad)]))).wrong).toBe(1)
    const stop = order({ orderType: 4 })
    expect(judge(input(account([stop]), account([copy({ orderType: 4 })]))).wrong).toBe(1)
  })

  it('expects SL/TP and expiry by the sltp and expiration policies', () => {
    const dated = order({ priceTp: 1.09, typeTime: 2, timeExpiration: 1_800_000_000 })
    const judged = (c: Partial<Order>, setup: Partial<TargetSetup>) =>
      judge(input(account([dated]), account([copy(c)]), { setup }))
    const bare = { priceSl: 0, priceTp: 0 }
    const asSource = { priceSl: 1.06, priceTp: 1.09, typeTime: 2, timeExpiration: 1_800_000_000 }
    expect(judged(asSource, { sltp: 'distance' })).toMatchObject({ wrong: 0, checked: 1 })
    expect(judged({ ...asSource, ...bare }, { sltp: 'none' })).toMatchObject({ wrong: 0, checked: 1 })
    expect(judged(asSource, { sltp: 'none' }).wrong).toBe(1)
    expect(judged({ ...asSource, typeTime: 0, timeExpiration: 0 }, { expiration: 'none' })).toMatchObject({
      wrong: 0,
      checked: 1,
    })
    expect(judged(asSource, { expiration: 'none' }).wrong).toBe(1)
    // a day order's copy is a day order
    const day = order({ typeTime: 1 })
    expect(judge(input(account([day]), account([copy({ typeTime: 1 })]))).checked).toBe(1)
    expect(judge(input(account([day]), account([copy()]))).wrong).toBe(1)
  })

  it('applies the orphan and source-filled policies to copies whose source left', () => {
    const gone = account([], [order({ orderState: 2 })])
    const filled = account([], [order({ orderState: 4 })])
    expect(judge(input(gone, account([copy()]))).wrong).toBe(1)
    expect(
      judge(input(gone, account([copy()]), { setup: { orphans: { ...setup.orphans, policy: 'preserve' } } }))
        .wrong,
    ).toBe(0)
    expect(judge(input(filled, account([copy()]))).wrong).toBe(1)
    expect(judge(input(filled, account([copy()]), { setup: { sourceFilled: 'keep' } })).wrong).toBe(0)
  })

  it('sees an untagged order touched or placed, and too many pending orders', () => {
    const mine = order({ tradeOrder: 20_000_009n, tradeSymbol: 'EURUSD.m', comment: 'manual' })
    const base = input(account([]), account([]))
    const touched = judge({
      ...base,
      targets: [
        {
          setup,
          state: account([{ ...mine, priceOrder: 1.05 }]),
          untagged: [
            {
              ticket: mine.tradeOrder,
              price: mine.priceOrder,
              volume: mine.volumeInitial,
              comment: 'manual',
            },
          ],
        },
      ],
    })
    expect(touched.wrong).toBe(1)
    expect(judge(input(account([]), account([mine]))).wrong).toBe(1)
    const full = judge(
      input(
        account([order({}), order({ tradeOrder: 100_000_001n })]),
        account([copy(), copy({ tradeOrder: 20_000_002n, comment: 'cp:1njcht:abc' })]),
        {
          setup: { maxPendingOrders: 1 },
        },
      ),
    )
    expect(full.wrong).toBeGreaterThanOrEqual(1)
  })
})
