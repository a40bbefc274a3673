/**
 * A deal-form cmd 10 record applied to the open positions and the account (docs/architecture.md#commands,
 * cmd 10,
 * official): transaction type 0 copies the balance tail into the account; the record's position
 * is matched by ticket (or by symbol on netting accounts), removed at volume 0, added when new
 * with a non-zero volume; if that first update changes nothing the rest of the record is skipped,
 * else every position of the list is applied the same way.
 */
import type { TradeTransaction } from '../../client/types.js'
import { applyBalanceTail } from '../../model/toAccountSummary.js'
import type { Position } from '../../model/types.js'
import type { PushStore } from './pushStore.js'

/** What changed. */
export interface DealTransactionEffect {
  positions: boolean
  account: boolean
}

/** Applies one deal transaction to `store.positions` and `store.account`. */
export function applyDealTransaction(
  store: PushStore,
  tx: Extract<TradeTransaction, { kind: 'deal' }>,
): DealTransactionEffect {
  const effect: DealTransactionEffect = { positions: false, account: false }
  if (tx.transactionType === 0 && store.account) {
    store.account = applyBalanceTail(store.account, tx)
    effect.account = true
  }
  const netting = store.account !== undefined && !store.account.hedging
  const hasSymbol = (tx.position?.symbol ?? '') !== '' || (tx.deal?.symbol ?? '') !== ''
  if (!hasSymbol || !tx.position) return effect
  if (!applyPosition(store.positions, tx.position, netting)) return effect
  effect.positions = true
  for (const position of tx.positions) applyPosition(store.positions, position, netting)
  return effect
}

/** Applies one position update; returns true when the open positions changed. */
export function applyPosition(
  positions: Map<bigint, Position>,
  position: Position,
  netting: boolean,
): boolean {
  let key: bigint | undefined = positions.has(position.ticket) ? position.ticket : undefined
  if (key === undefined && netting) {
    for (const [ticket, open] of positions) {
      if (open.symbol === position.symbol) {
        key = ticket
        break
      }
    }
  }
  if (position.volume === 0) {
    if (key === undefined) return false
    positions.delete(key)
    return true
  }
  const current = key === undefined ? undefined : positions.get(key)
  if (current && samePosition(current, position)) return false
  if (key !== undefined && key !== position.ticket) positions.delete(key)
  positions.set(position.ticket, position)
  return true
}

function samePosition(a: Position, b: Position): boolean {
  for (const key of Object.keys(a) as Array<keyof Position>) if (a[key] !== b[key]) return false
  return true
}
