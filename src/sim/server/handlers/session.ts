/**
 * Session commands: logout (2), login (28), init (29), OTP setup (43), ping (51), reserved 52.
 * Login checks the account and password (trading or investor), a 160-byte password token issued
 * by an earlier login, and — when TOTP is enabled for the account — the one-time code.
 */
import { decodeLoginRequest, encodeLoginResponse } from '../../../codec/messages/login.js'
import { decodeOtpRequest } from '../../../codec/messages/otp.js'
import type { CommandHandler, SimConnection } from '../connection.js'
import { totp } from '../totp.js'
import { passwordMatches } from '../wirePassword.js'
import type { HandlerContext } from './context.js'

/** cmd 28 reply codes (docs/architecture.md#commands). */
export const LoginCode = { Ok: 0, InvalidAccount: 3, OtpRequired: 5 } as const

function isZero(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0) return false
  return true
}

/** Checks an OTP against the account's TOTP secret (±1 step). */
function otpMatches(secret: string, code: string, nowMs: number): boolean {
  for (const skew of [0, -30_000, 30_000]) if (totp(secret, nowMs + skew) === code) return true
  return false
}

/** Builds the session handlers of one broker. */
export function sessionHandlers(broker: HandlerContext): Record<number, CommandHandler> {
  /**
   * A locked account is refused with code 3 ("invalid account or password"): the protocol lists
   * no "account locked" response code, and 3 makes clients stop retrying instead of hammering.
   */
  const refuseLocked = (conn: SimConnection, command: number, login: number): boolean => {
    const retryInMs = broker.loginThrottle.lockedForMs(login)
    if (retryInMs <= 0) return false
    broker.log('login-locked', { conn: conn.id, login, retryInMs })
    conn.reply(command, LoginCode.InvalidAccount)
    return true
  }

  const failed = (conn: SimConnection, login: number): void => {
    if (broker.loginThrottle.failed(login))
      broker.log('account-locked', { conn: conn.id, login, lockoutMs: broker.loginLockoutMs })
  }

  const login: CommandHandler = (conn: SimConnection, payload) => {
    if (conn.phase === 'loggedIn') {
      conn.reply(28, LoginCode.InvalidAccount)
      return
    }
    const req = decodeLoginRequest(payload)
    const number = Number(req.login)
    const account = broker.accountConfig(number)
    // Throttling guards passwords. A password token (160 random bytes from an earlier login)
    // cannot be guessed, and clients resume with one after every reconnect: a refused (freed or
    // stale) token neither counts as a failure nor is refused during a lockout.
    const byPassword = req.password !== ''
    if (account && byPassword && refuseLocked(conn, 28, number)) return
    let investor = false
    let ok = false
    if (account) {
      if (byPassword) {
        if (passwordMatches(req.password, account.password)) ok = true
        else if (passwordMatches(req.password, account.investorPassword)) {
          ok = true
          investor = true
        }
      } else if (!isZero(req.passwordBlob)) {
        const t = broker.checkPasswordToken(number, req.passwordBlob)
        if (t !== undefined) {
          ok = true
          investor = t.investor
        }
      }
    }
    if (!account || !ok) {
      broker.log('login-failed', { conn: conn.id, login: number })
      if (account && byPassword) failed(conn, number)
      conn.reply(28, LoginCode.InvalidAccount)
      return
    }
    const secret = broker.otpSecret(number)
    if (secret !== undefined && !otpMatches(secret, req.otp, broker.clock.now())) {
      // A wrong one-time code counts like a wrong password: six digits are quick to guess.
      if (req.otp !== '') failed(conn, number)
      conn.reply(28, LoginCode.OtpRequired)
      return
    }
    if (byPassword) broker.loginThrottle.succeeded(number)
    const issued = broker.issuePasswordToken(number, investor, req.session)
    conn.login = number
    conn.investor = investor
    conn.phase = 'loggedIn'
    broker.log('login', { conn: conn.id, login: number, investor })
    conn.reply(28, 0, encodeLoginResponse({ passwordToken: issued.passwordToken, session: issued.session }))
    // Trade-server connection state: 0 = connected (docs/architecture.md#bootstrap-and-session).
    conn.push(15, u32(0))
  }

  const init: CommandHandler = (conn, payload) => {
    if (conn.phase === 'loggedIn') {
      // Live servers misbehave when cmd 29 follows a login; answer like cmd 52 does (drop).
      conn.drop()
      return
    }
    void payload
    conn.phase = 'init'
    conn.reply(29, 0)
  }

  const logout: CommandHandler = (conn) => {
    conn.reply(2, 0)
    if (conn.login !== undefined) broker.log('logout', { conn: conn.id, login: conn.login })
    conn.login = undefined
    // Not 'ready': the socket has had a session (cmd 52 now drops it, like live servers).
    conn.phase = 'init'
    conn.tickSubs.clear()
    conn.bookSubs.clear()
  }

  const ping: CommandHandler = (conn) => conn.reply(51, 0)

  const reserved52: CommandHandler = (conn) => {
    if (conn.phase === 'ready') conn.reply(52, 0)
    else conn.drop()
  }

  const otp: CommandHandler = (conn, payload) => {
    if (conn.phase !== 'ready') {
      conn.reply(43, LoginCode.InvalidAccount)
      return
    }
    const req = decodeOtpRequest(payload)
    const number = Number(req.record.login)
    const account = broker.accountConfig(number)
    if (account && refuseLocked(conn, 43, number)) return
    const passwordOk =
      account !== undefined &&
      (req.passwordToken !== undefined
        ? broker.checkPasswordToken(number, req.passwordToken) !== undefined
        : passwordMatches(req.record.password, account.password))
    if (!passwordOk) {
      if (account) failed(conn, number)
      conn.reply(43, LoginCode.InvalidAccount)
      return
    }
    const now = broker.clock.now()
    const current = broker.otpSecret(number)
    if (req.record.otpSecret !== '') {
      // Enable: the check code must be generated from the new secret.
      if (current !== undefined || !otpMatches(req.record.otpSecret, req.record.otpSecretCheck, now)) {
        conn.reply(43, 201)
        return
      }
      broker.setOtpSecret(number, req.record.otpSecret)
    } else {
      // Disable: the current code is required.
      if (current === undefined || !otpMatches(current, req.record.otp, now)) {
        conn.reply(43, 201)
        return
      }
      broker.setOtpSecret(number, undefined)
    }
    conn.reply(43, 0)
  }

  return { 2: logout, 28: login, 29: init, 43: otp, 51: ping, 52: reserved52 }
}

/** A 4-byte little-endian u32 body. */
export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value >>> 0, true)
  return out
}

/** A 4-byte little-endian i32 body. */
export function i32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setInt32(0, value | 0, true)
  return out
}
