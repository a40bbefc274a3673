/**
 * Tick broadcasts of one broker: each logged-in session gets the ticks of its subscribed symbols
 * (one cmd 8 frame: k records back to back, as a real server sends them), the cmd 17 details due
 * and its books. Everything that is the same for many sessions is encoded once per broadcast
 * (issue #12): the tick records, each symbol's details record, and the bodies of sessions
 * subscribed to the same symbols; only the encryption is per session, and each session's frames
 * leave in one socket write, made before the next session's frames are encoded.
 */
import { encodeTickRecords } from '../../codec/messages/ticks.js'
import { symbolDetailsSchema } from '../../codec/schemas/symbolDetails.js'
import { type TickRecord, tickSchema } from '../../codec/schemas/tick.js'
import type { SimConnection } from './connection.js'

/** Encodings shared by the sessions of one broadcast. */
interface BroadcastCache {
  /** The broadcast's wall-clock time (details intervals). */
  readonly wall: number
  /** cmd 8 bodies by the indexes of the broadcast's ticks they hold. */
  readonly tickBodies: Map<string, Uint8Array>
  /** Encoded cmd 17 record per symbol id (`undefined`: no quote or statistics yet). */
  readonly details: Map<number, Uint8Array | undefined>
  /** cmd 17 bodies by the symbol ids they hold. */
  readonly detailBodies: Map<string, Uint8Array>
}

/** What a broadcaster needs from its broker. */
export interface BroadcasterOptions {
  /** The broker's connections (logged-in or not). */
  connections(): Iterable<SimConnection>
  /** Ms of wall time between two cmd 17 pushes of one symbol to one session (0 = every tick). */
  detailsIntervalMs: number
  /** The encoded cmd 17 record of a symbol now (`undefined`: no quote or statistics yet). */
  detailsRecord(symbolId: number): Uint8Array | undefined
  /** Sends a session the books (cmd 23) of these symbols. */
  pushBooks(conn: SimConnection, ids: number[]): void
}

/** A broker's broadcaster. */
export interface Broadcaster {
  /** Sends every logged-in session its share of `ticks` (nothing for an empty list). */
  distribute(ticks: readonly TickRecord[]): void
  /**
   * Sends `conn` the cmd 17 details of `ticks` that are due (at most one per symbol per
   * `detailsIntervalMs`, all of them when `force`); `only`: the indexes in `ticks` to consider.
   */
  pushDetails(
    conn: SimConnection,
    ticks: readonly TickRecord[],
    force: boolean,
    only?: readonly number[],
  ): void
}

/** Creates the broadcaster of one broker. */
export function createBroadcaster(options: BroadcasterOptions): Broadcaster {
  /** The record of a symbol, once per broadcast when `shared` (every call otherwise). */
  const detailsRecord = (symbolId: number, shared: BroadcastCache | undefined): Uint8Array | undefined => {
    const cached = shared?.details.get(symbolId)
    if (cached !== undefined || shared?.details.has(symbolId)) return cached
    const bytes = options.detailsRecord(symbolId)
    shared?.details.set(symbolId, bytes)
    return bytes
  }

  /**
   * With `shared`, the same body serves every session that needs the same symbols. Nothing is
   * allocated when nothing is due (nine broadcasts in ten at the default interval).
   */
  const pushDetails = (
    conn: SimConnection,
    ticks: readonly TickRecord[],
    force: boolean,
    shared: BroadcastCache | undefined,
    only: readonly number[] | undefined,
  ): void => {
    const wall = shared?.wall ?? Date.now()
    let due: number[] | undefined
    let records: Uint8Array[] | undefined
    const count = only ? only.length : ticks.length
    for (let k = 0; k < count; k++) {
      const t = ticks[only ? only[k]! : k]!
      const last = conn.detailsSentAt.get(t.symbolId)
      if (!force && last !== undefined && wall - last < options.detailsIntervalMs) continue
      const record = detailsRecord(t.symbolId, shared)
      if (record === undefined) continue
      conn.detailsSentAt.set(t.symbolId, wall)
      if (due === undefined || records === undefined) {
        due = []
        records = []
      }
      due.push(t.symbolId)
      records.push(record)
    }
    if (due === undefined || records === undefined) return
    const key = due.join(',')
    let body = shared?.detailBodies.get(key)
    if (body === undefined) {
      const size = symbolDetailsSchema.size
      body = new Uint8Array(due.length * size)
      for (let i = 0; i < records.length; i++) body.set(records[i]!, i * size)
      shared?.detailBodies.set(key, body)
    }
    conn.push(17, body)
  }

  const distribute = (ticks: readonly TickRecord[]): void => {
    if (ticks.length === 0) return
    const all = encodeTickRecords(ticks)
    const size = tickSchema.size
    const shared: BroadcastCache = {
      wall: Date.now(),
      tickBodies: new Map(),
      details: new Map(),
      detailBodies: new Map(),
    }
    for (const conn of options.connections()) {
      if (conn.phase !== 'loggedIn') continue
      if (conn.tickSubs.size > 0) {
        const mine: number[] = []
        for (let i = 0; i < ticks.length; i++) if (conn.tickSubs.has(ticks[i]!.symbolId)) mine.push(i)
        if (mine.length > 0) {
          let body: Uint8Array | undefined = mine.length === ticks.length ? all : undefined
          if (body === undefined) {
            const key = mine.join(',')
            body = shared.tickBodies.get(key)
            if (body === undefined) {
              body = new Uint8Array(mine.length * size)
              for (let j = 0; j < mine.length; j++)
                body.set(all.subarray(mine[j]! * size, (mine[j]! + 1) * size), j * size)
              shared.tickBodies.set(key, body)
            }
          }
          conn.push(8, body)
          pushDetails(conn, ticks, false, shared, mine)
        }
      }
      if (conn.bookSubs.size > 0) {
        const ids = ticks.filter((t) => conn.bookSubs.has(t.symbolId)).map((t) => t.symbolId)
        if (ids.length > 0) options.pushBooks(conn, ids)
      }
      conn.flush()
    }
  }

  return {
    distribute,
    pushDetails: (conn, ticks, force, only) => pushDetails(conn, ticks, force, undefined, only),
  }
}
