import { describe, expect, it } from 'vitest'
import { nextRuns, startSchedule } from '../../../src/service/schedule.js'

describe('schedule', () => {
  it('reads 5-field cron expressions in UTC', () => {
    const from = new Date(Date.UTC(2026, 0, 7, 12, 3, 30))
    expect(nextRuns('*/15 * * * *', 3, from).map((d) => d.toISOString())).toEqual([
      '2026-01-07T12:15:00.000Z',
      '2026-01-07T12:30:00.000Z',
      '2026-01-07T12:45:00.000Z',
    ])
    expect(nextRuns('0 22 * * 1-5', 1, from)[0]?.toISOString()).toBe('2026-01-07T22:00:00.000Z')
  })

  it('refuses an expression it cannot read', () => {
    expect(() => nextRuns('61 * * * *', 1)).toThrow()
  })

  it('runs the task on each tick until stopped, reporting its errors', async () => {
    const errors: unknown[] = []
    let runs = 0
    const stop = startSchedule(
      '* * * * * *',
      () => {
        runs++
        throw new Error('boom')
      },
      (e) => errors.push(e),
    )
    const end = Date.now() + 3000
    while (runs < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 20))
    stop()
    const after = runs
    await new Promise((r) => setTimeout(r, 1100))
    expect(after).toBeGreaterThanOrEqual(1)
    expect(runs).toBe(after)
    expect(errors.length).toBe(after)
  })
})
