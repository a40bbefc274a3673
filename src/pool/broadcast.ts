/**
 * Broadcast tick subscriptions: one list of names applied to every account of a pool, resolved
 * per account (a name one broker lacks is reported for that account only).
 *
 * The client replays its own tick set after each of its reconnects, so an account that was
 * subscribed stays subscribed. What the pool adds: an account that was not logged in (still
 * connecting, retrying, added later) or whose subscription failed is subscribed at its next login.
 */
import type { Unsubscribe } from '../actions/market/subscribeTicks.js'
import { MT5TimeoutError, SessionError, SymbolNotFoundError } from '../errors.js'
import { Command } from '../protocol/commands.js'
import { asMt5Error } from './accountRunner.js'
import type { PoolAccount, PoolSubscriptionResult, PoolTickSubscription } from './types.js'

/** One account's part of one broadcast. */
interface AccountPart {
  result: PoolSubscriptionResult
  /** Set once subscribed at this account. */
  unsubscribe: Unsubscribe | undefined
  /** An application in flight (a login and the call itself may race). */
  applying: Promise<void> | undefined
}

interface Broadcast {
  readonly symbols: readonly string[]
  readonly parts: Map<PoolAccount, AccountPart>
  active: boolean
}

/** The broadcasts of one pool. @internal */
export interface Broadcasts {
  /** Subscribes on every account given; waits at most `waitMs(account)` for each. */
  subscribe(
    symbols: readonly string[],
    accounts: readonly PoolAccount[],
    waitMs: (account: PoolAccount) => number,
  ): Promise<PoolTickSubscription>
  /** Applies every active broadcast this account lacks (called when it logs in). */
  applyPending(account: PoolAccount): Promise<void>
  /** Forgets an account (removed from the pool). */
  forget(account: PoolAccount): void
}

/** Creates the broadcast registry; `report` receives the errors no caller is waiting for. */
export function createBroadcasts(report: (account: PoolAccount, error: unknown) => void): Broadcasts {
  const broadcasts = new Set<Broadcast>()

  function partOf(broadcast: Broadcast, account: PoolAccount): AccountPart {
    let part = broadcast.parts.get(account)
    if (!part) {
      part = { result: { subscribed: [], missing: [] }, unsubscribe: undefined, applying: undefined }
      broadcast.parts.set(account, part)
    }
    return part
  }

  function apply(broadcast: Broadcast, account: PoolAccount): Promise<void> {
    const part = partOf(broadcast, account)
    if (part.unsubscribe) return Promise.resolve()
    part.applying ??= run(broadcast, account, part).finally(() => {
      part.applying = undefined
    })
    return part.applying
  }

  async function run(broadcast: Broadcast, account: PoolAccount, part: AccountPart): Promise<void> {
    const client = account.client
    if (client.status !== 'loggedIn') {
      part.result = {
        subscribed: [],
        missing: [],
        error: new SessionError(
          `${account.key} is ${account.status}: its ticks are subscribed when it logs in`,
        ),
      }
      return
    }
    const found: string[] = []
    const missing: string[] = []
    try {
      for (const name of broadcast.symbols) {
        try {
          found.push((await client.symbol(name)).name)
        } catch (error) {
          if (!(error instanceof SymbolNotFoundError)) throw error
          missing.push(name)
        }
      }
      const unsubscribe = found.length > 0 ? await client.subscribeTicks(found) : async () => {}
      if (!broadcast.active || account.status === 'closed') {
        // Unsubscribed or removed while this was in flight: undo at once.
        await unsubscribe()
        return
      }
      part.unsubscribe = unsubscribe
      part.result = { subscribed: found, missing }
    } catch (error) {
      part.result = { subscribed: [], missing, error: asMt5Error(error) }
    }
  }

  /** Resolves when `work` settles or after `waitMs`, whichever comes first. */
  async function bounded(work: Promise<void>, part: () => AccountPart, waitMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), waitMs)
    })
    const late = await Promise.race([work.then(() => false), timedOut])
    clearTimeout(timer)
    if (late) {
      // Still in flight: it completes (or fails) in the background; report the wait.
      part().result = {
        subscribed: [],
        missing: [],
        error: new MT5TimeoutError(Command.subscribeTicks, waitMs),
      }
    }
  }

  return {
    async subscribe(symbols, accounts, waitMs) {
      const broadcast: Broadcast = { symbols: [...symbols], parts: new Map(), active: true }
      broadcasts.add(broadcast)
      await Promise.all(
        accounts.map((account) =>
          bounded(apply(broadcast, account), () => partOf(broadcast, account), waitMs(account)),
        ),
      )
      const results = new Map<string, PoolSubscriptionResult>()
      for (const account of accounts) {
        const { result } = partOf(broadcast, account)
        results.set(account.key, {
          ...result,
          subscribed: [...result.subscribed],
          missing: [...result.missing],
        })
      }
      let done: Promise<void> | undefined
      return {
        accounts: results,
        unsubscribe() {
          done ??= (async () => {
            broadcast.active = false
            broadcasts.delete(broadcast)
            await Promise.all(
              [...broadcast.parts].map(async ([account, part]) => {
                const unsubscribe = part.unsubscribe
                part.unsubscribe = undefined
                if (!unsubscribe || account.status === 'closed') return
                try {
                  await unsubscribe()
                } catch (error) {
                  // The client already dropped the names from its set (nothing is replayed after
                  // a reconnect); only this cmd 7 failed.
                  report(account, error)
                }
              }),
            )
          })()
          return done
        },
      }
    },
    async applyPending(account) {
      await Promise.all(
        [...broadcasts]
          .filter((b) => b.active)
          .map(async (b) => {
            await apply(b, account)
            // Nobody awaits this application: a failure (retried at the next login) is reported.
            const error = b.parts.get(account)?.result.error
            if (error) report(account, error)
          }),
      )
    },
    forget(account) {
      for (const broadcast of broadcasts) broadcast.parts.delete(account)
    },
  }
}
