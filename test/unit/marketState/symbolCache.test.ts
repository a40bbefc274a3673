import { describe, expect, it } from 'vitest'
import { SymbolCache } from '../../../src/marketState/symbolCache.js'
import type { SymbolInfo } from '../../../src/model/types.js'

const info = (name: string, id: number): SymbolInfo => ({
  name,
  id,
  digits: 5,
  description: '',
  path: '',
  calcMode: 0,
  basis: '',
  sector: 0,
})

describe('SymbolCache', () => {
  it('maps names and ids both ways', () => {
    const cache = new SymbolCache()
    cache.replace([info('EURUSD', 1), info('GBPUSD', 2)])
    expect(cache.byName('GBPUSD')?.id).toBe(2)
    expect(cache.byId(1)?.name).toBe('EURUSD')
    expect(cache.list().map((s) => s.name)).toEqual(['EURUSD', 'GBPUSD'])
  })

  it('expires after ttlMs and never with ttl 0 until invalidated', () => {
    let now = 0
    const cache = new SymbolCache(1000, () => now)
    expect(cache.fresh).toBe(false)
    cache.replace([info('A', 1)])
    now = 999
    expect(cache.fresh).toBe(true)
    now = 1000
    expect(cache.fresh).toBe(false)
    expect(cache.byName('A')).toBeDefined()

    const forever = new SymbolCache(0, () => now)
    forever.replace([info('A', 1)])
    now = 1e12
    expect(forever.fresh).toBe(true)
    forever.invalidate()
    expect(forever.fresh).toBe(false)
    expect(forever.loaded).toBe(false)
  })

  it('finds every id, small (array index) or large (map), and nothing for ids not listed', () => {
    const cache = new SymbolCache()
    const ids = [0, 1, 1023, 1030, 65_535, 65_536, 2 ** 32 - 1]
    cache.replace(ids.map((id) => info(`S${id}`, id)))
    for (const id of ids) expect(cache.byId(id)?.name).toBe(`S${id}`)
    for (const id of [2, 1024, -1, 0.5, Number.NaN, 2 ** 32]) expect(cache.byId(id)).toBeUndefined()
    // merge updates either kind in place, and adds nothing.
    expect(cache.merge(1, { digits: 3 })?.digits).toBe(3)
    expect(cache.merge(2 ** 32 - 1, { name: 'BIG' })?.name).toBe('BIG')
    expect(cache.byId(1)?.digits).toBe(3)
    expect(cache.byId(2 ** 32 - 1)?.name).toBe('BIG')
    expect(cache.byName('BIG')?.id).toBe(2 ** 32 - 1)
    expect(cache.merge(2, { digits: 1 })).toBeUndefined()
    expect(cache.byId(2)).toBeUndefined()
    // A new list forgets the ids of the old one.
    cache.replace([info('X', 5)])
    expect(cache.byId(1)).toBeUndefined()
    expect(cache.byId(2 ** 32 - 1)).toBeUndefined()
    expect(cache.byId(5)?.name).toBe('X')
  })

  it('replace drops old entries', () => {
    const cache = new SymbolCache()
    cache.replace([info('A', 1)])
    cache.replace([info('B', 2)])
    expect(cache.byName('A')).toBeUndefined()
    expect(cache.byId(1)).toBeUndefined()
    expect(cache.size).toBe(1)
  })
})
