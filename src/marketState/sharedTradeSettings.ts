/**
 * One copy of a group's trade-settings overrides per process. Every account of a group receives
 * the same blocks in its cmd 3 reply and cmd 14 pushes (18 blocks of 628 B in the simulator's
 * default group, ≈ 7 KB of decoded records with five BigInts each), and each client kept its own
 * decoded copy. The decoded list is shared (frozen) between clients whose blocks are byte-equal.
 * @internal
 */
import type { TradeSettings } from '../codec/schemas/tradeSettings.js'

/** Offset of the trade-settings count in a cmd 3 / cmd 14 body (after the 816-byte main block). */
const SETTINGS_AT = 816
/** Size of one TradeSettings block. */
const BLOCK = 628
/** Distinct lists kept (most recent first): a process rarely sees more groups at once. */
const KEPT = 16

const recent: Array<{ bytes: Uint8Array; settings: readonly TradeSettings[] }> = []

/**
 * The shared equal of `decoded` (the trade settings decoded from `body`), or `decoded` itself,
 * frozen and remembered, when no client of this process has seen the same bytes.
 */
export function sharedTradeSettings(body: Uint8Array, decoded: TradeSettings[]): readonly TradeSettings[] {
  // Already the shared list: one decoded cmd 14 block reaches several listeners (decodeAccount
  // hands them the same object), the first of which swapped its list for the shared one.
  if (decoded.length === 0 || Object.isFrozen(decoded)) return decoded
  const start = SETTINGS_AT + 4
  const bytes = body.subarray(start, start + decoded.length * BLOCK)
  for (let i = 0; i < recent.length; i++) {
    const entry = recent[i]!
    if (equalBytes(entry.bytes, bytes)) {
      if (i > 0) recent.unshift(...recent.splice(i, 1))
      return entry.settings
    }
  }
  for (const settings of decoded) Object.freeze(settings)
  const settings = Object.freeze(decoded)
  recent.unshift({ bytes: bytes.slice(), settings })
  if (recent.length > KEPT) recent.pop()
  return settings
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
