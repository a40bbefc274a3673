/**
 * Wrong-password throttling, as real trade servers do it: after `maxFailures` failed logins in a
 * row an account is locked for `lockoutMs` (wall time), and every login to it — even with the
 * right password — is refused until then. Only existing accounts are tracked, so a peer trying
 * random login numbers cannot grow the table.
 */

/** Options of {@link createLoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failed logins in a row that lock the account (0 = never lock). */
  maxFailures: number
  /** How long a locked account refuses logins, in ms. */
  lockoutMs: number
  /** Wall clock in ms (default `Date.now`). */
  now?: () => number
}

/** Per-account failure counters and locks. */
export interface LoginThrottle {
  /** Ms left of the account's lock, 0 when it may log in. */
  lockedForMs(login: number): number
  /** Records a failed login; true when this failure locked the account. */
  failed(login: number): boolean
  /** Records a successful login: the failure count starts over. */
  succeeded(login: number): void
}

interface State {
  failures: number
  lockedUntil: number
}

/** Creates a throttle. */
export function createLoginThrottle(options: LoginThrottleOptions): LoginThrottle {
  const now = options.now ?? Date.now
  const states = new Map<number, State>()
  return {
    lockedForMs(login) {
      const st = states.get(login)
      if (!st) return 0
      const left = st.lockedUntil - now()
      if (left > 0) return left
      if (st.lockedUntil !== 0) states.delete(login) // lock expired: a fresh start
      return 0
    },
    failed(login) {
      if (options.maxFailures <= 0) return false
      const st = states.get(login) ?? { failures: 0, lockedUntil: 0 }
      st.failures += 1
      states.set(login, st)
      if (st.failures < options.maxFailures) return false
      st.failures = 0
      st.lockedUntil = now() + options.lockoutMs
      return true
    },
    succeeded(login) {
      states.delete(login)
    },
  }
}
