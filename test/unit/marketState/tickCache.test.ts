import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors.js'
import {
  DEFAULT_PROCESS_TICK_LIMIT,
  processTickUsage,
  setProcessTickLimit,
} from '../../../src/marketState/tickBudget.js'
import { TickCache } from '../../../src/marketState/tickCache.js'
import type { Tick } from '../../../src/model/types.js'

const tick = (symbol: string, timeMs: number, bid = timeMs): Tick => ({
  symbol,
  symbolId: 1,
  timeMs,
  bid,
  ask: bid + 1,
  last: 0,
  volume: 0,
  fields: 3,
  flags: 0,
})

describe('TickCache', () => {
  it('keeps at most `capacity` ticks per symbol, oldest evicted first', () => {
    const cache = new TickCache({ capacity: 3 })
    for (let t = 1; t <= 10; t++) cache.push(tick('A', t))
    expect(cache.count('A')).toBe(3)
    expect(cache.range('A', 0, 100).map((x) => x.timeMs)).toEqual([8, 9, 10])
    expect(cache.last('A')?.timeMs).toBe(10)
  })

  it('answers from/count and inclusive ranges in time order', () => {
    const cache = new TickCache({ capacity: 100 })
    for (let t = 0; t < 50; t++) cache.push(tick('A', t * 10))
    expect(cache.from('A', 95, 3).map((x) => x.timeMs)).toEqual([100, 110, 120])
    expect(cache.range('A', 100, 130).map((x) => x.timeMs)).toEqual([100, 110, 120, 130])
    expect(cache.from('B', 0, 10)).toEqual([])
    expect(cache.last('B')).toBeUndefined()
  })

  it('evicts the least recently updated symbol beyond maxSymbols', () => {
    const cache = new TickCache({ capacity: 2, maxSymbols: 2 })
    cache.push(tick('A', 1))
    cache.push(tick('B', 1))
    cache.push(tick('A', 2)) // A is now the most recent
    cache.push(tick('C', 1)) // evicts B
    expect(cache.symbols().sort()).toEqual(['A', 'C'])
    expect(cache.last('B')).toBeUndefined()
    expect(cache.symbolCount).toBe(2)
  })

  it('bounds memory for thousands of symbols', () => {
    const cache = new TickCache({ capacity: 5, maxSymbols: 1000 })
    for (let s = 0; s < 5000; s++) for (let t = 0; t < 10; t++) cache.push(tick(`S${s}`, t))
    expect(cache.symbolCount).toBe(1000)
    expect(cache.count('S4999')).toBe(5)
    expect(cache.count('S0')).toBe(0)
  })

  it('rejects a non-positive capacity', () => {
    expect(() => new TickCache({ capacity: 0 })).toThrow(RangeError)
  })
})

describe('TickCache storage', () => {
  it('keeps values, not the pushed objects: reads give fresh equal ticks', () => {
    const cache = new TickCache({ capacity: 4 })
    const pushed = {
      ...tick('A', 5, 1.23456),
      last: 1.2,
      volume: 0.07,
      fields: 15,
      flags: 0x200,
      symbolId: 7,
    }
    cache.push(pushed)
    const read = cache.last('A')
    expect(read).toEqual(pushed)
    expect(read).not.toBe(pushed)
    pushed.bid = 99
    expect(cache.last('A')?.bid).toBe(1.23456)
  })

  it('keeps any u32 fields and u16 flags exactly, beside any prices (property)', () => {
    const price = fc.double({ noNaN: true })
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            fields: fc.integer({ min: 0, max: 0xffff_ffff }),
            flags: fc.integer({ min: 0, max: 0xffff }),
            bid: price,
            ask: price,
            last: price,
            volume: price,
            timeMs: fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        (values) => {
          const cache = new TickCache({ capacity: 8 })
          const pushed = values.map((v) => ({ ...v, symbol: 'A', symbolId: 3 }))
          for (const t of pushed) cache.push(t)
          expect(cache.range('A', -Infinity, Infinity)).toEqual(pushed.slice(-8))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('matches a plain list model for any pushes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.integer({ min: 0, max: 1000 })), {
          maxLength: 200,
        }),
        (capacity, pushes) => {
          const cache = new TickCache({ capacity })
          const model = new Map<string, Tick[]>()
          for (const [symbol, t] of pushes) {
            const value = { ...tick(symbol, t, t / 7), volume: t / 100, flags: t & 0x2ff }
            cache.push(value)
            const list = model.get(symbol) ?? []
            list.push(value)
            if (list.length > capacity) list.shift()
            model.set(symbol, list)
          }
          for (const [symbol, list] of model) {
            expect(cache.count(symbol)).toBe(list.length)
            expect(cache.range(symbol, -1, 2000)).toEqual(list)
            expect(cache.from(symbol, 500, 3)).toEqual(list.filter((x) => x.timeMs >= 500).slice(0, 3))
          }
        },
      ),
      { numRuns: 200 },
    )
  })

  it('finds each symbol by id or name through renumbering, reuse of ids, deletes and clears (property)', () => {
    // The cache keeps an id index beside its name map: every mix of ids (small, past the index,
    // shared by two names, changed for a name) must give what a name-keyed model gives.
    const op = fc.oneof(
      {
        weight: 8,
        arbitrary: fc.record({
          kind: fc.constant('push' as const),
          symbol: fc.constantFrom('A', 'B', 'C'),
          id: fc.constantFrom(1, 2, 4095, 4096, 2 ** 32 - 1),
          t: fc.integer({ min: 0, max: 1000 }),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('delete' as const),
          symbol: fc.constantFrom('A', 'B', 'C'),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(op, { maxLength: 120 }), (capacity, ops) => {
        const cache = new TickCache({ capacity })
        // A ring keeps the id of the tick that created it.
        const model = new Map<string, { id: number; list: number[] }>()
        for (const o of ops) {
          if (o.kind === 'push') {
            cache.push({ ...tick(o.symbol, o.t), symbolId: o.id })
            const entry = model.get(o.symbol) ?? { id: o.id, list: [] }
            entry.list.push(o.t)
            if (entry.list.length > capacity) entry.list.shift()
            model.set(o.symbol, entry)
          } else if (o.kind === 'delete') {
            expect(cache.delete(o.symbol)).toBe(model.delete(o.symbol))
          } else {
            cache.clear()
            model.clear()
          }
        }
        for (const symbol of ['A', 'B', 'C']) {
          const entry = model.get(symbol)
          const cached = cache.range(symbol, -1, 2000)
          expect(cached.map((x) => x.timeMs)).toEqual(entry?.list ?? [])
          for (const x of cached) expect(x.symbolId).toBe(entry?.id)
        }
        expect(cache.symbolCount).toBe(model.size)
      }),
      { numRuns: 500 },
    )
  })

  it('a symbol deleted after its id changed starts a fresh ring under the new id', () => {
    const cache = new TickCache({ capacity: 2 })
    cache.push({ ...tick('A', 1), symbolId: 1 })
    cache.push({ ...tick('A', 2), symbolId: 2 })
    cache.delete('A')
    cache.push({ ...tick('A', 3), symbolId: 2 })
    expect(cache.range('A', 0, 10).map((x) => [x.timeMs, x.symbolId])).toEqual([[3, 2]])
  })
})

describe('process tick limit', () => {
  afterEach(() => setProcessTickLimit(DEFAULT_PROCESS_TICK_LIMIT))

  it('bounds the ticks all caches keep together; the latest tick of a symbol is always kept', () => {
    const base = processTickUsage().used
    setProcessTickLimit(base + 100)
    const caches = [new TickCache({ capacity: 1000 }), new TickCache({ capacity: 1000 })]
    for (const cache of caches) for (let t = 0; t < 500; t++) cache.push(tick('A', t))
    for (let t = 0; t < 50; t++) caches[0]!.push(tick(`S${t}`, t))
    const kept = caches.reduce((n, c) => n + c.count('A'), 0)
    // 100 budget slots plus one free slot per ring (2 rings of A, 50 of S*).
    expect(kept).toBeLessThanOrEqual(100 + 2)
    expect(processTickUsage().used).toBeLessThanOrEqual(base + 100)
    for (let t = 0; t < 50; t++) expect(caches[0]!.last(`S${t}`)?.timeMs).toBe(t)
    expect(caches[1]!.last('A')?.timeMs).toBe(499)
    for (const cache of caches) cache.clear()
    expect(processTickUsage().used).toBe(base)
  })

  it('a ring that wrapped while the budget was short grows in order once slots are free (property)', () => {
    // Growing copies the full ring in two blocks from its head: the head is not 0 only when the
    // ring wrapped before reaching its capacity, i.e. when the budget ran short.
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(
          fc.oneof(fc.integer({ min: 1, max: 30 }), fc.constantFrom('short' as const, 'ample' as const)),
          {
            maxLength: 60,
          },
        ),
        (capacity, ops) => {
          const base = processTickUsage().used
          const cache = new TickCache({ capacity })
          const pushed: number[] = []
          try {
            for (const op of ops) {
              if (op === 'short') setProcessTickLimit(processTickUsage().used)
              else if (op === 'ample') setProcessTickLimit(DEFAULT_PROCESS_TICK_LIMIT)
              else {
                for (let i = 0; i < op; i++) {
                  pushed.push(pushed.length)
                  cache.push(tick('A', pushed.length - 1))
                }
              }
              const kept = cache.range('A', 0, Number.MAX_SAFE_INTEGER).map((x) => x.timeMs)
              // Whatever the budget did: the newest ticks, in order, at most `capacity` of them.
              expect(kept).toEqual(pushed.slice(pushed.length - kept.length))
              expect(kept.length).toBeLessThanOrEqual(capacity)
              if (pushed.length > 0) expect(kept.length).toBeGreaterThan(0)
            }
            setProcessTickLimit(DEFAULT_PROCESS_TICK_LIMIT)
            for (let i = 0; i < capacity; i++) {
              pushed.push(pushed.length)
              cache.push(tick('A', pushed.length - 1))
            }
            // With slots free again the ring reaches its capacity, still in order.
            expect(cache.range('A', 0, Number.MAX_SAFE_INTEGER).map((x) => x.timeMs)).toEqual(
              pushed.slice(-capacity),
            )
          } finally {
            cache.clear()
            setProcessTickLimit(DEFAULT_PROCESS_TICK_LIMIT)
          }
          expect(processTickUsage().used).toBe(base)
        },
      ),
    )
  })

  it('rejects a bad limit with ValidationError', () => {
    expect(() => setProcessTickLimit(-1)).toThrow(ValidationError)
    expect(() => setProcessTickLimit(1.5)).toThrow(ValidationError)
  })
})
