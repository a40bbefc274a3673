/**
 * What of a password the wire carries. Login (cmd 28), OTP setup (cmd 43) and change password
 * (cmd 24) hold a password in a `utf16[64]` field: 32 UTF-16 units, cut before a split surrogate
 * pair. A client sends the first 32 characters of a longer password, so the server compares that
 * form: an account whose configured password is longer can still log in.
 */
import { readUtf16, writeUtf16 } from '../../codec/strings.js'

/** Bytes of the password fields of cmd 24, 28 and 43. */
const PASSWORD_FIELD_BYTES = 64

/** The password as it arrives after a round trip through the wire field (same code as the codec). */
export function wirePassword(password: string): string {
  const view = new DataView(new ArrayBuffer(PASSWORD_FIELD_BYTES))
  writeUtf16(view, 0, PASSWORD_FIELD_BYTES, password)
  return readUtf16(view, 0, PASSWORD_FIELD_BYTES)
}

/** True when `received` (a decoded wire field) is what a client sends for `configured`. */
export function passwordMatches(received: string, configured: string): boolean {
  return received !== '' && received === wirePassword(configured)
}
