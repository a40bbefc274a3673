import { describe, expect, it } from 'vitest'
import { AUTH_FAILURE_CODES, createSession, isAuthFailure } from '../../../src/client/session.js'
import { decodeLoginRequest, encodeLoginResponse } from '../../../src/codec/messages/login.js'
import { MT5ConnectionError, ServerError } from '../../../src/errors.js'

const CID = new Uint8Array(16)

function loggedIn() {
  const session = createSession(10001n, 'Demo1234', undefined)
  const token = new Uint8Array(160).fill(0xab)
  session.accept(encodeLoginResponse({ passwordToken: token, session: 77n }))
  return session
}

describe('session', () => {
  it('forget() drops the password token and the session id', () => {
    const session = loggedIn()
    session.bootstrapToken = new Uint8Array(4)
    expect(session.canResume).toBe(true)
    expect(decodeLoginRequest(session.loginPayload(CID, 'resume')).session).toBe(77n)
    session.forget()
    expect(session.canResume).toBe(false)
    expect(session.bootstrapToken).toBeUndefined()
    const request = decodeLoginRequest(session.loginPayload(CID, 'resume'))
    expect(request.session).toBe(0n)
    expect(request.password).toBe('Demo1234')
  })

  it('passwordChanged() replaces the password only when it was the one in use', () => {
    const session = createSession(10001n, 'Demo1234', undefined)
    session.passwordChanged('Investor1!', 'Other-pass9')
    expect(decodeLoginRequest(session.loginPayload(CID, 'full')).password).toBe('Demo1234')
    session.passwordChanged('Demo1234', 'New-pass12')
    expect(decodeLoginRequest(session.loginPayload(CID, 'full')).password).toBe('New-pass12')
  })

  it('isAuthFailure() recognises login codes 3, 5, 6 and 201 only', () => {
    expect([...AUTH_FAILURE_CODES].sort((a, b) => a - b)).toEqual([3, 5, 6, 201])
    for (const code of [3, 5, 6, 201]) expect(isAuthFailure(new ServerError(28, code, 'x'))).toBe(true)
    expect(isAuthFailure(new ServerError(28, 1, 'x'))).toBe(false)
    expect(isAuthFailure(new ServerError(7, 3, 'x'))).toBe(false)
    expect(isAuthFailure(new MT5ConnectionError('gone'))).toBe(false)
  })
})
