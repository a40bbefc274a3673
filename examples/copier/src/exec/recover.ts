/**
 * Settles the intents a previous run left open (a crash or a lost connection between sending a
 * request and recording its outcome), by looking the copy up by its tag on the target. Nothing is
 * sent: a place found open becomes a link, a place found in history is linked (the planner then
 * sees its copy gone), a place found nowhere never took effect. Modify and cancel are idempotent:
 * they are closed as unknown and the reconcile that follows compares the order again.
 */
import type { TagScope } from '../link/tag.js'
import type { ActionEvent } from '../service/events.js'
import type { Store, StoreChange } from '../state/store.js'
import { findCopyByTag, type SentOrder } from './lookup.js'
import type { TargetTrader } from './trader.js'

/**
 * Resolves the open intents of `target`. Returns how many were settled.
 * @throws the SDK's errors when the target cannot be asked (the intents then stay open)
 */
export async function recoverOpenIntents(
  store: Store,
  target: string,
  trader: TargetTrader,
  scope: TagScope,
  emit: (event: ActionEvent) => void,
  now: () => number = Date.now,
): Promise<number> {
  const open = (await store.openIntents()).filter((i) => i.target === target)
  for (const intent of open) {
    const at = now()
    let change: StoreChange
    let event: ActionEvent
    if (intent.kind === 'place') {
      const sent = JSON.parse(intent.request) as SentOrder & { symbol?: string }
      const symbol = sent.symbol
      const found = await findCopyByTag(
        trader,
        scope,
        intent.sourceTicket,
        symbol,
        intent.atMs - 60_000,
        sent,
      )
      if (found) {
        const copyTicket = found.order.ticket
        event = {
          action: 'linked',
          target,
          sourceTicket: intent.sourceTicket,
          copyTicket,
          symbol: found.order.symbol,
          volume: found.order.volumeInitial,
          reason: 'recovered',
          detail: `copy ${copyTicket} of source ${intent.sourceTicket} found by its tag (${found.where}) after an interrupted place`,
          atMs: at,
        }
        change = {
          closeIntents: [
            { id: intent.id, status: 'done', copyTicket, message: `found by tag (${found.where})`, atMs: at },
          ],
          links: [{ target, sourceTicket: intent.sourceTicket, copyTicket, status: 'active' }],
        }
      } else {
        event = {
          action: 'failed',
          target,
          sourceTicket: intent.sourceTicket,
          symbol,
          reason: 'notPlaced',
          detail: `interrupted place of source ${intent.sourceTicket}: no order with tag ${intent.tag}, it never took effect`,
          atMs: at,
        }
        change = {
          closeIntents: [{ id: intent.id, status: 'failed', message: 'not found by tag', atMs: at }],
        }
      }
    } else {
      event = {
        action: 'unknown',
        target,
        sourceTicket: intent.sourceTicket,
        copyTicket: intent.copyTicket,
        reason: 'recovered',
        detail: `interrupted ${intent.kind} of copy ${intent.copyTicket}: the reconcile compares the order again`,
        atMs: at,
      }
      change = {
        closeIntents: [
          { id: intent.id, status: 'unknown', message: 'interrupted; left to the reconcile', atMs: at },
        ],
      }
    }
    await store.commit({
      ...change,
      actions: [
        {
          atMs: at,
          target,
          sourceTicket: intent.sourceTicket,
          action: event.action,
          reason: event.reason,
          detail: event.detail,
          copyTicket: event.copyTicket,
        },
      ],
    })
    emit(event)
  }
  return open.length
}
