import { expect, it } from 'vitest'
import { main } from '../../../examples/demo.js'

it('npm start demo: streams ticks, places, modifies and cancels an order against the simulator', async () => {
  const lines: string[] = []
  await main({ ticks: 3, log: (line) => lines.push(line) })
  const text = lines.join('\n')
  expect(lines.filter((l) => l.startsWith('  tick EURUSD'))).toHaveLength(3)
  expect(text).toMatch(/placed buy limit 0\.1 EURUSD @ [\d.]+: order \d+ \(10008 order placed\)/)
  expect(text).toMatch(/modified order \d+ to [\d.]+: 10009/)
  expect(text).toMatch(/cancelled order \d+: 10009/)
  expect(lines.at(-1)).toBe('done: client closed, simulator stopped')
}, 30_000)
