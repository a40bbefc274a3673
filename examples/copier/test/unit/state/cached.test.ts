import { describe, expect, it } from 'vitest'
import { scopedLinks } from '../../../src/service/book.js'
import { cacheStore } from '../../../src/state/cached.js'
import { openSqliteStore } from '../../../src/state/sqlite.js'

describe('cached store', () => {
  it('knows which source tickets have a link: on load, after a commit, after a refresh', async () => {
    const path = ':memory:'
    const raw = openSqliteStore(path)
    await raw.commit({ links: [{ target: 'a', sourceTicket: 1n, copyTicket: 10n, status: 'active' }] })
    const store = await cacheStore(raw)
    expect([...store.state.linkedSources]).toEqual([1n])
    store.commitSync?.({ links: [{ target: 'b', sourceTicket: 2n, copyTicket: 20n, status: 'closed' }] })
    await store.commit({ links: [{ target: 'a', sourceTicket: 3n, copyTicket: 30n, status: 'active' }] })
    expect([...store.state.linkedSources].sort()).toEqual([1n, 2n, 3n])
    // a refresh reads the targets' links again from the store: the set follows what is left
    await store.refresh(['a', 'b'])
    expect([...store.state.linkedSources].sort()).toEqual([1n, 2n, 3n])
    // the links of scoped tickets: none looked up for a source ticket no target has a link to
    const links = store.state.links
    expect(scopedLinks(links, ['a', 'b'], [2n, 4n], store.state.linkedSources)).toEqual([
      { target: 'b', sourceTicket: 2n, copyTicket: 20n, status: 'closed' },
    ])
    expect(scopedLinks(links, ['a', 'b'], [4n], store.state.linkedSources)).toEqual([])
    expect(scopedLinks(links, ['a', 'b'], [1n, 3n])).toEqual(
      scopedLinks(links, ['a', 'b'], [1n, 3n], store.state.linkedSources),
    )
    await store.close()
  })
})
