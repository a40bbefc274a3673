/**
 * A PostgreSQL decision is one statement (one round trip) and its lease fence holds on a real
 * server: the owner's own renewal never makes it wait, a takeover in progress makes it fail with
 * nothing written, and a lease lost and taken back refuses what was decided under the old epoch.
 */
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LeaseError } from '../../../src/errors.js'
import { COMMIT_STATEMENT_NAME } from '../../../src/state/pgCommit.js'
import { openPostgresStore, type PostgresStore } from '../../../src/state/postgres.js'
import type { StoreChange } from '../../../src/state/store.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

const cluster = pgPerFile()
const database = pgDatabasePerTest(cluster)

const opened: { end(): Promise<void> }[] = []
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.end()
})

function store(fence?: Parameters<PostgresStore['setFence']>[0]): PostgresStore {
  const s = openPostgresStore({ connectionString: database(), ...(fence ? { fence } : {}) })
  opened.push({ end: () => s.close() })
  return s
}

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: database() })
  await c.connect()
  opened.push({ end: () => c.end() })
  return c
}

/** Leases of `t1` and `t2` owned by `a` at epoch 1, for a minute. */
async function leases(s: PostgresStore): Promise<void> {
  await s.ready()
  await cluster().query(
    database(),
    "INSERT INTO fleet_leases (target, owner, epoch, expires_at) VALUES ('t1', 'a', 1, now() + interval '1 minute'), ('t2', 'a', 1, now() + interval '1 minute')",
  )
}

const decision = (ticket: bigint): StoreChange => ({
  openIntents: [
    { target: 't1', sourceTicket: ticket, kind: 'place', tag: `cp:${ticket}`, request: '{}', atMs: 1 },
    { target: 't2', sourceTicket: ticket, kind: 'place', tag: `cp:${ticket}`, request: '{}', atMs: 1 },
  ],
  actions: [{ atMs: 1, target: 't1', sourceTicket: ticket, action: 'placed', reason: 'new', detail: '' }],
})

const intentCount = async () =>
  Number((await cluster().query<{ n: string }>(database(), 'SELECT count(*) AS n FROM intents'))[0]?.n)

describe('PostgreSQL decision statement', { timeout: 30_000 }, () => {
  it('writes a fenced decision in one statement (no BEGIN, no lease query, no COMMIT)', async () => {
    const s = store({ instance: 'a', epoch: () => 1 })
    await leases(s)
    await s.commit(decision(1n)) // the statement is prepared on this connection
    // every statement a pooled connection sends goes through Client.prototype.query
    const sent = vi.spyOn(pg.Client.prototype, 'query')
    const ids = await s.commit(decision(2n))
    expect(sent).toHaveBeenCalledTimes(1)
    sent.mockRestore()
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe((ids[0] as number) + 1)
    const intents = await s.openIntents()
    expect(intents.slice(2).map((i) => [i.id, i.target])).toEqual([
      [ids[0], 't1'],
      [ids[1], 't2'],
    ])
  })

  it("does not wait for its own instance's renewal in flight (a no-key update)", async () => {
    const s = store({ instance: 'a', epoch: () => 1 })
    await leases(s)
    const heartbeat = await client()
    await heartbeat.query('BEGIN')
    await heartbeat.query(
      "UPDATE fleet_leases SET renewed_at = now(), expires_at = now() + interval '2 minutes' WHERE owner = 'a'",
    )
    try {
      // the renewal holds its row locks until COMMIT: a FOR SHARE fence would wait here
      const done = await Promise.race([
        s.commit(decision(1n)).then(() => 'written'),
        new Promise((r) => setTimeout(() => r('blocked'), 3000)),
      ])
      expect(done).toBe('written')
    } finally {
      await heartbeat.query('COMMIT')
    }
    expect(await intentCount()).toBe(2)
  })

  it('waits for a takeover in progress, then refuses the whole decision, naming the target lost', async () => {
    const s = store({ instance: 'a', epoch: () => 1 })
    await leases(s)
    const b = await client()
    await b.query('BEGIN')
    // b claims t2 as every takeover does (leases.ts): FOR UPDATE SKIP LOCKED, then the new owner
    await b.query("SELECT target FROM fleet_leases WHERE target = 't2' FOR UPDATE SKIP LOCKED")
    await b.query("UPDATE fleet_leases SET owner = 'b', epoch = epoch + 1 WHERE target = 't2'")
    const pending = s.commit(decision(1n)).catch((e: unknown) => e)
    await new Promise((r) => setTimeout(r, 200))
    await b.query('COMMIT')
    const error = await pending
    expect(error).toBeInstanceOf(LeaseError)
    expect((error as LeaseError).targets).toEqual(['t2'])
    expect(await intentCount()).toBe(0)
    // no intent id taken either
    expect(await cluster().query(database(), 'SELECT is_called FROM intents_id_seq')).toEqual([
      { is_called: false },
    ])
  })

  it('refuses a decision made under an epoch the instance lost, even once it owns the lease again', async () => {
    let epoch = 1
    const s = store({ instance: 'a', epoch: () => epoch })
    await leases(s)
    await s.commit(decision(1n))
    // a lost both leases and took them back: they moved twice
    await cluster().query(database(), "UPDATE fleet_leases SET epoch = epoch + 2 WHERE owner = 'a'")
    const error = await s.commit(decision(2n)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LeaseError)
    expect((error as LeaseError).targets).toEqual(['t1', 't2'])
    expect(await intentCount()).toBe(2)
    epoch = 3
    await s.commit(decision(2n))
    expect(await intentCount()).toBe(4)
  })

  it('commits without waiting for the WAL flush only when asked (synchronousCommit: false)', async () => {
    // the test cluster runs with synchronous_commit off: this database asks for it on
    const name = new URL(database()).pathname.slice(1)
    await cluster().admin(`ALTER DATABASE ${name} SET synchronous_commit = on`)
    const durable = store()
    const fast = openPostgresStore({ connectionString: database(), synchronousCommit: false })
    opened.push({ end: () => fast.close() })
    const setting = async (s: PostgresStore) =>
      (await s.pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]
        ?.synchronous_commit
    expect(await setting(durable)).toBe('on')
    expect(await setting(fast)).toBe('off')
  })

  it('plans the decision statement once per connection, not at every decision', async () => {
    const s = openPostgresStore({ connectionString: database(), maxConnections: 1, fence: { instance: 'a' } })
    opened.push({ end: () => s.close() })
    await leases(s)
    for (let n = 1n; n <= 8n; n++) await s.commit(decision(n))
    // one connection: this query runs on the connection that executed the decisions
    const [plans] = (
      await s.pool.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1',
        [COMMIT_STATEMENT_NAME],
      )
    ).rows
    expect(Number(plans?.custom_plans)).toBe(0)
    expect(Number(plans?.generic_plans)).toBe(1 + 8) // the empty decision that prepared it, then 8
  })

  it('prepares the decision statement on every state connection before the first decision', async () => {
    const s = openPostgresStore({ connectionString: database(), maxConnections: 3 })
    opened.push({ end: () => s.close() })
    await s.ready()
    expect(s.pool.totalCount).toBe(3)
    // three connections checked out at once: each query runs on a different one
    const clients = await Promise.all([s.pool.connect(), s.pool.connect(), s.pool.connect()])
    try {
      const prepared = await Promise.all(
        clients.map(async (c) =>
          Number(
            (
              await c.query<{ n: string }>(
                'SELECT count(*) AS n FROM pg_prepared_statements WHERE name = $1',
                [COMMIT_STATEMENT_NAME],
              )
            ).rows[0]?.n,
          ),
        ),
      )
      expect(prepared).toEqual([1, 1, 1])
    } finally {
      for (const c of clients) c.release()
    }
    expect(await intentCount()).toBe(0) // the empty decision wrote nothing
  })

  it('keeps the sequential meaning of a change that sets and clears one refusal, and closes an intent once', async () => {
    const s = store()
    const [id] = await s.commit(decision(1n))
    const refusal = {
      target: 't1',
      sourceTicket: 5n,
      reason: 'noMargin' as const,
      fingerprint: 'f',
      detail: 'd',
      atMs: 1,
    }
    await s.commit({
      refusals: [refusal, { ...refusal, target: 't2' }],
      clearRefusals: [{ target: 't1', sourceTicket: 5n }],
      closeIntents: [
        { id: id as number, status: 'failed', atMs: 2 },
        { id: id as number, status: 'done', copyTicket: 9n, atMs: 3 },
      ],
    })
    expect((await s.load()).refusals.map((r) => r.target)).toEqual(['t2'])
    const closed = await cluster().query<{ status: string; copy_ticket: string }>(
      database(),
      'SELECT status, copy_ticket FROM intents WHERE id = $1',
      [id],
    )
    expect(closed).toEqual([{ status: 'done', copy_ticket: '9' }])
  })
})
