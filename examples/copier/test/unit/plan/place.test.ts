import { describe, expect, it } from 'vitest'
import { formatTag } from '../../../src/link/tag.js'
import { plan } from '../../../src/plan/plan.js'
import type { Intent, PlaceIntent, RefuseIntent } from '../../../src/plan/types.js'
import { linkKey } from '../../../src/plan/types.js'
import {
  copyOf,
  input,
  kinds,
  NOON_MONDAY,
  order,
  source,
  symbolSpec,
  TAG,
  target,
  targetConfig,
} from '../../helpers/planInput.js'

const only = <K extends Intent['kind']>(intents: Intent[], kind: K) =>
  intents.filter((i): i is Extract<Intent, { kind: K }> => i.kind === kind)

function placeOne(config: Record<string, unknown>, src = order(), view: Parameters<typeof target>[1] = {}) {
  const { intents } = plan(input(source([src]), [target([], { config: targetConfig(config), ...view })]))
  return intents
}

describe('plan: new source orders', () => {
  it('places a tagged copy with the source fields', () => {
    const src = order({ volume: 0.5, price: 1.100004, sl: 1.09, tp: 1.12 })
    const [place] = placeOne({}, src) as [PlaceIntent]
    expect(place).toMatchObject({
      kind: 'place',
      target: 't1',
      sourceTicket: src.ticket,
      reason: 'newSource',
      marginCheck: true,
      order: {
        symbol: 'EURUSD',
        type: 'buyLimit',
        volume: 0.5,
        price: 1.1,
        sl: 1.09,
        tp: 1.12,
        timeType: 'gtc',
        expirationMs: 0,
        comment: formatTag(src.ticket, TAG),
      },
    })
    expect(place.detail).toContain('buyLimit 0.5 EURUSD')
  })

  it('plans nothing at all while the source is not synced', () => {
    const src = order()
    const { intents } = plan(input(source([src], { synced: false }), [target([])]))
    expect(kinds(intents)).toEqual(['skipTarget:sourceNotSynced'])
  })

  it('skips disabled, disconnected and unsynced targets', () => {
    const src = order()
    const { intents } = plan(
      input(source([src]), [
        target([], { id: 'a', config: targetConfig({ enabled: false }, 'a') }),
        target([], { id: 'b', connected: false }),
        target([], { id: 'c', synced: false }),
      ]),
    )
    expect(kinds(intents)).toEqual([
      'skipTarget:targetDisabled',
      'skipTarget:targetDisconnected',
      'skipTarget:targetNotSynced',
    ])
  })

  it('sizes lots: multiplier, per-symbol multiplier, fixed, rounded down to the step', () => {
    const vol = (config: Record<string, unknown>, volume: number, step = 0.01) =>
      (
        placeOne(config, order({ volume }), {
          symbols: [symbolSpec('EURUSD', { volumeStep: step })],
        })[0] as PlaceIntent
      ).order.volume
    expect(vol({ lots: { multiplier: 0.5 } }, 1.23)).toBe(0.61)
    expect(vol({ lots: { multiplier: 2, symbols: { EURUSD: 0.3 } } }, 1)).toBe(0.3)
    expect(vol({ lots: { fixed: 0.07 } }, 5)).toBe(0.07)
    expect(vol({ lots: { multiplier: 3 } }, 0.1)).toBe(0.3)
    expect(vol({}, 0.37, 0.1)).toBe(0.3)
  })

  it('below the minimum: skip or raise to the minimum (target or symbol, whichever is larger)', () => {
    const src = order({ volume: 0.02 })
    const skip = placeOne({ lots: { min: 0.05 } }, src)[0] as RefuseIntent
    expect(skip).toMatchObject({ kind: 'refuse', reason: 'volumeBelowMin' })
    expect(skip.detail).toContain('0.02 lots is below the minimum (0.05..100 step 0.01)')
    const raised = placeOne({ lots: { min: 0.05, belowMin: 'raiseToMin' } }, src)[0] as PlaceIntent
    expect(raised.order.volume).toBe(0.05)
    const symbolMin = placeOne({ lots: { belowMin: 'raiseToMin' } }, src, {
      symbols: [symbolSpec('EURUSD', { volumeMin: 0.1, volumeStep: 0.1 })],
    })[0] as PlaceIntent
    expect(symbolMin.order.volume).toBe(0.1)
  })

  it('above the maximum: cap or skip', () => {
    const src = order({ volume: 8 })
    expect((placeOne({ lots: { max: 2.5 } }, src)[0] as PlaceIntent).order.volume).toBe(2.5)
    expect(placeOne({ lots: { max: 2.5, aboveMax: 'skip' } }, src)[0]).toMatchObject({
      reason: 'volumeAboveMax',
    })
    const symbolMax = placeOne({}, src, {
      symbols: [symbolSpec('EURUSD', { volumeMax: 5, volumeStep: 2 })],
    })[0] as PlaceIntent
    expect(symbolMax.order.volume).toBe(4)
  })

  it('refuses when no volume fits the target and the symbol limits together', () => {
    const refusal = placeOne({ lots: { max: 0.05 } }, order(), {
      symbols: [symbolSpec('EURUSD', { volumeMin: 0.1 })],
    })[0]
    expect(refusal).toMatchObject({ kind: 'refuse', reason: 'volumeOutOfRange' })
  })

  it('maps symbols: explicit pair, suffix rule, same name; a missing one is refused with what was tried', () => {
    const specs = [symbolSpec('XAUUSD', { digits: 2, point: 0.01, tickSize: 0.01 }), symbolSpec('EURUSD.m')]
    const config = { symbols: { GOLD: 'XAUUSD', '*': '*.m' } }
    const gold = order({ symbol: 'GOLD', price: 2000.123, sl: 1990, tp: 2010 })
    expect((placeOne(config, gold, { symbols: specs })[0] as PlaceIntent).order).toMatchObject({
      symbol: 'XAUUSD',
      price: 2000.12,
    })
    expect((placeOne(config, order(), { symbols: specs })[0] as PlaceIntent).order.symbol).toBe('EURUSD.m')
    const missing = placeOne(config, order({ symbol: 'GBPUSD' }), { symbols: specs })[0] as RefuseIntent
    expect(missing).toMatchObject({ kind: 'refuse', reason: 'symbolMissing' })
    expect(missing.detail).toContain('tried GBPUSD.m, GBPUSD')
  })

  it('refuses order types the target does not allow or the symbol does not support', () => {
    expect(placeOne({ orderTypes: ['sellLimit'] }, order())[0]).toMatchObject({
      reason: 'orderTypeNotAllowed',
    })
    const stopOnly = { symbols: [symbolSpec('EURUSD', { orderFlags: 4 })] }
    expect(placeOne({}, order(), stopOnly)[0]).toMatchObject({ reason: 'orderTypeNotSupported' })
    expect(
      placeOne({}, order({ type: 'buyStop', price: 1.2, sl: 1.19, tp: 1.3 }), stopOnly)[0],
    ).toMatchObject({ kind: 'place' })
    const limitOnly = { symbols: [symbolSpec('EURUSD', { orderFlags: 8 })] }
    const stopLimit = order({ type: 'buyStopLimit', price: 1.2, stopLimitPrice: 1.19, sl: 1.18, tp: 1.3 })
    expect(placeOne({}, stopLimit, limitOnly)[0]).toMatchObject({ reason: 'orderTypeNotSupported' })
  })

  it('follows the symbol trade mode', () => {
    const mode = (tradeMode: number, type: 'buyLimit' | 'sellLimit') =>
      placeOne({}, order({ type, sl: 0, tp: 0 }), { symbols: [symbolSpec('EURUSD', { tradeMode })] })[0]!
        .reason
    expect(mode(0, 'buyLimit')).toBe('tradeDisabled')
    expect(mode(3, 'buyLimit')).toBe('tradeDisabled')
    expect(mode(1, 'sellLimit')).toBe('sideNotAllowed')
    expect(mode(2, 'buyLimit')).toBe('sideNotAllowed')
    expect(mode(1, 'buyLimit')).toBe('newSource')
  })

  it('respects maxPendingOrders, counting every pending order on the target', () => {
    const a = order()
    const b = order()
    const c = order()
    const foreign = order({ comment: 'manual' })
    const { intents } = plan(
      input(source([a, b, c]), [target([foreign], { config: targetConfig({ maxPendingOrders: 3 }) })]),
    )
    expect(kinds(intents)).toEqual(['place:newSource', 'place:newSource', 'refuse:maxPendingOrders'])
    expect(only(intents, 'refuse')[0]?.sourceTicket).toBe(c.ticket)
  })

  it('checks the stops level against the target quote, and skips that check without a quote', () => {
    const spec = symbolSpec('EURUSD', { stopsLevelPoints: 100 })
    const src = order({ price: 1.0995, sl: 1.09, tp: 1.12 })
    const quotes = { EURUSD: { bid: 1.1, ask: 1.1002 } }
    expect(placeOne({}, src, { symbols: [spec], quotes })[0]).toMatchObject({ reason: 'priceTooClose' })
    expect(
      placeOne({}, order({ price: 1.099, sl: 1.0985, tp: 1.12 }), { symbols: [spec], quotes })[0],
    ).toMatchObject({
      reason: 'stopsTooClose',
    })
    expect(placeOne({}, order({ price: 1.099 }), { symbols: [spec], quotes })[0]).toMatchObject({
      kind: 'place',
    })
    expect(placeOne({}, src, { symbols: [spec] })[0]).toMatchObject({ kind: 'place' })
    // A buy limit above the market is on the wrong side even with a zero stops level.
    expect(placeOne({}, order({ price: 1.2, sl: 0, tp: 0 }), { quotes })[0]).toMatchObject({
      reason: 'priceTooClose',
    })
  })

  it('does not re-plan an unchanged refusal, and plans again once something relevant changed', () => {
    const src = order({ volume: 0.02 })
    const config = targetConfig({ lots: { min: 0.05 } })
    const first = plan(input(source([src]), [target([], { config })])).intents[0] as RefuseIntent
    const refusals = new Map([
      [linkKey('t1', src.ticket), { reason: first.reason, fingerprint: first.fingerprint }],
    ])
    const again = plan(input(source([src]), [target([], { config })], { refusals })).intents
    expect(kinds(again)).toEqual(['leave:refusedUnchanged'])
    const bigger = { ...src, volume: 0.04 }
    expect(kinds(plan(input(source([bigger]), [target([], { config })], { refusals })).intents)).toEqual([
      'refuse:volumeBelowMin',
    ])
    const lowered = targetConfig({ lots: { min: 0.01 } })
    expect(
      kinds(plan(input(source([src]), [target([], { config: lowered })], { refusals })).intents),
    ).toEqual(['place:newSource'])
  })

  it('an executor refusal (margin, final retcode) holds for the same order; margin is retried when it grows', () => {
    const src = order()
    const place = placeOne({}, src)[0] as PlaceIntent
    const key = linkKey('t1', src.ticket)
    const rejected = new Map([[key, { reason: 'rejected' as const, fingerprint: place.fingerprint }]])
    expect(kinds(plan(input(source([src]), [target([])], { refusals: rejected })).intents)).toEqual([
      'leave:refusedUnchanged',
    ])
    const moved = { ...src, price: 1.095 }
    expect(kinds(plan(input(source([moved]), [target([])], { refusals: rejected })).intents)).toEqual([
      'place:newSource',
    ])
    const noMargin = new Map([
      [key, { reason: 'noMargin' as const, fingerprint: place.fingerprint, marginFree: 100 }],
    ])
    expect(
      kinds(plan(input(source([src]), [target([], { marginFree: 100 })], { refusals: noMargin })).intents),
    ).toEqual(['leave:refusedUnchanged'])
    expect(
      kinds(plan(input(source([src]), [target([], { marginFree: 150 })], { refusals: noMargin })).intents),
    ).toEqual(['place:newSource'])
  })

  it('a server rejection outlives a max-pending refusal: the rejected order is not sent again when room frees up', () => {
    // The planner model test's counterexample (seed 575054353), shrunk: a target with
    // maxPendingOrders 5 holds a foreign order and three tagged copies of a gone source; the copy
    // of #107 is rejected by the server, a copy of #108 fills the last slot, a push about #107 then
    // met max pending and its refusal replaced the server's; once the orphans were killed the very
    // order the server had rejected was placed.
    const a = order({ ticket: 107n, volume: 0.01, price: 1, sl: 0, tp: 0 })
    const b = order({ ticket: 108n, volume: 0.01, price: 1, sl: 0, tp: 1 })
    const goneCopy = { ...a, comment: formatTag(101n, TAG) }
    let orders = [
      order({ ticket: 5000n, comment: 'cp:manual' }),
      { ...goneCopy, ticket: 5001n },
      { ...goneCopy, ticket: 5002n },
      { ...goneCopy, ticket: 5003n },
    ]
    const config = targetConfig({ maxPendingOrders: 5, orphans: { policy: 'kill', confirmations: 1 } })
    const refusals = new Map<string, { reason: RefuseIntent['reason']; fingerprint: string }>()
    const gone = new Map([[101n, 'cancelled' as const]])
    const run = (scope?: bigint[]) => {
      const p = plan(
        input(source([a, b], { gone }), [target(orders, { config })], {
          refusals,
          ...(scope ? { scope } : {}),
        }),
      )
      for (const i of p.intents) {
        if (i.kind === 'refuse') refusals.set(linkKey(i.target, i.sourceTicket), i)
        if (i.kind === 'cancel') orders = orders.filter((o) => o.ticket !== i.copyTicket)
        if (i.kind === 'place') orders = [...orders, { ...i.order, ticket: 9000n + BigInt(orders.length) }]
      }
      return p.intents
    }
    const [rejected] = plan(input(source([a]), [target(orders, { config })], { scope: [107n] })).intents as [
      PlaceIntent,
    ]
    refusals.set(linkKey('t1', 107n), { reason: 'rejected', fingerprint: rejected.fingerprint })
    expect(kinds(run([108n]))).toEqual(['place:newSource'])
    expect(orders).toHaveLength(5)
    expect(kinds(run([107n]))).toEqual(['leave:refusedUnchanged'])
    expect(refusals.get(linkKey('t1', 107n))?.reason).toBe('rejected')
    run()
    expect(orders).toHaveLength(2)
    const after = run()
    expect(after.filter((i) => i.kind === 'place')).toEqual([])
    expect(orders.filter((o) => o.comment === formatTag(107n, TAG))).toEqual([])
  })

  it('copies SL/TP as configured: copy, none, distance from the copy price', () => {
    const src = order({ price: 1.10004, sl: 1.09, tp: 1.12 })
    const spec = [symbolSpec('EURUSD', { digits: 4, point: 0.0001, tickSize: 0.0001 })]
    const fields = (sltp: string) => (placeOne({ sltp }, src, { symbols: spec })[0] as PlaceIntent).order
    expect(fields('copy')).toMatchObject({ price: 1.1, sl: 1.09, tp: 1.12 })
    expect(fields('none')).toMatchObject({ price: 1.1, sl: 0, tp: 0 })
    expect(fields('distance')).toMatchObject({ price: 1.1, sl: 1.09, tp: 1.12 })
    const stopLimit = order({ type: 'sellStopLimit', price: 1.05, stopLimitPrice: 1.06, sl: 1.07, tp: 1.0 })
    expect(
      (placeOne({ sltp: 'distance' }, stopLimit, { symbols: spec })[0] as PlaceIntent).order,
    ).toMatchObject({
      stopLimitPrice: 1.06,
      sl: 1.07,
      tp: 1.0,
    })
  })

  it('expiration: copy, none, shift between server time zones; a past or unsupported expiry is refused', () => {
    const exp = NOON_MONDAY + 6 * 3_600_000
    const src = order({ timeType: 'specified', expirationMs: exp })
    const srcView = source([src], { serverTimeOffsetMinutes: 120 })
    const fields = (expiration: string, offset = 180) =>
      plan(
        input(srcView, [
          target([], { config: targetConfig({ expiration }), serverTimeOffsetMinutes: offset }),
        ]),
      ).intents[0] as PlaceIntent
    expect(fields('copy').order).toMatchObject({ timeType: 'specified', expirationMs: exp })
    expect(fields('none').order).toMatchObject({ timeType: 'gtc', expirationMs: 0 })
    expect(fields('shiftToServerTime').order).toMatchObject({
      timeType: 'specified',
      expirationMs: exp + 3_600_000,
    })
    // Target server clock is UTC+3 → 15:00 there; a 14:00 expiry on it is past.
    const past = order({ timeType: 'specified', expirationMs: NOON_MONDAY + 2 * 3_600_000 })
    expect(
      plan(input(source([past]), [target([], { serverTimeOffsetMinutes: 180 })])).intents[0],
    ).toMatchObject({
      reason: 'alreadyExpired',
    })
    const gtcOnly = { symbols: [symbolSpec('EURUSD', { timeFlags: 1 })] }
    expect(placeOne({}, src, gtcOnly)[0]).toMatchObject({ reason: 'expirationNotSupported' })
  })

  it('trading hours and sessions are read on the target server clock', () => {
    const config = { tradingHours: [{ days: ['mon'], from: '08:00', to: '13:00' }] }
    const at = (offset: number) =>
      plan(
        input(source([order()]), [
          target([], { config: targetConfig(config), serverTimeOffsetMinutes: offset }),
        ]),
      ).intents[0]!.reason
    expect(at(0)).toBe('newSource') // 12:00
    expect(at(60)).toBe('outsideTradingHours') // 13:00
    const overnight = { tradingHours: [{ days: ['sun'], from: '22:00', to: '13:00' }] }
    expect(placeOne(overnight, order())[0]!.reason).toBe('newSource') // Monday 12:00, from Sunday 22:00
    const sessions = [[], [{ openMinutes: 0, closeMinutes: 11 * 60 }], [], [], [], [], []]
    expect(
      placeOne({}, order(), { symbols: [symbolSpec('EURUSD', { tradeSessions: sessions })] })[0],
    ).toMatchObject({
      reason: 'sessionClosed',
    })
  })

  it('never places an order again once its copy left the target', () => {
    const src = order()
    const links = [{ target: 't1', sourceTicket: src.ticket, copyTicket: 77n, status: 'active' as const }]
    expect(kinds(plan(input(source([src]), [target([])], { links })).intents)).toEqual(['link:copyGone'])
    const closed = [{ ...links[0]!, status: 'closed' as const }]
    expect(plan(input(source([src]), [target([])], { links: closed })).intents).toEqual([])
  })

  it('a source order with an impossible ticket is refused, the others still planned', () => {
    const bad = order({ ticket: 0n })
    const good = order()
    const { intents } = plan(input(source([bad, good]), [target([])]))
    expect(kinds(intents)).toEqual(['refuse:invalidSource', 'place:newSource'])
    expect(intents[0]).toMatchObject({ sourceTicket: 0n })
  })

  it('is deterministic: older source tickets first, the same plan for the same input', () => {
    const a = order()
    const b = order()
    const run = () => plan(input(source([b, a]), [target([])]))
    expect(only(run().intents, 'place').map((p) => p.sourceTicket)).toEqual([a.ticket, b.ticket])
    expect(run()).toEqual(run())
    expect(copyOf(a).comment).toBe(formatTag(a.ticket, TAG))
  })
})
