/**
 * A copier on the database's own host reaches PostgreSQL through its Unix-domain socket: the
 * `host` parameter of `state.url` names the socket's folder (docs/copier.md, fleet: same-host
 * setups). No TCP on the way: the server sees no client address.
 */
import { describe, expect, it } from 'vitest'
import { resolvePgUrl } from '../../../src/state/pgUrl.js'
import { openPostgresStore } from '../../../src/state/postgres.js'
import { pgDatabasePerTest, pgPerFile } from '../../helpers/postgres.js'

describe('postgres store: Unix-domain socket', { timeout: 30_000 }, () => {
  const cluster = pgPerFile()
  const database = pgDatabasePerTest(cluster)

  it('connects with ?host=<socket folder> in state.url, and writes and reads through it', async () => {
    const name = new URL(database()).pathname.slice(1)
    const url = resolvePgUrl(
      {
        url: `postgres://postgres@localhost:${cluster().port}/${name}?host=${encodeURIComponent(cluster().socketDir)}`,
      },
      { env: {}, baseDir: '.', warn: () => undefined },
    )
    const store = openPostgresStore({ connectionString: url })
    try {
      await store.ready()
      const via = await store.pool.query<{ addr: string | null }>('SELECT inet_client_addr()::text AS addr')
      expect(via.rows[0]?.addr).toBeNull()
      await store.commit({ links: [{ target: 't', sourceTicket: 1n, copyTicket: 2n, status: 'active' }] })
      expect((await store.load()).links).toHaveLength(1)
    } finally {
      await store.close()
    }
  })
})
