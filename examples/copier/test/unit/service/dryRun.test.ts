import { describe, expect, it } from 'vitest'
import type { Intent } from '../../../src/plan/types.js'
import { dryRun } from '../../../src/service/dryRun.js'

const order = {
  symbol: 'EURUSD.m',
  type: 'buyLimit' as const,
  volume: 0.2,
  price: 1.07,
  stopLimitPrice: 0,
  sl: 0,
  tp: 0,
  timeType: 'gtc' as const,
  expirationMs: 0,
  comment: 'cp:1:abc',
}

describe('dryRun', () => {
  it('tells each intent as the event it would produce and counts like a real pass', () => {
    const intents: Intent[] = [
      {
        kind: 'place',
        target: 'a',
        sourceTicket: 1n,
        reason: 'newSource',
        detail: 'p',
        order,
        marginCheck: false,
        fingerprint: 'f',
      },
      {
        kind: 'modify',
        target: 'a',
        sourceTicket: 2n,
        copyTicket: 20n,
        reason: 'sourceChanged',
        detail: 'm',
        changes: { price: 1.08 },
        order,
      },
      {
        kind: 'refuse',
        target: 'b',
        sourceTicket: 1n,
        reason: 'symbolMissing',
        detail: 'r',
        fingerprint: 'g',
      },
      { kind: 'leave', target: 'b', sourceTicket: 3n, reason: 'refusedUnchanged', detail: 'l' },
      {
        kind: 'link',
        target: 'a',
        sourceTicket: 4n,
        copyTicket: 40n,
        status: 'active',
        reason: 'adopted',
        detail: 'k',
      },
      {
        kind: 'orphanSeen',
        target: 'a',
        sourceTicket: 5n,
        copyTicket: 50n,
        count: 1,
        action: 'wait',
        reason: 'orphan',
        detail: 'o',
      },
      { kind: 'skipTarget', target: 'c', reason: 'targetDisconnected', detail: 's' },
    ]
    const r = dryRun({ intents, orphanChecked: ['a'] }, 7)
    expect(r.events.map((e) => [e.action, e.target, e.sourceTicket, e.reason])).toEqual([
      ['placed', 'a', 1n, 'newSource'],
      ['modified', 'a', 2n, 'sourceChanged'],
      ['refused', 'b', 1n, 'symbolMissing'],
      ['orphan', 'a', 5n, 'wait'],
      ['skipped', 'c', 0n, 'targetDisconnected'],
    ])
    expect(r.events.every((e) => e.dryRun === true && e.atMs === 7)).toBe(true)
    expect(r.events[0]).toMatchObject({ symbol: 'EURUSD.m', volume: 0.2 })
    expect(r.events[1]).toMatchObject({ copyTicket: 20n })
    expect(r).toMatchObject({ actions: 2, problems: 2, skippedTargets: ['c'] })
  })
})
