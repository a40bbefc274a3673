import fc from 'fast-check'
import type { Order } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { formatTag } from '../../../src/link/tag.js'
import { changedSourceTickets, createBooks, scopedOrders, showsEffects } from '../../../src/service/book.js'
import { TAG } from '../../helpers/planInput.js'

/** An SDK order: a buy limit (type 2), good till cancelled. */
function sdkOrder(ticket: bigint, fields: Partial<Order> = {}): Order {
  return {
    ticket,
    symbol: 'EURUSD',
    type: 2,
    state: 1,
    filling: 0,
    timeType: 0,
    reason: 0,
    priceOrder: 1.1,
    priceTrigger: 0,
    priceCurrent: 1.11,
    sl: 1.09,
    tp: 1.12,
    volumeInitial: 0.1,
    volumeCurrent: 0.1,
    magic: 0n,
    positionId: 0n,
    comment: '',
    externalId: '',
    digits: 5,
    contractSize: 100_000,
    timeSetupMs: 0,
    timeExpirationMs: 0,
    timeDoneMs: 0,
    ...fields,
  }
}

const fields = {
  symbol: 'EURUSD',
  type: 'buyLimit' as const,
  volume: 0.1,
  price: 1.1,
  stopLimitPrice: 0,
  sl: 1.09,
  tp: 1.12,
  timeType: 'gtc' as const,
  expirationMs: 0,
  comment: formatTag(7n, TAG),
}

describe('order books', () => {
  it('indexes our copies by source ticket once per order list, and scopes a view to the tickets asked', () => {
    const bookOf = createBooks(TAG)
    const list = new Map(
      [
        sdkOrder(1n, { comment: formatTag(7n, TAG) }),
        sdkOrder(2n, { comment: formatTag(8n, TAG) }),
        sdkOrder(3n, { comment: `${formatTag(7n, TAG)} [sl]` }),
        sdkOrder(4n, { comment: 'manual' }),
        sdkOrder(5n, { comment: formatTag(7n, { ...TAG, source: '999' }) }),
        sdkOrder(6n, { type: 0, comment: formatTag(9n, TAG) }),
      ].map((o) => [o.ticket, o]),
    )
    const book = bookOf(list)
    expect(bookOf(list)).toBe(book)
    expect(book.orders.map((o) => o.ticket)).toEqual([1n, 2n, 3n, 4n, 5n])
    expect([...book.copies].map(([t, l]) => [t, l.map((o) => o.ticket)])).toEqual([
      [7n, [1n, 3n]],
      [8n, [2n]],
    ])
    const view = scopedOrders(book, [7n, 10n])
    expect(view.orders.map((o) => o.ticket)).toEqual([1n, 3n])
    expect(view.pendingOrders).toBe(5)
    expect(bookOf(new Map(list))).not.toBe(book)
  })

  it("derives a new list's book from the account's previous one: the same book as built from scratch", () => {
    // a step as the SDK's push store makes it: an order changed in place (a new object, same place),
    // one added (last), one removed, or the whole list reordered (a reload)
    const step = fc.oneof(
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(), tag: fc.integer({ min: 0, max: 4 }) }),
      fc.record({
        kind: fc.constant('add' as const),
        tag: fc.integer({ min: 0, max: 4 }),
        type: fc.constantFrom(0, 2, 3),
      }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('reorder' as const) }),
    )
    // tag 0: a manual order; 1…3: a copy of source order 7…9; 4: another copier's tag
    const comment = (tag: number) =>
      tag === 0
        ? 'manual'
        : tag === 4
          ? formatTag(7n, { ...TAG, source: '999' })
          : formatTag(BigInt(6 + tag), TAG)
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const bookOf = createBooks(TAG)
        let next = 1n
        let list = new Map<bigint, Order>()
        for (const s of steps) {
          const orders = [...list.values()]
          if (s.kind === 'add') {
            const o = sdkOrder(next++, { type: s.type, comment: comment(s.tag) })
            list = new Map([...orders, o].map((x) => [x.ticket, x]))
          } else if (orders.length === 0) continue
          else if (s.kind === 'change') {
            const old = orders[s.at % orders.length] as Order
            list = new Map(list).set(old.ticket, {
              ...old,
              priceOrder: old.priceOrder + 0.001,
              comment: comment(s.tag),
            })
          } else if (s.kind === 'remove') {
            list = new Map(list)
            list.delete((orders[s.at % orders.length] as Order).ticket)
          } else list = new Map(orders.reverse().map((x) => [x.ticket, x]))
          const derived = bookOf(list, 'target')
          const whole = createBooks(TAG)(list)
          expect(derived.count).toBe(whole.count)
          expect(derived.orders).toEqual(whole.orders)
          expect([...derived.copies].sort(([a], [b]) => (a < b ? -1 : 1))).toEqual(
            [...whole.copies].sort(([a], [b]) => (a < b ? -1 : 1)),
          )
        }
      }),
      { numRuns: 300, seed: 10 },
    )
  })

  it('finds the source tickets a push acts on: the same as comparing every ticket of both lists', () => {
    // the reference: every ticket of both lists looked up and compared
    const reference = (a: Map<bigint, Order>, b: Map<bigint, Order>) => {
      const out = new Set<bigint>()
      for (const [t, o] of b) {
        const p = a.get(t)
        if (
          p === undefined ||
          (['priceOrder', 'priceTrigger', 'sl', 'tp', 'timeType', 'timeExpirationMs'] as const).some(
            (k) => p[k] !== o[k],
          )
        )
          out.add(t)
      }
      for (const t of a.keys()) if (!b.has(t)) out.add(t)
      return out
    }
    // one push: some orders changed in place (a followed field, or one the copies ignore), some
    // added last, some removed, or the whole list reloaded in another order
    const field = fc.constantFrom('priceOrder', 'sl', 'tp', 'timeExpirationMs', 'priceCurrent', 'comment')
    const step = fc.oneof(
      fc.record({ kind: fc.constant('change' as const), at: fc.nat(), field }),
      fc.record({ kind: fc.constant('add' as const) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('reorder' as const) }),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.array(step, { maxLength: 12 }), { maxLength: 8 }),
        (size, pushes) => {
          let next = 1n
          let list = new Map<bigint, Order>()
          for (let i = 0; i < size; i++) list.set(next, sdkOrder(next++))
          for (const push of pushes) {
            const before = list
            list = new Map(list)
            for (const s of push) {
              const orders = [...list.values()]
              if (s.kind === 'add') list.set(next, sdkOrder(next++))
              else if (orders.length === 0) continue
              else if (s.kind === 'change') {
                const old = orders[s.at % orders.length] as Order
                const v = old[s.field]
                list.set(old.ticket, {
                  ...old,
                  [s.field]: typeof v === 'string' ? `${v}x` : (v as number) + 1,
                })
              } else if (s.kind === 'remove') list.delete((orders[s.at % orders.length] as Order).ticket)
              else list = new Map(orders.reverse().map((x) => [x.ticket, x]))
            }
            const found = changedSourceTickets(before, list)
            expect(new Set(found).size).toBe(found.length)
            expect(new Set(found)).toEqual(reference(before, list))
          }
        },
      ),
      { numRuns: 400, seed: 11 },
    )
  })

  it('tells whether an order list already shows what was placed, modified and removed', () => {
    const list = new Map([sdkOrder(1n, { comment: fields.comment }), sdkOrder(2n)].map((o) => [o.ticket, o]))
    expect(showsEffects(list, [])).toBe(true)
    expect(showsEffects(list, [{ ticket: 1n, order: fields }])).toBe(true)
    expect(showsEffects(list, [{ ticket: 9n, order: fields }])).toBe(false)
    expect(showsEffects(list, [{ ticket: 1n, order: { ...fields, price: 1.0999 } }])).toBe(false)
    expect(showsEffects(list, [{ ticket: 1n, order: { ...fields, sl: 0 } }])).toBe(false)
    expect(showsEffects(list, [{ ticket: 3n, removed: true }])).toBe(true)
    expect(showsEffects(list, [{ ticket: 2n, removed: true }])).toBe(false)
    expect(
      showsEffects(list, [
        { ticket: 1n, order: fields },
        { ticket: 2n, removed: true },
      ]),
    ).toBe(false)
  })
})
