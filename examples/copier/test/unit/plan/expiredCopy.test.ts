import { describe, expect, it } from 'vitest'
import { plan } from '../../../src/plan/plan.js'
import type { Link } from '../../../src/plan/types.js'
import { input, kinds, NOON_MONDAY, order, source, target, targetConfig } from '../../helpers/planInput.js'

const IN_4_MINUTES = NOON_MONDAY + 240_000
const link = (sourceTicket: bigint, copyTicket: bigint): Link => ({
  target: 't1',
  sourceTicket,
  copyTicket,
  status: 'active',
})

// chaos seed 427: the source's expiry was removed a moment before its copy's old expiry passed; the
// modify came too late, the copy expired on the target, and the copier never placed it again
describe('plan: a linked copy that expired on its target', () => {
  it('is replaced when its source, still pending, no longer has the expiry it expired with', () => {
    const extended = order({ timeType: 'gtc', expirationMs: 0 })
    const { intents } = plan(
      input(source([extended]), [target([])], {
        links: [link(extended.ticket, 7n)],
        expiredCopies: new Map([[7n, { timeType: 'specified', expirationMs: IN_4_MINUTES }]]),
      }),
    )
    expect(kinds(intents)).toEqual(['place:newSource'])
    expect(intents[0]).toMatchObject({ order: { timeType: 'gtc', expirationMs: 0 } })
  })

  it('is given up when it expired with its source’s own expiry (the source expires too)', () => {
    const same = order({ timeType: 'specified', expirationMs: IN_4_MINUTES })
    const { intents } = plan(
      input(source([same]), [target([])], {
        links: [link(same.ticket, 7n)],
        expiredCopies: new Map([[7n, { timeType: 'specified', expirationMs: IN_4_MINUTES + 400 }]]),
      }),
    )
    expect(kinds(intents)).toEqual(['link:copyGone'])
  })

  it('compares with the expiry the policy gives the copy, not the source’s own', () => {
    // `expiration: none`: copies are good till cancelled whatever the source's expiry
    const config = targetConfig({ expiration: 'none' })
    const later = order({ timeType: 'specified', expirationMs: IN_4_MINUTES + 3_600_000 })
    const expired = new Map([[7n, { timeType: 'gtc' as const, expirationMs: 0 }]])
    const { intents } = plan(
      input(source([later]), [target([], { config })], {
        links: [link(later.ticket, 7n)],
        expiredCopies: expired,
      }),
    )
    expect(kinds(intents)).toEqual(['link:copyGone'])
  })

  it('a copy that left otherwise (no expiry recorded) or a closed link is never placed again', () => {
    const extended = order({ timeType: 'gtc', expirationMs: 0 })
    const gone = plan(input(source([extended]), [target([])], { links: [link(extended.ticket, 7n)] }))
    expect(kinds(gone.intents)).toEqual(['link:copyGone'])
    const closed = plan(
      input(source([extended]), [target([])], {
        links: [{ ...link(extended.ticket, 7n), status: 'closed' }],
        expiredCopies: new Map([[7n, { timeType: 'specified', expirationMs: IN_4_MINUTES }]]),
      }),
    )
    expect(closed.intents).toEqual([])
  })
})
