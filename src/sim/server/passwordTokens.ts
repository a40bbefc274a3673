/**
 * Password tokens: every successful login (cmd 28) issues 160 random bytes that a client may send
 * instead of the password next time (resume after a reconnect). Each login keeps at most
 * `maxPerLogin` tokens, the oldest freed first: a bot that reconnects all day must not grow the
 * table without end.
 */
import { randomBytes } from 'node:crypto'

/** What a token stands for. */
export interface IssuedToken {
  login: number
  investor: boolean
}

/** The token table of one broker. */
export interface PasswordTokens {
  /** A fresh 160-byte token for `login`. */
  issue(login: number, investor: boolean): Uint8Array
  /** The token's grant when it was issued to `login` and not freed. */
  check(login: number, blob: Uint8Array): IssuedToken | undefined
  /** Frees every token of `login`; returns how many there were. */
  revoke(login: number): number
}

/** Bytes of a password token on the wire (cmd 28 `passwordBlob`). */
const TOKEN_BYTES = 160

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** Creates a token table keeping at most `maxPerLogin` tokens per login. */
export function createPasswordTokens(maxPerLogin: number): PasswordTokens {
  const tokens = new Map<string, IssuedToken>()
  /** Token keys per login, oldest first. */
  const keysOf = new Map<number, string[]>()
  return {
    issue(login, investor) {
      const token = new Uint8Array(randomBytes(TOKEN_BYTES))
      const key = hex(token)
      tokens.set(key, { login, investor })
      const keys = keysOf.get(login) ?? []
      keys.push(key)
      while (keys.length > maxPerLogin) tokens.delete(keys.shift()!)
      keysOf.set(login, keys)
      return token
    },
    check(login, blob) {
      const t = tokens.get(hex(blob))
      return t && t.login === login ? t : undefined
    },
    revoke(login) {
      const keys = keysOf.get(login) ?? []
      for (const key of keys) tokens.delete(key)
      keysOf.delete(login)
      return keys.length
    },
  }
}
