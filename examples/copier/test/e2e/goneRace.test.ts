/**
 * A full pass counts orphans, so it must know how every gone source ended: a source order that left
 * the copier's view after the pass looked the gone ones up (filled while the source reconnected,
 * with no push) was counted as an orphan of unknown end and preserved for good, where
 * `sourceFilled: cancel` said cancel its copy. Found by the fault campaign (seed 18 at full length,
 * under load: two copies left pending after their source filled). Here a target's slow lookup (its
 * connection silenced) holds the pass while the source drops, fills and comes back.
 */
import { describe, expect, it } from 'vitest'
import {
  configInput,
  copiesOf,
  HEDGING,
  makeCopier,
  NETTING,
  placeSource,
  SOURCE_LOGIN,
  simPerTest,
  T,
  until,
} from './_env.js'

describe('copier e2e: a source that ends while a full pass runs', () => {
  const sim = simPerTest()

  it('a source filled unseen during the pass gets the sourceFilled policy, not the orphan one', async () => {
    const env = sim()
    const control = env.sim.control
    control.setPrice('EURUSD', 1.085, 1.0852)
    for (const [broker, symbol] of [
      ['SuffixBroker', 'EURUSD.m'],
      ['CoarseBroker', 'EURUSD'],
    ] as const)
      control.broker(broker).setPrice(symbol, 1.085, 1.0852)
    const input = configInput(env, {
      suffix: {
        orphans: { policy: 'preserve', checkEvery: 1, confirmations: 1 },
        sourceFilled: { policy: 'cancel' },
      },
      limits: { enabled: false },
    })
    const c = makeCopier(env, input, {
      clientOptions: {
        timeoutMs: 3000,
        reconnect: { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 20, maxDelayMs: 100 },
      },
    })
    try {
      const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.08 })
      await c.copier.reconcileOnce()
      const [copy] = copiesOf(env, 'SuffixBroker', HEDGING, ticket)
      const [coarseCopy] = copiesOf(env, 'CoarseBroker', NETTING, ticket)
      expect(copy && coarseCopy).toBeTruthy()
      // the coarse copy cancelled by hand: the next full pass looks it up in the coarse history,
      // which the silenced connection holds until its timeout
      control.broker('CoarseBroker').cancelOrder(NETTING, coarseCopy?.tradeOrder as bigint)
      const coarseOrders = () => c.copier.accounts().find((a) => a.id === 'coarse')?.orders
      await until(() => coarseOrders() === 0, 3000)
      control.broker('CoarseBroker').faults.silence(true)
      control.advanceClock(2000)
      const synced = () => c.copier.accounts().find((a) => a.id === 'source')?.status === 'synced'

      const pass = c.copier.reconcileOnce()
      await new Promise((r) => setTimeout(r, 200))
      // meanwhile the source drops, its order fills (no push reaches the copier) and it comes back
      control.broker().faults.down(true)
      await until(() => !synced(), 3000)
      control.setPrice('EURUSD', 1.0793, 1.0795)
      expect(control.account(SOURCE_LOGIN).orders).toEqual([])
      control.broker().faults.down(false)
      await until(synced, 3000)
      await pass
      control.broker('CoarseBroker').faults.silence(false)

      expect(c.events.filter((e) => e.target === 'suffix' && e.action === 'orphan')).toEqual([])
      expect(copiesOf(env, 'SuffixBroker', HEDGING, ticket)).toEqual([])
      expect(
        c.events.some(
          (e) => e.target === 'suffix' && e.action === 'cancelled' && e.reason === 'sourceFilled',
        ),
      ).toBe(true)
    } finally {
      await c.close()
    }
  })
})
