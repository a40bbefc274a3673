/**
 * History retention of both stores (`Store.prune`, `pruneHistory`): settled intents and action lines
 * older than the cutoff go, in batches; open intents, the newest row of each table, links, counters
 * and refusals stay; ids are never reused. PostgreSQL: a fresh database per test (test/helpers/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pruneHistory } from '../../../src/service/retention.js'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'
import type { IntentStatus, Store } from '../../../src/state/store.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

const DAY = 86_400_000

/** Opens a store on the test's database; `ids` reads a table's ids straight from the database. */
interface Backend {
  open(): Store
  ids(table: 'intents' | 'actions'): Promise<number[]>
}

const sqlite = (): (() => Backend) => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'copier-prune-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  return () => ({
    open: () => openSqliteStore(join(dir, 'state.db')),
    async ids(table) {
      const db = new Database(join(dir, 'state.db'), { readonly: true })
      try {
        return (db.prepare(`SELECT id FROM ${table} ORDER BY id`).all() as { id: number }[]).map((r) => r.id)
      } finally {
        db.close()
      }
    },
  })
}

const postgres = (): (() => Backend) => {
  const cluster = pgPerFile()
  const database = pgDatabasePerTest(cluster)
  return () => ({
    open: () => openPostgresStore({ connectionString: database() }),
    async ids(table) {
      const rows = await cluster().query<{ id: string }>(database(), `SELECT id FROM ${table} ORDER BY id`)
      return rows.map((r) => Number(r.id))
    },
  })
}

const intent = (sourceTicket: bigint, atMs: number) => ({
  target: 'ftmo',
  sourceTicket,
  kind: 'place' as const,
  tag: `cp:${sourceTicket}`,
  request: '{"symbol":"EURUSD"}',
  atMs,
})

const action = (sourceTicket: bigint, atMs: number) => ({
  atMs,
  target: 'ftmo',
  sourceTicket,
  action: 'placed',
  reason: 'new',
  detail: 'x',
})

/** One history row of the property test: its time, and for an intent how (and when) it ended. */
interface Row {
  gapMs: number
  status: IntentStatus
  closedAfterMs: number
}

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('%s store: history retention', { timeout: 60_000 }, (name, backend) => {
  const db = backend()

  it('deletes settled intents and action lines older than the cutoff in batches, keeps open intents, the newest rows and the state', async () => {
    const store = db().open()
    const ids = await store.commit({
      openIntents: [1, 2, 3, 4, 5].map((i) => intent(BigInt(i), i * 1000)),
      actions: [1, 2, 3, 4, 5].map((i) => action(BigInt(i), i * 1000)),
      links: [{ target: 'ftmo', sourceTicket: 1n, copyTicket: 11n, status: 'active' }],
      orphanCounters: [{ target: 'ftmo', sourceTicket: 9n, count: 2 }],
      refusals: [
        { target: 'ftmo', sourceTicket: 2n, reason: 'symbolMissing', fingerprint: 'f', detail: 'd', atMs: 1 },
      ],
      orphanChecks: [{ target: 'ftmo', atMs: 1 }],
    })
    const [a, b, c, , e] = ids as [number, number, number, number, number]
    await store.commit({
      closeIntents: [
        { id: a, status: 'done', copyTicket: 11n, atMs: 1500 },
        { id: b, status: 'failed', atMs: 2500 },
        // settled after the cutoff: kept
        { id: c, status: 'unknown', atMs: 9000 },
        // the newest intent: kept although settled before the cutoff
        { id: e, status: 'done', atMs: 5500 },
      ],
    })

    // one row per table and call: the caller repeats while a table filled its batch
    expect(await store.prune(6000, 1)).toEqual({ intents: 1, actions: 1 })
    const rest = await pruneHistory(store, { historyDays: 1, now: () => 6000 + DAY, batch: 1 })
    expect(rest).toEqual({ intents: 1, actions: 3 })
    expect(await db().ids('intents')).toEqual(ids.slice(2))
    expect(await db().ids('actions')).toHaveLength(1)
    expect((await store.openIntents()).map((i) => i.id)).toEqual([ids[3]])
    expect(await store.recentActions(10)).toEqual([expect.objectContaining({ sourceTicket: 5n, atMs: 5000 })])
    // state is not history
    const state = await store.load()
    expect(state.links).toHaveLength(1)
    expect(state.orphanCounters).toHaveLength(1)
    expect(state.refusals).toHaveLength(1)
    expect(state.lastOrphanCheck.get('ftmo')).toBe(1)

    // idempotent, and no id is reused after a delete
    expect(await store.prune(6000, 1000)).toEqual({ intents: 0, actions: 0 })
    const [next] = await store.commit({ openIntents: [intent(6n, 7000)], actions: [action(6n, 7000)] })
    expect(next).toBeGreaterThan(e)
    const actionIds = await db().ids('actions')
    expect(actionIds[1]).toBeGreaterThan(actionIds[0] as number)
    await store.close()
  })

  it('keeps exactly the open, recent and newest rows, whatever the history and the batch size', async () => {
    const row = fc.record({
      gapMs: fc.integer({ min: 0, max: 3 * DAY }),
      status: fc.constantFrom<IntentStatus>('open', 'done', 'failed', 'unknown'),
      closedAfterMs: fc.integer({ min: 0, max: 2 * DAY }),
    })
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 30 }),
        fc.integer({ min: 1, max: 40 * DAY }),
        fc.integer({ min: 1, max: 7 }),
        async (rows: Row[], nowOffset, batch) => {
          // a fresh set of rows on the same database: earlier runs' rows are gone or recent enough
          const base = ++run * 1000 * DAY
          const store = db().open()
          try {
            await store.prune(Number.MAX_SAFE_INTEGER, 1_000_000)
            const before = await db().ids('intents')
            const openBefore = new Set((await store.openIntents()).map((i) => i.id))
            const actionsBefore = await db().ids('actions')
            let t = base
            const times = rows.map((r) => (t += r.gapMs))
            const opened = await store.commit({
              openIntents: times.map((at, i) => intent(BigInt(i + 1), at)),
              actions: times.map((at, i) => action(BigInt(i + 1), at)),
            })
            await store.commit({
              closeIntents: rows.flatMap((r, i) =>
                r.status === 'open'
                  ? []
                  : [
                      {
                        id: opened[i] as number,
                        status: r.status as Exclude<IntentStatus, 'open'>,
                        atMs: (times[i] as number) + r.closedAfterMs,
                      },
                    ],
              ),
            })
            const now = base + nowOffset
            const cutoff = now - DAY
            await pruneHistory(store, { historyDays: 1, now: () => now, batch })

            const last = rows.length - 1
            const newestIntent = rows.length > 0 ? opened[last] : before[before.length - 1]
            const keptIntents = opened.filter((id, i) => {
              const r = rows[i] as Row
              return (
                r.status === 'open' || (times[i] as number) + r.closedAfterMs >= cutoff || id === newestIntent
              )
            })
            const previousKept = before.filter((id) => openBefore.has(id) || id === newestIntent)
            expect(await db().ids('intents')).toEqual([...previousKept, ...keptIntents])
            const actionIds = await db().ids('actions')
            const keptActions = times.flatMap((at, i) => (at >= cutoff || i === last ? [i] : []))
            expect(actionIds).toHaveLength(rows.length > 0 ? keptActions.length : actionsBefore.length)
          } finally {
            await store.close()
          }
        },
      ),
      { numRuns: name === 'sqlite' ? 60 : 8 },
    )
  })
})

describe('postgres store: a fleet prunes concurrently', { timeout: 60_000 }, () => {
  const db = postgres()

  it('two instances pruning at once delete each row once, never an open intent', async () => {
    const [one, two] = [db().open(), db().open()]
    const ids = await one.commit({
      openIntents: Array.from({ length: 60 }, (_, i) => intent(BigInt(i + 1), 1000 + i)),
      actions: Array.from({ length: 60 }, (_, i) => action(BigInt(i + 1), 1000 + i)),
    })
    // every third intent stays open (a restart settles it by lookup)
    await one.commit({
      closeIntents: ids
        .filter((_, i) => i % 3 !== 0)
        .map((id) => ({ id, status: 'done' as const, atMs: 2000 })),
    })
    const totals = await Promise.all(
      [one, two].map((s) => pruneHistory(s, { historyDays: 1, now: () => 10_000 + DAY, batch: 7 })),
    )
    // 40 settled, the newest (i = 59) among them; 59 action lines of 60
    expect(totals.reduce((n, t) => n + t.intents, 0)).toBe(39)
    expect(totals.reduce((n, t) => n + t.actions, 0)).toBe(59)
    expect(await db().ids('intents')).toEqual(
      ids.filter((_, i) => i % 3 === 0 || i === 59).sort((x, y) => x - y),
    )
    await Promise.all([one.close(), two.close()])
  })
})
