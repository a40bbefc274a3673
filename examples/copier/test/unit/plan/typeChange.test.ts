import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/plan/plan.js'
import { type Link, REPLACE } from '../../../src/plan/types.js'
import { copyOf, input, order, source, target, targetConfig } from '../../helpers/planInput.js'

const link = (sourceTicket: bigint, copyTicket: bigint): Link => ({
  target: 't1',
  sourceTicket,
  copyTicket,
  status: 'active',
})

// A stop-limit source that triggers becomes a limit order with the same ticket, at the former limit price.
const stopLimit = order({ type: 'buyStopLimit', price: 1.2, stopLimitPrice: 1.19 })
const triggered = { ...stopLimit, type: 'buyLimit' as const, price: 1.19, stopLimitPrice: 0 }

describe('plan: a source order whose type changed', () => {
  it('cancels the copy of the old type and places nothing while it is live', () => {
    const copy = copyOf(stopLimit)
    const { intents } = plan(
      input(source([triggered]), [target([copy])], { links: [link(stopLimit.ticket, copy.ticket)] }),
    )
    expect(intents).toHaveLength(1)
    expect(intents[0]).toMatchObject({
      kind: 'cancel',
      reason: 'sourceTypeChanged',
      copyTicket: copy.ticket,
      sourceTicket: stopLimit.ticket,
    })
  })

  it('places a copy of the source as it is now once the cancel is confirmed', () => {
    const { intents } = plan(
      input(source([triggered]), [target([])], { links: [link(stopLimit.ticket, REPLACE)] }),
    )
    expect(intents).toHaveLength(1)
    expect(intents[0]).toMatchObject({
      kind: 'place',
      sourceTicket: stopLimit.ticket,
      order: { type: 'buyLimit', price: 1.19, stopLimitPrice: 0, comment: copyOf(stopLimit).comment },
    })
  })

  it('refuses the replacement on a target whose orderTypes exclude the new type', () => {
    const config = targetConfig({ orderTypes: ['buyStopLimit', 'sellStopLimit'] })
    const { intents } = plan(
      input(source([triggered]), [target([], { config })], { links: [link(stopLimit.ticket, REPLACE)] }),
    )
    expect(intents).toHaveLength(1)
    expect(intents[0]).toMatchObject({ kind: 'refuse', reason: 'orderTypeNotAllowed' })
  })

  it('still never places again a copy that left the target (a closed link)', () => {
    const closed: Link = { ...link(stopLimit.ticket, 5n), status: 'closed' }
    expect(plan(input(source([triggered]), [target([])], { links: [closed] })).intents).toEqual([])
  })
})
