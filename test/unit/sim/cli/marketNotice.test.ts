import { describe, expect, it } from 'vitest'
import { marketClosedNotice } from '../../../../src/sim/cli/marketNotice.js'
import { ALWAYS_OPEN, defaultBroker } from '../../../../src/sim/engine/config.js'
import { nextSessionOpen } from '../../../../src/sim/engine/sessions.js'

const SATURDAY_NOON = Date.UTC(2026, 0, 10, 12)
const WEDNESDAY_2330 = Date.UTC(2026, 0, 7, 23, 30)

describe('market-closed notice', () => {
  it('on a weekend names the closed market, 10018, when it opens and --sessions always', () => {
    const notice = marketClosedNotice([defaultBroker()], SATURDAY_NOON)
    expect(notice).toContain('Saturday 12:00')
    expect(notice).toContain('every symbol')
    expect(notice).toContain('10018')
    expect(notice).toContain('Monday 00:00')
    expect(notice).toContain('--sessions always')
  })

  it('names only the closed symbols when some trade', () => {
    const notice = marketClosedNotice([defaultBroker()], WEDNESDAY_2330)
    expect(notice).toContain('for US500:')
    expect(notice).toContain('Thursday 01:00')
  })

  it('says nothing when every symbol trades', () => {
    const open = defaultBroker()
    open.symbols = open.symbols.map((s) => ({ ...s, tradeSessions: ALWAYS_OPEN }))
    expect(marketClosedNotice([open], SATURDAY_NOON)).toBeUndefined()
    expect(marketClosedNotice([defaultBroker()], Date.UTC(2026, 0, 7, 12))).toBeUndefined()
  })

  it('nextSessionOpen: a schedule without sessions has no next open', () => {
    expect(nextSessionOpen([[], [], [], [], [], [], []], SATURDAY_NOON)).toBeUndefined()
  })
})
