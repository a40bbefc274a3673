/**
 * SL/TP in `distance` mode on a broker with a coarser price grid, and day / specified-day expiries on
 * target servers in other time zones (`shiftToServerTime`), end to end.
 */
import { type BrokerConfig, deriveBroker } from 'mt5web/sim'
import { beforeEach, describe, expect, it } from 'vitest'
import { pendingOrderTypes } from '../../src/config/schema.js'
import {
  brokers,
  configInput,
  copiesOf,
  HEDGING,
  makeCopier,
  NETTING,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  simPerTest,
  T,
  until,
  WEDNESDAY_NOON,
} from './_env.js'

const ALL_TYPES = [...pendingOrderTypes]

/** Quotes on a 0.0005 grid (5 digits): the copy's price is not the source's. */
function tickBroker(): BrokerConfig {
  const b = deriveBroker(brokers()[0] as BrokerConfig, {
    name: 'TickBroker',
    symbolOverrides: { tickSize: 0.0005 },
  })
  b.firstOrderTicket = 60_000_000n
  return b
}

/** A server whose clock runs 5 hours behind UTC (and the source's). */
function westBroker(): BrokerConfig {
  const b = deriveBroker(brokers()[0] as BrokerConfig, { name: 'WestBroker' })
  b.firstOrderTicket = 70_000_000n
  b.timezoneShift = -5 * 3600
  return b
}

describe('copier e2e: SL/TP distance and day expiries across time zones', () => {
  const sim = simPerTest(() => [tickBroker(), westBroker()])
  let env: SimEnv
  beforeEach(() => {
    env = sim()
  })

  it('sltp distance: SL/TP keep their distance from the copy’s own price, and follow a source change', async () => {
    const ticket = placeSource(env, {
      symbol: 'EURUSD',
      type: T.buyLimit,
      lots: 0.1,
      price: 1.0702,
      sl: 1.0604,
      tp: 1.0902,
    })
    const c = makeCopier(
      env,
      configInput(env, {
        // the same broker, two accounts: one copies the stops as prices, one as distances
        coarse: { server: env.sim.url('TickBroker'), login: NETTING, sltp: 'copy', lots: { multiplier: 1 } },
        limits: {
          server: env.sim.url('TickBroker'),
          login: HEDGING,
          sltp: 'distance',
          orderTypes: ALL_TYPES,
        },
      }),
    )
    await c.copier.start()
    try {
      const distance = () => copiesOf(env, 'TickBroker', HEDGING, ticket)[0]
      const copied = () => copiesOf(env, 'TickBroker', NETTING, ticket)[0]
      await until(() => distance() !== undefined && copied() !== undefined, 5000)
      // 1.0702 → 1.0700 on the grid; SL 98 points under it, TP 200 above (the source's distances)
      expect(distance()?.priceOrder).toBeCloseTo(1.07, 8)
      expect(distance()?.priceSl).toBeCloseTo(1.06, 8)
      expect(distance()?.priceTp).toBeCloseTo(1.09, 8)
      // copied as prices, each on the grid: the SL is 95 points under the copy's price, not 98
      expect(copied()?.priceOrder).toBeCloseTo(1.07, 8)
      expect(copied()?.priceSl).toBeCloseTo(1.0605, 8)
      expect(copied()?.priceTp).toBeCloseTo(1.09, 8)

      // the source's SL moves up to 78 points under its price: the copy's SL follows at that distance
      const r = env.sim.control.modifyOrder(SOURCE_LOGIN, ticket, { sl: 1.0624 })
      expect(r.result.retcode).toBe(10009)
      await until(() => Math.abs((distance()?.priceSl ?? 0) - 1.062) < 1e-9, 5000)
      await until(() => Math.abs((copied()?.priceSl ?? 0) - 1.0625) < 1e-9, 5000)
      expect(distance()?.priceOrder).toBeCloseTo(1.07, 8)
      expect(distance()?.priceTp).toBeCloseTo(1.09, 8)

      // in sync now (the executor has recorded both results): a full pass changes nothing
      const modified = () =>
        c.events
          .filter((e) => e.action === 'modified' && e.target !== 'suffix')
          .map((e) => e.target)
          .sort()
      await until(() => modified().length === 2, 3000)
      expect(modified()).toEqual(['coarse', 'limits'])
      const summary = await c.copier.reconcileOnce()
      expect(summary.actions).toBe(0)
      expect(modified()).toHaveLength(2)
    } finally {
      await c.close()
    }
  })

  it('shiftToServerTime: day and specified-day expiries keep their day on servers 2 h ahead and 5 h behind', async () => {
    const noon = Math.floor(WEDNESDAY_NOON / 1000)
    const wednesday = noon - 12 * 3600 // the date: Wednesday 00:00 (the order lives until the day ends)
    const thursdayLate = noon + 35 * 3600 // Thursday 23:00: the time of day of a date is not part of it
    const order = (price: number, typeTime: number, expiration?: number) =>
      placeSource(env, {
        symbol: 'EURUSD',
        type: T.buyLimit,
        lots: 0.1,
        price,
        typeTime,
        ...(expiration === undefined ? {} : { expiration }),
      })
    const day = order(1.07, 1)
    const today = order(1.069, 3, wednesday)
    const tomorrow = order(1.068, 3, thursdayLate)
    const c = makeCopier(
      env,
      configInput(env, {
        suffix: { expiration: 'copy' },
        // CoarseBroker's server clock runs 2 hours ahead of the source's, WestBroker's 5 hours behind
        coarse: { expiration: 'shiftToServerTime' },
        limits: { server: env.sim.url('WestBroker'), expiration: 'shiftToServerTime', orderTypes: ALL_TYPES },
      }),
    )
    try {
      const first = await c.copier.reconcileOnce()
      expect(c.events.filter((e) => e.action === 'refused')).toEqual([])
      expect(first.problems).toBe(0)
      for (const [broker, login] of [
        ['SuffixBroker', HEDGING],
        ['CoarseBroker', NETTING],
        ['WestBroker', HEDGING],
      ] as const) {
        expect(copiesOf(env, broker, login, day)[0], broker).toMatchObject({ typeTime: 1, timeExpiration: 0 })
        expect(copiesOf(env, broker, login, today)[0], broker).toMatchObject({
          typeTime: 3,
          timeExpiration: wednesday,
        })
        expect(copiesOf(env, broker, login, tomorrow)[0], broker).toMatchObject({
          typeTime: 3,
          timeExpiration: thursdayLate,
        })
      }
      // in sync: the next pass neither modifies nor places anything
      const second = await c.copier.reconcileOnce()
      expect(second.actions).toBe(0)
      expect(c.events.filter((e) => e.action === 'placed')).toHaveLength(9)
      expect(c.events.filter((e) => e.action === 'modified')).toEqual([])
    } finally {
      await c.close()
    }
  })
})
