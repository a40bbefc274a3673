import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StateError } from '../../../src/errors.js'
import { migrations } from '../../../src/state/migrations.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'

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
