import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StateError } from '../../../src/errors.js'
import { migrations } from '../../../src/state/migrations.js'
import { CHECKPOINT_EVERY, openSqliteStore } from '../../../src/state/sqlite.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copier-state-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('sqlite store', () => {
  it('creates the schema at the latest version, in WAL mode', async () => {
    const path = join(dir, 'state.db')
    const store = openSqliteStore(path)
    expect(await store.schemaVersion()).toBe(migrations.length)
    await store.close()
    const db = new Database(path, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    db.close()
  })

  it('migrates a version-1 database to ids without AUTOINCREMENT, keeping every row, its id and the id order', async () => {
    const path = join(dir, 'v1.db')
    const v1 = new Database(path)
    v1.exec(migrations[0] as string)
    v1.pragma('user_version = 1')
    const intent = v1.prepare(
      "INSERT INTO intents (target, source_ticket, kind, tag, request, at_ms, status) VALUES ('t', ?, 'place', 'cp:x', '{}', 1, ?)",
    )
    for (const [ticket, status] of [
      ['1', 'open'],
      ['2', 'done'],
      ['3', 'open'],
    ])
      intent.run(ticket, status)
    v1.prepare(
      "INSERT INTO actions (at_ms, target, source_ticket, action, reason, detail) VALUES (5, 't', '1', 'placed', 'newSource', 'd')",
    ).run()
    v1.close()

    const store = openSqliteStore(path)
    expect(await store.schemaVersion()).toBe(migrations.length)
    expect((await store.openIntents()).map((i) => [i.id, i.sourceTicket])).toEqual([
      [1, 1n],
      [3, 3n],
    ])
    expect((await store.recentActions(10)).map((a) => a.action)).toEqual(['placed'])
    // a new intent (and action) takes an id after every earlier one: recovery reads them in order
    const [id] = await store.commit({
      openIntents: [{ target: 't', sourceTicket: 4n, kind: 'place', tag: 'cp:y', request: '{}', atMs: 2 }],
      actions: [
        { atMs: 6, target: 't', sourceTicket: 4n, action: 'placed', reason: 'newSource', detail: 'e' },
      ],
    })
    expect(id).toBe(4)
    expect((await store.openIntents()).map((i) => i.id)).toEqual([1, 3, 4])
    expect((await store.recentActions(10)).map((a) => a.sourceTicket)).toEqual([4n, 1n])
    await store.close()
    const db = new Database(path, { readonly: true })
    const sql = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE name IN ('intents', 'actions', 'intents_open')")
      .all()
    db.close()
    expect(sql.map((r) => (r as { name: string }).name).sort()).toEqual([
      'actions',
      'intents',
      'intents_open',
    ])
    for (const r of sql) expect((r as { sql: string }).sql).not.toMatch(/AUTOINCREMENT/i)
  })

  it('refuses a database written by a newer copier, naming both versions', async () => {
    const path = join(dir, 'new.db')
    const db = new Database(path)
    db.pragma(`user_version = ${migrations.length + 1}`)
    db.close()
    expect(() => openSqliteStore(path)).toThrow(StateError)
    expect(() => openSqliteStore(path)).toThrow(`schema version ${migrations.length + 1}`)
  })

  it('opens read-only without creating anything and refuses writes', async () => {
    expect(() => openSqliteStore(join(dir, 'missing.db'), { readonly: true })).toThrow(StateError)
    const path = join(dir, 'state.db')
    await openSqliteStore(path).close()
    const ro = openSqliteStore(path, { readonly: true })
    await expect(ro.commit({ orphanChecks: [{ target: 'a', atMs: 1 }] })).rejects.toThrow(StateError)
    await ro.close()
  })
})

describe('sqlite checkpoints', () => {
  it('never checkpoints inside a commit: the WAL is copied back after the turn of the event loop', async () => {
    const path = join(dir, 'wal.db')
    const store = openSqliteStore(path)
    const size = () => statSync(path).size
    const action = (n: number) => ({
      atMs: n,
      target: 't1',
      sourceTicket: BigInt(n),
      action: 'placed',
      reason: 'new',
      // about a page per commit: 1,200 commits cross SQLite's own checkpoint threshold (1,000 pages)
      detail: 'x'.repeat(3500),
    })
    const before = size()
    // one turn: the commits return at once (better-sqlite3 is synchronous), no timer runs between them
    const commits: Promise<number[]>[] = []
    for (let n = 0; n < 1200; n++) commits.push(store.commit({ actions: [action(n)] }))
    await Promise.all(commits)
    // nothing copied into the database file yet: every page is still in the WAL
    expect(size()).toBe(before)
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1000 * 4096)
    await new Promise((r) => setImmediate(r))
    expect(size()).toBeGreaterThan(before + 1000 * 4096)
    expect((await store.recentActions(1))[0]?.sourceTicket).toBe(1199n)
    await store.close()
  })

  it(`checkpoints every ${CHECKPOINT_EVERY} commits: the WAL stops growing`, async () => {
    const path = join(dir, 'bounded.db')
    const store = openSqliteStore(path)
    const walAfter = async (commits: number) => {
      for (let n = 0; n < commits; n++) {
        await store.commit({ orphanChecks: [{ target: `t${n % 7}`, atMs: n }] })
        // a turn of the event loop between commits, as between two pushes
        await new Promise((r) => setImmediate(r))
      }
      return statSync(`${path}-wal`).size
    }
    const first = await walAfter(3 * CHECKPOINT_EVERY)
    // the WAL is written from its start again after each checkpoint: no larger after 10 more rounds
    expect(await walAfter(10 * CHECKPOINT_EVERY)).toBe(first)
    await store.close()
  })
})
