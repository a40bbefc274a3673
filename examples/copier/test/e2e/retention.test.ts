/**
 * History retention in the running service (`state.historyDays`): the history older than that is
 * deleted when the copier starts and then periodically while it runs, and an open intent (one a
 * restart settles by lookup: here on a disabled target, which nothing asks) survives every pass.
 */
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../src/state/sqlite.js'
import {
  configInput,
  copyCounts,
  makeCopier,
  placeSource,
  type SimEnv,
  simPerTest,
  T,
  until,
  WEDNESDAY_NOON,
} from './_env.js'

const DAY = 86_400_000

describe('copier e2e: history retention', () => {
  const sim = simPerTest()
  let env: SimEnv
  beforeEach(() => {
    env = sim()
  })

  /** Old history in the state: an open intent of the disabled target, a settled one, three action lines. */
  async function seeded() {
    const input = configInput(env, { limits: { enabled: false } })
    const path = input.state?.path as string
    const old = WEDNESDAY_NOON - 40 * DAY
    const seed = openSqliteStore(path)
    const [openId, settledId] = await seed.commit({
      openIntents: [
        { target: 'limits', sourceTicket: 1n, kind: 'place', tag: 'cp:1', request: '{}', atMs: old },
        { target: 'suffix', sourceTicket: 2n, kind: 'place', tag: 'cp:2', request: '{}', atMs: old },
      ],
      actions: [1, 2, 3].map((i) => ({
        atMs: old + i,
        target: 'suffix',
        sourceTicket: 2n,
        action: 'placed',
        reason: 'new',
        detail: 'old',
      })),
    })
    await seed.commit({ closeIntents: [{ id: settledId as number, status: 'done', atMs: old + 10 }] })
    await seed.close()
    const rows = (table: 'intents' | 'actions') => {
      const db = new Database(path, { readonly: true })
      try {
        return db.prepare(`SELECT id, at_ms FROM ${table} ORDER BY id`).all() as {
          id: number
          at_ms: number
        }[]
      } finally {
        db.close()
      }
    }
    return { input, path, openId: openId as number, settledId: settledId as number, rows }
  }

  it('prunes at start and periodically, never an open intent', { timeout: 30_000 }, async () => {
    const { input, path, openId, settledId, rows } = await seeded()
    // the copier's clock, shifted later to make its own history old
    let shift = 0
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.07 })
    const copier = makeCopier(env, input, { now: () => env.clock.now() + shift, pruneEveryMs: 50 })
    try {
      await copier.copier.start()
      await until(() => copyCounts(env, ticket).join() === '1,1,0')
      // at start: the old settled intent and the old action lines are gone, the open intent stays
      await until(() => !rows('intents').some((r) => r.id === settledId))
      expect(rows('intents').map((r) => r.id)[0]).toBe(openId)
      expect(rows('actions').every((r) => r.at_ms >= WEDNESDAY_NOON)).toBe(true)
      const placed = rows('intents').filter((r) => r.id !== openId)
      expect(placed).toHaveLength(2)
      expect(rows('actions').length).toBeGreaterThanOrEqual(2)

      // 31 days later, while running: its own history goes too, but for the newest row of each table
      shift = 31 * DAY
      await until(() => rows('actions').length === 1 && rows('intents').length === 2)
      expect(rows('intents').map((r) => r.id)).toEqual([openId, placed[1]?.id])
      const reader = openSqliteStore(path, { readonly: true })
      expect((await reader.openIntents()).map((i) => [i.id, i.target])).toEqual([[openId, 'limits']])
      await reader.close()
    } finally {
      await copier.close()
    }
  })

  it('a once pass prunes the old history after it acted', { timeout: 30_000 }, async () => {
    const { input, openId, rows } = await seeded()
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.07 })
    const copier = makeCopier(env, input)
    try {
      expect((await copier.copier.reconcileOnce()).problems).toBe(0)
    } finally {
      await copier.close()
    }
    expect(copyCounts(env, ticket)).toEqual([1, 1, 0])
    const intents = rows('intents')
    expect(intents[0]?.id).toBe(openId)
    expect(intents.slice(1).every((r) => r.at_ms >= WEDNESDAY_NOON)).toBe(true)
    expect(intents).toHaveLength(3)
    expect(rows('actions').every((r) => r.at_ms >= WEDNESDAY_NOON)).toBe(true)
  })
})
