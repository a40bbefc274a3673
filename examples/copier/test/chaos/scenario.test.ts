import { describe, expect, it } from 'vitest'
import { generateScenario } from './scenario.js'

describe('chaos scenario generator', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1)

  it('gives the same scenario for the same seed', () => {
    expect(generateScenario(427, { fullLength: true })).toEqual(generateScenario(427, { fullLength: true }))
  })

  it('with fullLength, draws script lengths across 20…200 and keeps the default script as a prefix', () => {
    const lengths = seeds.map((seed) => {
      const short = generateScenario(seed)
      const full = generateScenario(seed, { fullLength: true })
      expect(full.targets).toEqual(short.targets)
      expect(full.steps.slice(0, short.steps.length)).toEqual(short.steps)
      return full.steps.length
    })
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(20)
    expect(Math.max(...lengths)).toBeLessThanOrEqual(201) // 200 drawn steps + the kill step
    expect(lengths.filter((n) => n >= 150).length).toBeGreaterThan(30)
    // the default generator leans short (why fullLength exists)
    expect(Math.max(...seeds.map((seed) => generateScenario(seed).steps.length))).toBeLessThan(100)
  })
})
