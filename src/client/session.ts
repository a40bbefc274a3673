/**
 * Login session of one account: the credentials (kept in private fields only, never on the client
 * object, never logged), and what a reconnect resumes with (docs/architecture.md#heartbeat-and-reconnect,
 * official): the previous
 * bootstrap token, the password token of the last login reply (its 320-hex form replaces the
 * password) and the session id.
 */
import { computeClientId } from '../codec/clientId.js'
import {
  buildLoginRequest,
  decodeLoginResponse,
  encodeLoginRequest,
  passwordTokenHex,
} from '../codec/messages/login.js'
import { responseCodeMessage } from '../enums.js'
import { ServerError } from '../errors.js'
import { Command } from '../protocol/commands.js'

/** How to log in: `full` with the password and no session id, `resume` with the stored tokens. */
export type LoginMode = 'full' | 'resume'

/** The login state of one account. */
export interface Session {
  /** The bootstrap token of the last connection (to resume), if any. */
  bootstrapToken: Uint8Array | undefined
  /** True when a previous login left a password token to resume with. */
  readonly canResume: boolean
  /** The cmd 28 payload. */
  loginPayload(cid: Uint8Array, mode: LoginMode): Uint8Array
  /** Stores the password token and session id of a successful login reply. */
  accept(replyBody: Uint8Array): void
  /** Forgets the resume tokens (after a logout or close, or when a resume was refused). */
  forget(): void
  /**
   * Records a successful master-password change: when `current` is the password this session
   * logs in with, the next full login uses `next`.
   */
  passwordChanged(current: string, next: string): void
}

/**
 * A class with private fields rather than a closure of methods: one object per client instead of
 * seven closures and their context (issue #12); the credentials stay unreachable from outside.
 */
class AccountSession implements Session {
  bootstrapToken: Uint8Array | undefined = undefined
  readonly #login: bigint
  #password: string
  readonly #otp: string | undefined
  #passwordToken: string | undefined = undefined
  #sessionId = 0n

  constructor(login: bigint, password: string, otp: string | undefined) {
    this.#login = login
    this.#password = password
    this.#otp = otp
  }

  get canResume(): boolean {
    return this.#passwordToken !== undefined
  }

  loginPayload(cid: Uint8Array, mode: LoginMode): Uint8Array {
    const token = mode === 'resume' ? this.#passwordToken : undefined
    return encodeLoginRequest(
      buildLoginRequest({
        login: this.#login,
        password: token ?? this.#password,
        cid,
        ...(this.#otp === undefined || token !== undefined ? {} : { otp: this.#otp }),
        session: token !== undefined ? this.#sessionId : 0n,
      }),
    )
  }

  accept(replyBody: Uint8Array): void {
    const reply = decodeLoginResponse(replyBody)
    this.#passwordToken = reply.passwordToken.some((b) => b !== 0)
      ? passwordTokenHex(reply.passwordToken)
      : undefined
    this.#sessionId = reply.session
  }

  forget(): void {
    this.#passwordToken = undefined
    this.#sessionId = 0n
    this.bootstrapToken = undefined
  }

  passwordChanged(current: string, next: string): void {
    // The wire carries the first 32 characters of a password (cmd 24 and cmd 28 alike).
    if (this.#password === current || this.#password.slice(0, 32) === current.slice(0, 32)) {
      this.#password = next
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'Session { [credentials hidden] }'
  }
}

/** Creates the session of `login`; `password` and `otp` stay in its private fields. */
export function createSession(login: bigint, initialPassword: string, otp: string | undefined): Session {
  return new AccountSession(login, initialPassword, otp)
}

/** Wraps a failed login request into an error with a clear message (never the password). */
export function loginError(error: unknown): unknown {
  if (error instanceof ServerError) {
    return new ServerError(
      error.command,
      error.responseCode,
      `login failed: ${responseCodeMessage(error.responseCode)} (code ${error.responseCode})`,
      { cause: error },
    )
  }
  return error
}

/**
 * cmd 28 response codes that refuse the credentials themselves: 3 invalid account or password,
 * 5 OTP required or invalid, 6 TOTP must be enabled, 201 invalid OTP. Retrying them cannot succeed
 * and risks locking the account (the official client returns to its login screen).
 */
export const AUTH_FAILURE_CODES: ReadonlySet<number> = new Set([3, 5, 6, 201])

/** True when `error` is a login refused for its credentials (see {@link AUTH_FAILURE_CODES}). */
export function isAuthFailure(error: unknown): error is ServerError {
  return (
    error instanceof ServerError &&
    error.command === Command.login &&
    AUTH_FAILURE_CODES.has(error.responseCode)
  )
}

let defaultClientId: Promise<Uint8Array> | undefined

/** A client id derived once per process (docs/architecture.md#commands, cmd 28 `cid`), or the one given. */
export function resolveClientId(clientId: string | Uint8Array | undefined): Promise<Uint8Array> {
  if (clientId instanceof Uint8Array) return Promise.resolve(clientId.slice())
  if (typeof clientId === 'string') {
    const out = new Uint8Array(16)
    for (let i = 0; i < 16; i++) out[i] = Number.parseInt(clientId.slice(2 * i, 2 * i + 2), 16)
    return Promise.resolve(out)
  }
  defaultClientId ??= computeClientId({
    platform: 'Win32',
    devicePixelRatio: 1,
    language: 'en-US',
    screen: '1920x1080',
    uniq: Math.round(1e6 * Math.random()),
  })
  return defaultClientId
}

/** Server builds this SDK was checked against (the bootstrap's `reserved` u16). */
export const KNOWN_SERVER_BUILDS: ReadonlySet<number> = new Set([5687])
