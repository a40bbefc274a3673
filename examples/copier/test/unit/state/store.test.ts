/**
 * The contract of a state {@link Store}, run against both implementations: SQLite (a temporary file)
 * and PostgreSQL (a fresh database per test on a throwaway cluster, test/helpers/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LinkStatus } from '../../../src/plan/types.js'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'
import type { Store } from '../../../src/state/store.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

const intent = (sourceTicket: bigint) => ({
  target: 'ftmo',
  sourceTicket,
  kind: 'place' as const,
  tag: `cp:${sourceTicket}`,
  request: '{"symbol":"EURUSD"}',
  atMs: 1000,
})

/** Registers a backend's hooks; returns how to open a store on the test's (same) database. */
type Backend = () => () => Store

const sqlite: Backend = () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'copier-state-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  return () => openSqliteStore(join(dir, 'state.db'))
}

const postgres: Backend = () => {
  const database = pgDatabasePerTest(pgPerFile())
  return () => openPostgresStore({ connectionString: database() })
}

describe.each([
  ['sqlite', sqlite],
  ['postgres', postgres],
] as const)('%s store (contract)', { timeout: 30_000 }, (_name, backend) => {
  const openStore = backend()

  it('keeps every part of a decision across a reopen, tickets beyond 2^63 exactly', async () => {
    const big = 18_000_000_000_000_000_001n
    const store = openStore()
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

    const again = openStore()
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
    const store = openStore()
    const bad = 'lost' as LinkStatus
    await expect(
      store.commit({
        openIntents: [intent(1n)],
        links: [{ target: 'a', sourceTicket: 1n, copyTicket: 2n, status: bad }],
      }),
    ).rejects.toThrow(/check constraint/i)
    expect(await store.openIntents()).toEqual([])
    expect((await store.load()).links).toEqual([])
    await store.close()
  })

  it('deletes a counter set to 0 and a cleared refusal', async () => {
    const store = openStore()
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
        const store = openStore()
        // one database for every run: start the model from what earlier runs left
        const model = new Map<string, unknown>(
          (await store.load()).links.map((l) => [`${l.target}/${l.sourceTicket}`, l]),
        )
        for (const links of batches) {
          await store.commit({ links })
          for (const l of links) model.set(`${l.target}/${l.sourceTicket}`, l)
        }
        const got = (await store.load()).links
        await store.close()
        expect(new Map(got.map((l) => [`${l.target}/${l.sourceTicket}`, l]))).toEqual(model)
      }),
      { numRuns: 15 },
    )
  }, 60_000)

  it('takes times with a fraction of a millisecond (a performance-based clock)', async () => {
    const store = openStore()
    await store.commit({
      openIntents: [{ ...intent(5n), atMs: 1000.6 }],
      orphanChecks: [{ target: 'ftmo', atMs: 99.4 }],
      actions: [{ atMs: 5.5, target: 'ic', sourceTicket: 3n, action: 'refused', reason: 'x', detail: 'x' }],
    })
    expect(Math.abs(((await store.openIntents())[0]?.atMs ?? 0) - 1000.6)).toBeLessThan(1)
    expect(Math.abs(((await store.load()).lastOrphanCheck.get('ftmo') ?? 0) - 99.4)).toBeLessThan(1)
    await store.close()
  })
})
