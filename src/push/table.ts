/**
 * The push table: command id → handler (decoder + state) → event. Each route's handler returns the
 * argument tuples of its event, so the table is checked against {@link ClientEvents}; handlers may
 * queue further events (`positions`, `orders`, `account`) through the context.
 * Anchor: MQTT.js `src/lib/handlers/index.ts`.
 */
import { handleAccountUpdate } from '../actions/push/handleAccountUpdate.js'
import { handleBook } from '../actions/push/handleBook.js'
import { handleLoginStatus } from '../actions/push/handleLoginStatus.js'
import { handleSymbolDetails } from '../actions/push/handleSymbolDetails.js'
import { handleSymbolUpdate } from '../actions/push/handleSymbolUpdate.js'
import { handleTicks } from '../actions/push/handleTicks.js'
import { handleTradeResult } from '../actions/push/handleTradeResult.js'
import { handleTradeTransactions } from '../actions/push/handleTradeTransactions.js'
import type { PushContext } from '../actions/push/pushStore.js'
import type { ClientEvents } from '../client/types.js'
import { Command } from '../protocol/commands.js'

/** One route: the event a push feeds and the handler producing its arguments. */
export interface PushRoute<E extends keyof ClientEvents> {
  readonly event: E
  readonly handle: (body: Uint8Array, ctx: PushContext) => Array<ClientEvents[E]>
  /**
   * The handler only decodes: it changes no state and queues no other event. Such a push is not
   * decoded while its event has no listener (cmd 17 comes for every subscribed symbol every second).
   */
  readonly eventOnly?: boolean
}

/** Every push route, keyed by command id. */
export const pushTable = {
  [Command.ticks]: { event: 'tick', handle: handleTicks },
  [Command.tradeTransaction]: { event: 'tradeTransaction', handle: handleTradeTransactions },
  [Command.symbolUpdate]: { event: 'symbol', handle: handleSymbolUpdate },
  [Command.accountUpdate]: { event: 'account', handle: handleAccountUpdate },
  [Command.connectionState]: { event: 'loginStatus', handle: handleLoginStatus },
  [Command.symbolDetails]: { event: 'symbolDetails', handle: handleSymbolDetails, eventOnly: true },
  [Command.tradeResult]: { event: 'tradeResult', handle: handleTradeResult },
  [Command.book]: { event: 'book', handle: handleBook },
} as const satisfies {
  readonly [command: number]: { [E in keyof ClientEvents]: PushRoute<E> }[keyof ClientEvents]
}

/** A command id of the push table. */
export type PushCommand = keyof typeof pushTable
