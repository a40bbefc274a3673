import { describe, expect, it } from 'vitest'
import { generateScenario } from './scenario.js'

describe('chaos scenario generator', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1)

  it('gives the same scenario for the same seed', () => {
    expect(generateScenario(427)).toEqual(generateScenario(427))
    expect(generateScenario(427, { fullLength: false })).toEqual(generateScenario(427, { fullLength: false }))
  })

  it('draws script lengths across 20…200 by default and keeps the short script as a prefix', () => {
    const lengths = seeds.map((seed) => {
      const short = generateScenario(seed, { fullLength: false })
      const full = generateScenario(seed)
      expect(full.targets).toEqual(short.targets)
      expect(full.steps.slice(0, short.steps.length)).toEqual(short.steps)
      return full.steps.length
    })
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(20)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(201) // 200 drawn steps + the kill step
    expect(lengths.filter((n) => n >= 150).length).toBeGreaterThan(30)
    // fast-check's first draw leans short (why the length is drawn on its own)
    expect(
      Math.max(...seeds.map((seed) => generateScenario(seed, { fullLength: false }).steps.length)),
    ).toBeLessThan(100)
  })
})
