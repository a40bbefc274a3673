/**
 * A PostgreSQL connection that drops while the copier holds it (between two statements of a
 * heartbeat or a transaction) is reported and survived: node-postgres emits `error` on a checked-out
 * client, which nothing listened to before, so the process died of an uncaught exception.
 */
import { describe, expect, it } from 'vitest'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

describe('postgres store: connection lost while checked out', { timeout: 30_000 }, () => {
  const database = pgDatabasePerTest(pgPerFile())

  it('reports the loss through onError and keeps working on a new connection', async () => {
    const errors: Error[] = []
    const store = openPostgresStore({ connectionString: database(), onError: (e) => errors.push(e) })
    try {
      await store.ready()
      for (const pool of [store.pool, store.heartbeatPool()]) {
        const before = errors.length
        const held = await pool.connect()
        const pid = (await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid
        // another connection ends the held one's backend while the holder is between statements
        const other = await store.pool.connect()
        await other.query('SELECT pg_terminate_backend($1)', [pid])
        other.release()
        for (let i = 0; i < 100 && errors.length === before; i++) await new Promise((r) => setTimeout(r, 20))
        expect(errors.length).toBeGreaterThan(before)
        await expect(held.query('SELECT 1')).rejects.toThrow()
        held.release(true)
        const again = await pool.query<{ one: number }>('SELECT 1 AS one')
        expect(again.rows[0]?.one).toBe(1)
      }
      expect(
        await store.commit({ links: [{ target: 't', sourceTicket: 1n, copyTicket: 2n, status: 'active' }] }),
      ).toEqual([])
    } finally {
      await store.close()
    }
  })
})
