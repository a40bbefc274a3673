/**
 * An account's pending orders as the planner reads them, converted and indexed by source ticket
 * ONCE per change of the account's order list (the SDK hands a new list on every change), not once
 * per plan: a push-driven plan then reads only the copies of the source orders the push changed,
 * however many copies each target holds (`scopedView`).
 */
import type { Order } from 'mt5web'
import type { Effect } from '../exec/executor.js'
import { readTag, type TagScope } from '../link/tag.js'
import { type CopyOrder, type Link, linkKey, type TargetView } from '../plan/types.js'
import { toCopyOrder } from './views.js'

/** One account's pending orders, indexed. */
export interface Book {
  /** Every pending order (ours or not), for a full plan. */
  orders: CopyOrder[]
  /** Our copies (tagged orders of this scope) by source ticket. */
  copies: ReadonlyMap<bigint, readonly CopyOrder[]>
}

/** A pending order as the planner sees it, and the source ticket its tag names (ours) if any. */
interface Read {
  copy: CopyOrder
  ticket: bigint | undefined
}

function bookOf(reads: readonly Read[]): Book {
  const orders: CopyOrder[] = []
  const copies = new Map<bigint, CopyOrder[]>()
  for (const { copy, ticket } of reads) {
    orders.push(copy)
    if (ticket === undefined) continue
    const same = copies.get(ticket)
    if (same === undefined) copies.set(ticket, [copy])
    else same.push(copy)
  }
  return { orders, copies }
}

/** The book of planner orders (tags read with {@link readTag}). */
export function indexOrders(orders: readonly CopyOrder[], tag: TagScope): Book {
  return bookOf(orders.map((copy) => ({ copy, ticket: readTag(copy.comment, tag) })))
}

/**
 * Books of order lists, remembered while the list is alive (a list is never changed in place).
 * Each order is converted and its tag read once: the SDK's pushes keep the same `Order` object for
 * an order that did not change, so a new list costs a lookup per order.
 */
export function createBooks(tag: TagScope): (orders: ReadonlyMap<bigint, Order>) => Book {
  const books = new WeakMap<ReadonlyMap<bigint, Order>, Book>()
  /** Per SDK order: how the planner reads it (null: not a pending order). */
  const read = new WeakMap<Order, Read | null>()
  function reads(list: ReadonlyMap<bigint, Order>): Read[] {
    const out: Read[] = []
    for (const o of list.values()) {
      let known = read.get(o)
      if (known === undefined) {
        const copy = toCopyOrder(o)
        known = copy === undefined ? null : { copy, ticket: readTag(copy.comment, tag) }
        read.set(o, known)
      }
      if (known !== null) out.push(known)
    }
    return out
  }
  return (list) => {
    let book = books.get(list)
    if (book === undefined) {
      book = bookOf(reads(list))
      books.set(list, book)
    }
    return book
  }
}

/**
 * The orders of a target view for a plan scoped to `scope` (distinct tickets): only the copies of
 * those source orders, with the count of all pending orders (max pending). The planner decides
 * nothing else in a scoped plan, so it plans the same as over the whole book.
 */
export function scopedOrders(
  book: Book,
  scope: readonly bigint[],
): Pick<TargetView, 'orders' | 'pendingOrders'> {
  const orders: CopyOrder[] = []
  for (const ticket of scope) for (const c of book.copies.get(ticket) ?? []) orders.push(c)
  return { orders, pendingOrders: book.orders.length }
}

/** The links of the targets `ids` to the source orders in `scope`. */
export function scopedLinks(
  links: ReadonlyMap<string, Link>,
  ids: readonly string[],
  scope: readonly bigint[],
): Link[] {
  const out: Link[] = []
  for (const id of ids)
    for (const ticket of scope) {
      const link = links.get(linkKey(id, ticket))
      if (link !== undefined) out.push(link)
    }
  return out
}

/**
 * Whether an account's order list already shows every effect of an execution (a copy placed or
 * modified with the fields sent, a removed order gone). The server pushes a change before the
 * request's result, so it usually does, and the list need not be read again with a request.
 */
export function showsEffects(orders: ReadonlyMap<bigint, Order>, effects: readonly Effect[]): boolean {
  for (const e of effects) {
    const o = orders.get(e.ticket)
    if ('removed' in e) {
      if (o !== undefined) return false
      continue
    }
    const c = o === undefined ? undefined : toCopyOrder(o)
    const want = e.order
    if (
      c === undefined ||
      c.symbol !== want.symbol ||
      c.type !== want.type ||
      c.volume !== want.volume ||
      c.price !== want.price ||
      c.stopLimitPrice !== want.stopLimitPrice ||
      c.sl !== want.sl ||
      c.tp !== want.tp ||
      c.timeType !== want.timeType ||
      Math.floor(c.expirationMs / 1000) !== Math.floor(want.expirationMs / 1000)
    )
      return false
  }
  return true
}
