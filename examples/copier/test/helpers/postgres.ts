/** vitest hooks around the throwaway PostgreSQL cluster of `pgCluster.ts`. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type PgCluster, startPgCluster } from './pgCluster.js'

export type { PgCluster } from './pgCluster.js'

/** One cluster for the whole file (registers the hooks); call at the top of the file or a `describe`. */
export function pgPerFile(): () => PgCluster {
  let cluster: PgCluster | undefined
  beforeAll(async () => {
    cluster = await startPgCluster()
  }, 60_000)
  afterAll(async () => {
    await cluster?.stop()
  })
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster is not started')
    return cluster
  }
}

/** A fresh database for each test on the file's cluster: returns its URL (registers the hooks). */
export function pgDatabasePerTest(cluster: () => PgCluster): () => string {
  let url: string | undefined
  beforeEach(async () => {
    url = await cluster().createDatabase()
  }, 30_000)
  afterEach(async () => {
    if (url) await cluster().dropDatabase(url)
    url = undefined
  })
  return () => {
    if (!url) throw new Error('no test database')
    return url
  }
}
