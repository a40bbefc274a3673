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

  it('replace drops old entries', () => {
    const cache = new SymbolCache()
    cache.replace([info('A', 1)])
    cache.replace([info('B', 2)])
    expect(cache.byName('A')).toBeUndefined()
    expect(cache.byId(1)).toBeUndefined()
    expect(cache.size).toBe(1)
  })
})
