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
  /** Every pending order (ours or not), for a full plan (built on first read: a scoped plan needs only the count). */
  readonly orders: CopyOrder[]
  /** How many pending orders the account has (ours or not). */
  readonly count: number
  /** Our copies (tagged orders of this scope) by source ticket, in the order of the account's list. */
  readonly copies: ReadonlyMap<bigint, readonly CopyOrder[]>
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
  return { orders, count: orders.length, copies }
}

/** The book of planner orders (tags read with {@link readTag}). */
export function indexOrders(orders: readonly CopyOrder[], tag: TagScope): Book {
  return bookOf(orders.map((copy) => ({ copy, ticket: readTag(copy.comment, tag) })))
}

/** An order of one list and its counterpart in the next (undefined: added, or removed). */
type Change = [before: Order | undefined, after: Order | undefined]

/**
 * What changed from list `a` to list `b`, or undefined when it is no small change. The SDK's lists
 * follow one map's insertion order: an unchanged order keeps its object and its place, a changed
 * one its place, a new one comes last; so one walk over both lists finds the changes comparing
 * objects, with a lookup only where they differ. Anything else (a reordered list) gets undefined.
 */
function listChanges(a: ReadonlyMap<bigint, Order>, b: ReadonlyMap<bigint, Order>): Change[] | undefined {
  const changes: Change[] = []
  const most = 8 + (b.size >> 3)
  const ai = a.values()
  const bi = b.values()
  let x = ai.next()
  let y = bi.next()
  while (!x.done || !y.done) {
    if (!x.done && !y.done && x.value === y.value) {
      x = ai.next()
      y = bi.next()
      continue
    }
    if (!x.done && !y.done && x.value.ticket === y.value.ticket) {
      changes.push([x.value, y.value])
      x = ai.next()
      y = bi.next()
    } else if (!x.done && !b.has(x.value.ticket)) {
      changes.push([x.value, undefined])
      x = ai.next()
    } else if (!y.done && !a.has(y.value.ticket)) {
      changes.push([undefined, y.value])
      y = bi.next()
    } else return undefined
    if (changes.length > most) return undefined
  }
  return changes
}

/** Whether a source order changed in a field its copies follow (an unchanged one keeps its object). */
function followedFieldsDiffer(a: Order, b: Order): boolean {
  return (
    a.priceOrder !== b.priceOrder ||
    a.priceTrigger !== b.priceTrigger ||
    a.sl !== b.sl ||
    a.tp !== b.tp ||
    a.timeType !== b.timeType ||
    a.timeExpirationMs !== b.timeExpirationMs
  )
}

/**
 * The source tickets whose copies a push must act on, from the source's order list `a` to the next
 * one `b`: orders added, removed, or changed in a field the copies follow. A push changes one or two
 * orders: the walk compares objects in list order ({@link listChanges}) and looks up only where they
 * differ, not every ticket of the account; a reordered or much changed list is compared ticket by ticket.
 */
export function changedSourceTickets(a: ReadonlyMap<bigint, Order>, b: ReadonlyMap<bigint, Order>): bigint[] {
  const changed: bigint[] = []
  const changes = listChanges(a, b)
  if (changes !== undefined) {
    for (const [before, after] of changes)
      if (after === undefined) changed.push((before as Order).ticket)
      else if (before === undefined || followedFieldsDiffer(before, after)) changed.push(after.ticket)
    return changed
  }
  for (const [ticket, o] of b) {
    const before = a.get(ticket)
    if (before !== o && (before === undefined || followedFieldsDiffer(before, o))) changed.push(ticket)
  }
  for (const ticket of a.keys()) if (!b.has(ticket)) changed.push(ticket)
  return changed
}

/**
 * Books of order lists, remembered while the list is alive (a list is never changed in place).
 * Each order is converted and its tag read once: the SDK's pushes keep the same `Order` object for
 * an order that did not change. With the account's `key`, a new list's book is derived from that
 * account's previous one by the few orders that changed (a push changes one or two): no walk that
 * converts, looks up or indexes every order of the account on every push.
 */
export function createBooks(tag: TagScope): (orders: ReadonlyMap<bigint, Order>, key?: string) => Book {
  const books = new WeakMap<ReadonlyMap<bigint, Order>, Book>()
  /** Per account key: the last list booked and its book. */
  const last = new Map<string, { list: ReadonlyMap<bigint, Order>; book: Book }>()
  /** Per SDK order: how the planner reads it (null: not a pending order). */
  const read = new WeakMap<Order, Read | null>()
  function readOf(o: Order): Read | null {
    let known = read.get(o)
    if (known === undefined) {
      const copy = toCopyOrder(o)
      known = copy === undefined ? null : { copy, ticket: readTag(copy.comment, tag) }
      read.set(o, known)
    }
    return known
  }
  function reads(list: ReadonlyMap<bigint, Order>): Read[] {
    const out: Read[] = []
    for (const o of list.values()) {
      const known = readOf(o)
      if (known !== null) out.push(known)
    }
    return out
  }
  /** `list`'s book from `prev`'s, or undefined when the change is not a small one. */
  function derive(prev: { list: ReadonlyMap<bigint, Order>; book: Book }, list: ReadonlyMap<bigint, Order>) {
    const changes = listChanges(prev.list, list)
    if (changes === undefined) return undefined
    // the arrays of the previous book are never changed: the ones touched are copied
    const copies = new Map(prev.book.copies)
    let count = prev.book.count
    for (const [before, after] of changes) {
      const r0 = before === undefined ? null : readOf(before)
      const r1 = after === undefined ? null : readOf(after)
      if (r0 !== null) count--
      if (r1 !== null) count++
      const t0 = r0?.ticket
      const t1 = r1?.ticket
      if (t0 !== undefined && t0 === t1) {
        // changed in place: the copy keeps its position among its source order's copies
        copies.set(
          t0,
          (copies.get(t0) ?? []).map((c) => (c === r0?.copy ? (r1?.copy as CopyOrder) : c)),
        )
        continue
      }
      // a changed order that now names another source order: its position there is not known
      if (before !== undefined && after !== undefined && t1 !== undefined) return undefined
      if (t0 !== undefined) {
        const rest = (copies.get(t0) ?? []).filter((c) => c !== r0?.copy)
        if (rest.length > 0) copies.set(t0, rest)
        else copies.delete(t0)
      }
      // a new order comes last in the list, so last among its source order's copies
      if (t1 !== undefined) copies.set(t1, [...(copies.get(t1) ?? []), r1?.copy as CopyOrder])
    }
    let orders: CopyOrder[] | undefined
    const book: Book = {
      count,
      copies,
      get orders() {
        orders ??= reads(list).map((r) => r.copy)
        return orders
      },
    }
    return book
  }
  return (list, key) => {
    let book = books.get(list)
    if (book !== undefined) return book
    const prev = key === undefined ? undefined : last.get(key)
    book = (prev !== undefined ? derive(prev, list) : undefined) ?? bookOf(reads(list))
    books.set(list, book)
    if (key !== undefined) last.set(key, { list, book })
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
  return { orders, pendingOrders: book.count }
}

/**
 * The links of the targets `ids` to the source orders in `scope`; `linked` (source tickets with a
 * link somewhere) spares the lookups of a source order no target has a link to.
 */
export function scopedLinks(
  links: ReadonlyMap<string, Link>,
  ids: readonly string[],
  scope: readonly bigint[],
  linked?: ReadonlySet<bigint>,
): Link[] {
  const out: Link[] = []
  if (linked !== undefined) scope = scope.filter((ticket) => linked.has(ticket))
  if (scope.length === 0) return out
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
