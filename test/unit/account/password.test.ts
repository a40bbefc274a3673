import { describe, expect, it } from 'vitest'
import { checkNewPassword, PasswordCheck } from '../../../src/account/password.js'

describe('checkNewPassword', () => {
  it('applies the official checks in order', () => {
    expect(checkNewPassword('', 8)).toBe(PasswordCheck.Empty)
    expect(checkNewPassword('Ab1!', 8)).toBe(PasswordCheck.TooShort)
    expect(checkNewPassword('abcdefgh1!', 8)).toBe(PasswordCheck.TooSimple)
    expect(checkNewPassword('ABCDEFGH1!', 8)).toBe(PasswordCheck.TooSimple)
    expect(checkNewPassword('Abcdefghi!', 8)).toBe(PasswordCheck.TooSimple)
    expect(checkNewPassword('Abcdefgh12', 8)).toBe(PasswordCheck.TooSimple)
    expect(checkNewPassword('Abcdefg1!', 8)).toBe(PasswordCheck.Ok)
  })
})
