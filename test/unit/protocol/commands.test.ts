import { describe, expect, it } from 'vitest'
import { ALLOWED_COMMANDS, Command, isAllowedCommand } from '../../../src/protocol/commands.js'

describe('commands', () => {
  it('allows exactly the official list', () => {
    const expected = [
      0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 28, 29, 30,
      33, 34, 37, 39, 40, 41, 42, 43, 44, 50, 51, 52, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
      111, 112,
    ]
    expect([...ALLOWED_COMMANDS].sort((a, b) => a - b)).toEqual(expected)
    for (let id = 0; id < 300; id++) expect(isAllowedCommand(id)).toBe(expected.includes(id))
  })

  it('allows every named command', () => {
    for (const id of Object.values(Command)) expect(isAllowedCommand(id)).toBe(true)
  })

  it('has the documented ids', () => {
    expect(Command).toMatchObject({
      bootstrap: 0,
      login: 28,
      init: 29,
      ticks: 8,
      subscribeTicks: 7,
      ping: 51,
      symbolsCompressed: 34,
      corporateLinks: 44,
      reserved52: 52,
    })
    expect(new Set(Object.values(Command)).size).toBe(Object.keys(Command).length)
  })
})
