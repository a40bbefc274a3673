import { describe, expect, it } from 'vitest'
import { batchCommits } from '../../../src/state/batch.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'
import type { StoreChange } from '../../../src/state/store.js'

const intent = (sourceTicket: bigint) => ({
  target: 't1',
  sourceTicket,
  kind: 'place' as const,
  tag: `cp:${sourceTicket}`,
  request: '{}',
  atMs: 1000,
})
const refusal = (sourceTicket: bigint) => ({
  target: 't1',
  sourceTicket,
  reason: 'rejected' as const,
  fingerprint: 'f',
  detail: 'refused',
  atMs: 1000,
})

/** A commit function that records what it was asked to write and numbers the intents. */
function recorder() {
  const commits: StoreChange[] = []
  let id = 0
  const commit = async (change: StoreChange) => {
    commits.push(change)
    return (change.openIntents ?? []).map(() => ++id)
  }
  return { commits, commit }
}

describe('group commit', () => {
  it('writes the changes of one event-loop turn in one transaction; each caller gets its own intent ids', async () => {
    const { commits, commit } = recorder()
    const batched = batchCommits(commit)
    const a = batched({ openIntents: [intent(1n), intent(2n)] })
    const b = batched({ closeIntents: [{ id: 9, status: 'done', atMs: 1 }] })
    const c = batched({
      openIntents: [intent(3n)],
      links: [{ target: 't1', sourceTicket: 3n, copyTicket: 30n, status: 'active' }],
    })
    expect(commits).toHaveLength(0)
    expect(await Promise.all([a, b, c])).toEqual([[1, 2], [], [3]])
    expect(commits).toHaveLength(1)
    expect(commits[0]?.openIntents?.map((i) => i.sourceTicket)).toEqual([1n, 2n, 3n])
    expect(commits[0]?.links).toHaveLength(1)
    await batched({ closeIntents: [{ id: 1, status: 'done', atMs: 2 }] })
    expect(commits).toHaveLength(2)
  })

  it('never merges a refusal with a clear of the same copy: they are written in the order given', async () => {
    const { commits, commit } = recorder()
    const batched = batchCommits(commit)
    await Promise.all([
      batched({ clearRefusals: [{ target: 't1', sourceTicket: 5n }] }),
      batched({ refusals: [refusal(6n)] }),
      batched({ refusals: [refusal(5n)] }),
      batched({ clearRefusals: [{ target: 't1', sourceTicket: 5n }] }),
    ])
    expect(commits.map((c) => [c.refusals?.length ?? 0, c.clearRefusals?.length ?? 0])).toEqual([
      [1, 1],
      [1, 0],
      [0, 1],
    ])
  })

  it('a failed transaction fails every change in it; the next batch is still written', async () => {
    let calls = 0
    const batched = batchCommits(async () => {
      calls++
      if (calls === 1) throw new Error('disk full')
      return []
    })
    const first = [batched({ actions: [] }), batched({ actions: [] })]
    for (const p of first) await expect(p).rejects.toThrow('disk full')
    await expect(batched({ actions: [] })).resolves.toEqual([])
  })

  it('leaves a SQLite store as the same changes one by one would', async () => {
    const changes: StoreChange[] = [
      { openIntents: [intent(1n)], refusals: [refusal(1n)] },
      { links: [{ target: 't1', sourceTicket: 1n, copyTicket: 10n, status: 'active' }] },
      {
        closeIntents: [{ id: 1, status: 'done', copyTicket: 10n, atMs: 5 }],
        clearRefusals: [{ target: 't1', sourceTicket: 1n }],
      },
      {
        orphanCounters: [{ target: 't1', sourceTicket: 2n, count: 2 }],
        orphanChecks: [{ target: 't1', atMs: 7 }],
      },
      {
        links: [{ target: 't1', sourceTicket: 1n, copyTicket: 10n, status: 'closed' }],
        refusals: [refusal(1n)],
      },
    ]
    const one = openSqliteStore(':memory:')
    for (const c of changes) await one.commit(c)
    const grouped = openSqliteStore(':memory:')
    const batched = batchCommits((c) => grouped.commit(c))
    await Promise.all(changes.map((c) => batched(c)))
    expect(await grouped.load()).toEqual(await one.load())
    expect(await grouped.openIntents()).toEqual(await one.openIntents())
    await one.close()
    await grouped.close()
  })
})
