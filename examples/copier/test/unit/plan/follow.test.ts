import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/plan/plan.js'
import type { Link, ModifyIntent } from '../../../src/plan/types.js'
import { linkKey } from '../../../src/plan/types.js'
import {
  copyOf,
  input,
  kinds,
  NOON_MONDAY,
  order,
  source,
  symbolSpec,
  target,
  targetConfig,
} from '../../helpers/planInput.js'

const active = (sourceTicket: bigint, copyTicket: bigint, status: Link['status'] = 'active'): Link => ({
  target: 't1',
  sourceTicket,
  copyTicket,
  status,
})

describe('plan: existing copies', () => {
  it('leaves a copy in sync alone', () => {
    const src = order()
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    expect(plan(input(source([src]), [target([copy])], { links })).intents).toEqual([])
  })

  it('modifies only what changed: price, stop-limit price, SL, TP, expiration', () => {
    const src = order({ type: 'buyStopLimit', price: 1.2, stopLimitPrice: 1.19, sl: 1.18, tp: 1.3 })
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    const moved = {
      ...src,
      stopLimitPrice: 1.195,
      tp: 1.31,
      timeType: 'specified' as const,
      expirationMs: NOON_MONDAY + 3_600_000,
    }
    const [modify] = plan(input(source([moved]), [target([copy])], { links })).intents as [ModifyIntent]
    expect(modify).toMatchObject({
      kind: 'modify',
      reason: 'sourceChanged',
      copyTicket: copy.ticket,
      changes: {
        stopLimitPrice: 1.195,
        tp: 1.31,
        timeType: 'specified',
        expirationMs: NOON_MONDAY + 3_600_000,
      },
      order: { price: 1.2, sl: 1.18, volume: copy.volume, comment: copy.comment },
    })
    expect(Object.keys(modify.changes).sort()).toEqual(['expirationMs', 'stopLimitPrice', 'timeType', 'tp'])
    expect(modify.detail).toContain('tp 1.3 → 1.31')
  })

  it('ignores price differences below half a tick and sub-second expiration differences', () => {
    const src = order({ timeType: 'specified', expirationMs: NOON_MONDAY + 3_600_000 })
    const copy = copyOf(src, { price: src.price + 0.000004, expirationMs: src.expirationMs + 400 })
    expect(
      plan(input(source([src]), [target([copy])], { links: [active(src.ticket, copy.ticket)] })).intents,
    ).toEqual([])
  })

  it('a modification waits while the symbol session is closed, even outside trading hours it goes through', () => {
    const src = order()
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    const moved = { ...src, sl: 1.08 }
    const closed = [
      symbolSpec('EURUSD', {
        tradeSessions: [[], [{ openMinutes: 0, closeMinutes: 60 }], [], [], [], [], []],
      }),
    ]
    expect(
      kinds(plan(input(source([moved]), [target([copy], { symbols: closed })], { links })).intents),
    ).toEqual(['leave:sessionClosed'])
    const config = targetConfig({ tradingHours: [{ days: ['sat'], from: '08:00', to: '09:00' }] })
    expect(kinds(plan(input(source([moved]), [target([copy], { config })], { links })).intents)).toEqual([
      'modify:sourceChanged',
    ])
  })

  it('a copy whose symbol has no specification is reported, not followed blindly', () => {
    const src = order()
    const copy = copyOf(src, { symbol: 'EURUSD.old' })
    const links = [active(src.ticket, copy.ticket)]
    const moved = { ...src, sl: 1.08 }
    expect(kinds(plan(input(source([moved]), [target([copy])], { links })).intents)).toEqual([
      'leave:symbolMissing',
    ])
  })

  it('adopts a tagged copy found without a link (lost state), and does not place a second one', () => {
    const src = order()
    const copy = copyOf(src)
    const { intents } = plan(input(source([src]), [target([copy])]))
    expect(intents).toEqual([
      expect.objectContaining({ kind: 'link', status: 'active', copyTicket: copy.ticket, reason: 'adopted' }),
    ])
  })

  it('cancels duplicates, keeping the linked copy (else the oldest)', () => {
    const src = order()
    const a = copyOf(src)
    const b = copyOf(src)
    const c = copyOf(src)
    const linked = plan(
      input(source([src]), [target([a, b, c])], { links: [active(src.ticket, b.ticket)] }),
    ).intents
    expect(
      linked.filter((i) => i.kind === 'cancel').map((i) => (i as { copyTicket: bigint }).copyTicket),
    ).toEqual([a.ticket, c.ticket])
    expect(kinds(linked)).toEqual(['cancel:duplicate', 'cancel:duplicate'])
    const unlinked = plan(input(source([src]), [target([c, b, a])])).intents
    expect(kinds(unlinked)).toEqual(['link:adopted', 'cancel:duplicate', 'cancel:duplicate'])
    expect(unlinked[0]).toMatchObject({ copyTicket: a.ticket })
  })

  it('never touches an order without our tag, even a look-alike', () => {
    const src = order()
    const manual = order({ comment: 'cp:manual' })
    const foreignCopier = { ...copyOf(src), comment: copyOf(src).comment.replace(/^cp/, 'xx') }
    const { intents } = plan(
      input(source([src]), [target([manual, foreignCopier])], { lastOrphanCheck: new Map() }),
    )
    expect(kinds(intents)).toEqual(['place:newSource'])
  })

  it('a scoped plan looks at the scoped source tickets only', () => {
    const a = order()
    const b = order()
    const { intents } = plan(input(source([a, b]), [target([])], { scope: [b.ticket] }))
    expect(intents.map((i) => (i as { sourceTicket: bigint }).sourceTicket)).toEqual([b.ticket])
  })
})

describe('plan: source gone', () => {
  const checkDue = { lastOrphanCheck: new Map<string, number>() }

  it('orphans are counted once per check and killed after N confirmations', () => {
    const src = order()
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    const view = target([copy], {
      config: targetConfig({ orphans: { policy: 'kill', confirmations: 2, checkEvery: 30 } }),
    })
    const first = plan(input(source([]), [view], { links, ...checkDue }))
    expect(first.intents).toEqual([expect.objectContaining({ kind: 'orphanSeen', count: 1, action: 'wait' })])
    expect(first.orphanChecked).toEqual(['t1'])
    const counters = new Map([[linkKey('t1', src.ticket), 1]])
    const tooSoon = plan(
      input(source([]), [view], {
        links,
        orphanCounters: counters,
        lastOrphanCheck: new Map([['t1', NOON_MONDAY - 10_000]]),
      }),
    )
    expect(tooSoon).toEqual({ intents: [], orphanChecked: [] })
    const second = plan(
      input(source([]), [view], {
        links,
        orphanCounters: counters,
        lastOrphanCheck: new Map([['t1', NOON_MONDAY - 30_000]]),
      }),
    )
    expect(kinds(second.intents)).toEqual(['orphanSeen:orphan', 'cancel:orphan'])
    expect(second.intents[0]).toMatchObject({ count: 2, action: 'kill' })
  })

  it('preserve reports the orphan once and leaves it for good', () => {
    const src = order()
    const copy = copyOf(src)
    const view = target([copy], {
      config: targetConfig({ orphans: { policy: 'preserve', confirmations: 1 } }),
    })
    const { intents } = plan(
      input(source([]), [view], { links: [active(src.ticket, copy.ticket)], ...checkDue }),
    )
    expect(kinds(intents)).toEqual(['orphanSeen:orphan', 'link:orphan'])
    expect(intents[1]).toMatchObject({ status: 'preserved' })
    const later = plan(
      input(source([]), [view], { links: [active(src.ticket, copy.ticket, 'preserved')], ...checkDue }),
    )
    expect(later.intents).toEqual([])
  })

  it('no orphan decision while the source is not synced, nor in a scoped (push) plan', () => {
    const src = order()
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    const view = target([copy], { config: targetConfig({ orphans: { confirmations: 1 } }) })
    expect(kinds(plan(input(source([], { synced: false }), [view], { links })).intents)).toEqual([
      'skipTarget:sourceNotSynced',
    ])
    expect(plan(input(source([]), [view], { links, scope: [src.ticket] })).intents).toEqual([])
    // nor with a counter one sighting short of the kill, nor a reset of another copy's counter
    const orphanCounters = new Map([
      [linkKey('t1', src.ticket), 4],
      [linkKey('t1', 999n), 1],
    ])
    const killer = target([copy], { config: targetConfig({ orphans: { confirmations: 5 } }) })
    expect(plan(input(source([]), [killer], { links, orphanCounters, scope: [src.ticket] })).intents).toEqual(
      [],
    )
  })

  it('a counter is reset at the next check once the source is back or the copy is gone', () => {
    const src = order()
    const copy = copyOf(src)
    const counters = new Map([[linkKey('t1', src.ticket), 2]])
    const back = plan(
      input(source([src]), [target([copy])], {
        links: [active(src.ticket, copy.ticket)],
        orphanCounters: counters,
      }),
    )
    expect(kinds(back.intents)).toEqual(['orphanCleared:newSource'])
    const gone = plan(
      input(source([]), [target([])], { links: [active(src.ticket, copy.ticket)], orphanCounters: counters }),
    )
    expect(kinds(gone.intents)).toEqual(['orphanCleared:copyGone', 'link:sourceGone'])
  })

  it('source filled: keep, cancel, or market within the slippage (else cancel)', () => {
    const src = order({ price: 1.1 })
    const copy = copyOf(src)
    const links = [active(src.ticket, copy.ticket)]
    const gone = source([], { gone: new Map([[src.ticket, 'filled' as const]]) })
    const run = (sourceFilled: Record<string, unknown>, quotes = {}) =>
      plan(input(gone, [target([copy], { config: targetConfig({ sourceFilled }), quotes })], { links }))
        .intents
    expect(run({ policy: 'keep' })).toEqual([
      expect.objectContaining({ kind: 'link', status: 'kept', reason: 'keptAfterFill' }),
    ])
    expect(kinds(run({ policy: 'cancel' }))).toEqual(['cancel:sourceFilled'])
    const near = { EURUSD: { bid: 1.10002, ask: 1.10008 } }
    expect(run({ policy: 'market', maxSlippagePoints: 10 }, near)).toEqual([
      expect.objectContaining({
        kind: 'convertToMarket',
        side: 'buy',
        price: 1.10008,
        volume: 1,
        deviationPoints: 10,
      }),
    ])
    expect(kinds(run({ policy: 'market', maxSlippagePoints: 5 }, near))).toEqual(['cancel:slippage'])
    expect(kinds(run({ policy: 'market' }))).toEqual(['leave:noQuote'])
    // Kept copies stay alone afterwards.
    const kept = [active(src.ticket, copy.ticket, 'kept')]
    expect(
      plan(
        input(gone, [target([copy], { config: targetConfig({ sourceFilled: { policy: 'keep' } }) })], {
          links: kept,
        }),
      ).intents,
    ).toEqual([])
  })

  it('bookkeeping first, then cancels (freeing max-pending room), then places', () => {
    const gone = order()
    const fresh = order()
    const copy = copyOf(gone)
    const view = target([copy], {
      config: targetConfig({ maxPendingOrders: 1, orphans: { confirmations: 1 } }),
    })
    const { intents } = plan(input(source([fresh]), [view], { links: [active(gone.ticket, copy.ticket)] }))
    expect(kinds(intents)).toEqual(['orphanSeen:orphan', 'cancel:orphan', 'place:newSource'])
  })
})
