import { describe, expect, it } from 'vitest'
import { confirm, confirmMode, isYes } from '../../../src/cli/confirm.js'

describe('confirmation', () => {
  it('skips with --yes, asks on a terminal, refuses otherwise', () => {
    expect(confirmMode({ yes: true, interactive: false })).toBe('skip')
    expect(confirmMode({ yes: true, interactive: true })).toBe('skip')
    expect(confirmMode({ yes: false, interactive: true })).toBe('ask')
    expect(confirmMode({ yes: false, interactive: false })).toBe('refuse')
  })

  it('accepts only y / yes; the default is no', () => {
    for (const a of ['y', 'Y', 'yes', ' YES ']) expect(isYes(a)).toBe(true)
    for (const a of ['', 'n', 'no', 'yep', 'sure', 'y y']) expect(isYes(a)).toBe(false)
  })

  it('prompts with [y/N] only in ask mode', async () => {
    const asked: string[] = []
    const prompt = async (q: string) => {
      asked.push(q)
      return 'y'
    }
    expect(await confirm('skip', 'Buy', prompt)).toBe(true)
    expect(await confirm('refuse', 'Buy', prompt)).toBe(false)
    expect(asked).toEqual([])
    expect(await confirm('ask', 'Buy 0.1 lots EURUSD at market', prompt)).toBe(true)
    expect(asked).toEqual(['Buy 0.1 lots EURUSD at market? [y/N] '])
    expect(await confirm('ask', 'Buy', async () => '')).toBe(false)
  })
})
