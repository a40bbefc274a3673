/**
 * A fleet member's target sessions follow its leases: a target's account is connected when its
 * lease is won and logged out once the lease is lost or given away, so N instances share T targets
 * with about T / N target sessions each instead of T (MT5 servers count sessions per account, and
 * each one costs a socket, a login and the symbol load). The source stays connected throughout.
 *
 * Each target converges on its wanted state one step at a time (a chain per target), so a lease
 * lost and won back in quick succession never opens a second session beside a closing one. A
 * session is closed only once nothing is in flight on it (`idle`): a request already sent keeps its
 * connection for its answer.
 */

/** Options of {@link createLeasedSessions}. */
export interface LeasedSessionsOptions {
  /** Opens the target's session (adds its account to the pool, which connects it). */
  open: (target: string) => void
  /** Closes the target's session (logs out, removes its account from the pool). */
  close: (target: string) => Promise<void>
  /** Resolves once nothing is in flight on the target. */
  idle: (target: string) => Promise<void>
  onError: (error: Error) => void
}

/** The target sessions of one fleet member. */
export interface LeasedSessions {
  /** Leases won: their sessions are opened (at once, synchronously, when none is closing). */
  want(targets: readonly string[]): void
  /** Leases lost or released: their sessions are closed once idle. */
  drop(targets: readonly string[]): void
  /** True while the target's session is open (or opening). */
  has(target: string): boolean
  /** Resolves once every pending open and close is done. */
  settled(): Promise<void>
}

const errorOf = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)))

/** Creates the sessions (none open). */
export function createLeasedSessions(options: LeasedSessionsOptions): LeasedSessions {
  const wanted = new Set<string>()
  const open = new Set<string>()
  /** Target → its step in progress (a close waiting for idle, or the logout). */
  const steps = new Map<string, Promise<void>>()

  /** One step towards the wanted state; runs again when it changed meanwhile. */
  function converge(target: string): void {
    if (steps.has(target)) return // the running step converges again when it ends
    if (wanted.has(target) && !open.has(target)) {
      try {
        options.open(target)
        open.add(target)
      } catch (error) {
        options.onError(errorOf(error))
      }
      return
    }
    if (!wanted.has(target) && open.has(target)) {
      const step = (async () => {
        await options.idle(target)
        // won back while it drained: keep the session
        if (wanted.has(target)) return
        open.delete(target)
        await options.close(target)
      })()
        .catch((error: unknown) => options.onError(errorOf(error)))
        .finally(() => {
          steps.delete(target)
          converge(target)
        })
      steps.set(target, step)
    }
  }

  return {
    want(targets) {
      for (const t of targets) {
        wanted.add(t)
        converge(t)
      }
    },
    drop(targets) {
      for (const t of targets) {
        wanted.delete(t)
        converge(t)
      }
    },
    has: (target) => open.has(target),
    async settled() {
      while (steps.size > 0) await Promise.all(steps.values())
    },
  }
}
