/**
 * Local checks of a new password before cmd 24 (docs/architecture.md#commands, cmd 24, official client):
 * empty →
 * 2007, shorter than `authPasswordMin` → 2000, missing a digit, an upper-case letter, a
 * lower-case letter or another character → 2001.
 */

/** Official client codes of the local password checks. */
export const PasswordCheck = { Ok: 0, TooShort: 2000, TooSimple: 2001, Empty: 2007 } as const

/** Returns 0 when `password` is acceptable, else the official client's code. */
export function checkNewPassword(password: string, minLength: number): number {
  if (password.length === 0) return PasswordCheck.Empty
  if (password.length < minLength) return PasswordCheck.TooShort
  const digit = /\d/.test(password)
  const upper = /[A-Z]/.test(password)
  const lower = /[a-z]/.test(password)
  const other = /[^0-9A-Za-z]/.test(password)
  return digit && upper && lower && other ? PasswordCheck.Ok : PasswordCheck.TooSimple
}
