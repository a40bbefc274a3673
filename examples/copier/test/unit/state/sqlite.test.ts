import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { StateError } from '../../../src/errors.js'
import type { LinkStatus } from '../../../src/plan/types.js'
import { migrations } from '../../../src/state/migrations.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copier-state-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

const intent = (sourceTicket: bigint) => ({
  target: 'ftmo',
  sourceTicket,
  kind: 'place' as const,
  tag: `cp:${sourceTicket}`,
  request: '{"symbol":"EURUSD"}',
  atMs: 1000,
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

  it('keeps every part of a decision across a reopen, tickets beyond 2^63 exactly', async () => {
    const path = join(dir, 'state.db')
    const big = 18_000_000_000_000_000_001n
    const store = openSqliteStore(path)
    const ids = await store.commit({
      openIntents: [intent(1n), intent(big)],
      links: [{ target: 'ftmo', sourceTicket: big, copyTicket: big + 1n, status: 'active' }],
      orphanCounters: [{ target: 'ftmo', sourceTicket: 7n, count: 2 }],
      refusals: [
        {
          target: 'ic',
          sourceTicket: 3n,
          reason: 'symbolMissing',
          fingerprint: 'f1',
          detail: 'no XAUUSD',
          atMs: 5,
        },
      ],
      orphanChecks: [{ target: 'ftmo', atMs: 99 }],
      actions: [
        { atMs: 5, target: 'ic', sourceTicket: 3n, action: 'refused', reason: 'symbolMissing', detail: 'x' },
      ],
    })
    expect(ids).toHaveLength(2)
    await store.commit({
      closeIntents: [{ id: ids[0] as number, status: 'done', copyTicket: 42n, retcode: 10009, atMs: 6 }],
    })
    await store.close()

    const again = openSqliteStore(path)
    const state = await again.load()
    expect(state.links).toEqual([
      { target: 'ftmo', sourceTicket: big, copyTicket: big + 1n, status: 'active' },
    ])
    expect(state.orphanCounters).toEqual([{ target: 'ftmo', sourceTicket: 7n, count: 2 }])
    expect(state.refusals).toEqual([
      {
        target: 'ic',
        sourceTicket: 3n,
        reason: 'symbolMissing',
        fingerprint: 'f1',
        detail: 'no XAUUSD',
        atMs: 5,
      },
    ])
    expect(state.lastOrphanCheck).toEqual(new Map([['ftmo', 99]]))
    const open = await again.openIntents()
    expect(open.map((i) => i.sourceTicket)).toEqual([big])
    expect(open[0]).toMatchObject({ status: 'open', tag: `cp:${big}`, kind: 'place' })
    expect(await again.recentActions(10)).toEqual([
      {
        atMs: 5,
        target: 'ic',
        sourceTicket: 3n,
        action: 'refused',
        reason: 'symbolMissing',
        detail: 'x',
        copyTicket: undefined,
      },
    ])
    await again.close()
  })

  it('writes a decision all or nothing', async () => {
    const store = openSqliteStore(':memory:')
    const bad = 'lost' as LinkStatus
    await expect(
      store.commit({
        openIntents: [intent(1n)],
        links: [{ target: 'a', sourceTicket: 1n, copyTicket: 2n, status: bad }],
      }),
    ).rejects.toThrow(/CHECK constraint/)
    expect(await store.openIntents()).toEqual([])
    expect((await store.load()).links).toEqual([])
    await store.close()
  })

  it('deletes a counter set to 0 and a cleared refusal', async () => {
    const store = openSqliteStore(':memory:')
    await store.commit({
      orphanCounters: [{ target: 'a', sourceTicket: 1n, count: 1 }],
      refusals: [
        { target: 'a', sourceTicket: 1n, reason: 'noMargin', fingerprint: 'f', detail: 'd', atMs: 1 },
      ],
    })
    await store.commit({
      orphanCounters: [{ target: 'a', sourceTicket: 1n, count: 0 }],
      clearRefusals: [{ target: 'a', sourceTicket: 1n }],
    })
    const state = await store.load()
    expect(state.orphanCounters).toEqual([])
    expect(state.refusals).toEqual([])
    await store.close()
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

  it('links behave as a map keyed by (target, source ticket) for any sequence of upserts', async () => {
    const statuses: LinkStatus[] = ['active', 'kept', 'preserved', 'closed']
    const upsert = fc.record({
      target: fc.constantFrom('a', 'b'),
      sourceTicket: fc.bigInt({ min: 0n, max: 4n }),
      copyTicket: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      status: fc.constantFrom(...statuses),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(upsert, { maxLength: 4 }), { maxLength: 8 }), async (batches) => {
        const store = openSqliteStore(':memory:')
        const model = new Map<string, unknown>()
        for (const links of batches) {
          await store.commit({ links })
          for (const l of links) model.set(`${l.target}/${l.sourceTicket}`, l)
        }
        const got = (await store.load()).links
        await store.close()
        expect(new Map(got.map((l) => [`${l.target}/${l.sourceTicket}`, l]))).toEqual(model)
      }),
      { numRuns: 50 },
    )
  })
})
