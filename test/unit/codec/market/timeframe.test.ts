import { describe, expect, it } from 'vitest'
import {
  minutesFromPeriodCode,
  periodCodeFromMinutes,
  Timeframe,
  type TimeframeName,
  timeframeMinutes,
} from '../../../../src/codec/timeframe.js'
import { ValidationError } from '../../../../src/errors.js'

describe('timeframes', () => {
  it('has the official wire codes for the nine standard timeframes', () => {
    expect([
      Timeframe.M1,
      Timeframe.M5,
      Timeframe.M15,
      Timeframe.M30,
      Timeframe.H1,
      Timeframe.H4,
      Timeframe.D1,
      Timeframe.W1,
      Timeframe.MN1,
    ]).toEqual([1, 5, 15, 30, 16385, 16388, 16408, 32769, 49153])
  })

  it('follows the pattern for every timeframe', () => {
    for (const name of Object.keys(Timeframe) as TimeframeName[]) {
      const minutes = timeframeMinutes[name]
      const code = Timeframe[name]
      if (minutes < 60) expect(code, name).toBe(minutes)
      else if (minutes <= 1440) expect(code, name).toBe(0x4000 | (minutes / 60))
      else if (name === 'W1') expect(code).toBe(0x8001)
      else expect(code).toBe(0xc001)
      expect(periodCodeFromMinutes(minutes)).toBe(code)
      expect(minutesFromPeriodCode(code)).toBe(minutes)
    }
    expect(Timeframe.H12).toBe(0x400c)
    expect(Timeframe.M20).toBe(20)
  })

  it('rejects unknown minutes and codes with a ValidationError', () => {
    expect(() => periodCodeFromMinutes(7)).toThrow(ValidationError)
    expect(() => periodCodeFromMinutes(0)).toThrow(ValidationError)
    expect(() => minutesFromPeriodCode(0)).toThrow(ValidationError)
    expect(() => minutesFromPeriodCode(120)).toThrow(ValidationError)
    expect(() => minutesFromPeriodCode(0x4005)).toThrow(/not a known period code/)
  })
})
