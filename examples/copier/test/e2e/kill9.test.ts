/**
 * Crash safety of the real process: `mt5web-copier run` is killed with SIGKILL in the middle of a
 * burst of source changes, then `once` runs on the same state: exactly one copy of every source
 * order on every target, whatever the moment of the kill.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import { parseTag } from '../../src/link/tag.js'
import { copierCli, startCopierCli } from './_cli.js'
import {
  HEDGING,
  NETTING,
  ordersOf,
  placeSource,
  type SimEnv,
  SOURCE_LOGIN,
  simPerFile,
  T,
  TAG_SCOPE,
  until,
  writeConfig,
} from './_env.js'

describe('copier e2e: the run process: SIGTERM, and kill -9 during a burst then restart', () => {
  const sim = simPerFile()
  let env: SimEnv
  beforeEach(() => {
    env = sim()
  })

  it('SIGTERM finishes in-flight work, logs out and exits 0', async () => {
    const config = writeConfig(env, undefined, 'term.yaml')
    const child = startCopierCli(['run', '-c', config, '--log-level', 'debug'])
    let log = ''
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d
    })
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    try {
      await until(() => log.includes('reconcile:'), 40_000)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(log).toMatch(/SIGTERM: finishing in-flight requests and logging out/)
      expect(log).toMatch(/stopped\n$/)
      await until(() => env.sim.control.account(SOURCE_LOGIN).connections === 0, 3000)
    } finally {
      child.kill('SIGKILL')
    }
  })

  it('leaves exactly one copy per eligible source order on every target', async () => {
    const config = writeConfig(env)
    const child = startCopierCli(['run', '-c', config, '--log-level', 'debug'])
    let log = ''
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      log += d
    })
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    )
    try {
      await until(() => log.includes('reconcile:'), 40_000)
      const tickets: bigint[] = []
      const symbols = ['EURUSD', 'GBPUSD', 'AUDUSD']
      for (let i = 0; i < 24; i++) {
        const symbol = symbols[i % 3] as string
        const base = symbol === 'EURUSD' ? 1.085 : symbol === 'GBPUSD' ? 1.27 : 0.66
        const buy = i % 2 === 0
        tickets.push(
          placeSource(env, {
            symbol,
            type: buy ? T.buyLimit : T.sellLimit,
            lots: [0.1, 0.2, 0.3, 0.4][i % 4] as number,
            price: Number((buy ? base - 0.01 - i * 0.0001 : base + 0.01 + i * 0.0001).toFixed(5)),
          }),
        )
        if (i >= 2) {
          const moved = tickets[i - 2] as bigint
          const o = env.sim.control.account(SOURCE_LOGIN).orders.find((x) => x.tradeOrder === moved)
          if (o)
            env.sim.control.modifyOrder(SOURCE_LOGIN, moved, {
              price: Number((o.priceOrder + (i % 2 === 0 ? -0.0002 : 0.0002)).toFixed(5)),
            })
        }
        // kill in the middle of the burst, once copies are being placed
        if (i === 12) {
          await until(() => /placed \[/.test(log), 20_000)
          child.kill('SIGKILL')
        }
        await new Promise((r) => setTimeout(r, 3))
      }
      expect(await exited).toBe('SIGKILL')

      const r = await copierCli(['once', '-c', config])
      expect(r.stderr).not.toMatch(/duplicate/)
      expect(r.code).toBe(0)
      const source = env.sim.control.account(SOURCE_LOGIN).orders
      expect(source).toHaveLength(24)
      for (const [broker, login] of [
        ['SuffixBroker', HEDGING],
        ['CoarseBroker', NETTING],
        ['LimitBroker', HEDGING],
      ] as const) {
        const copies = ordersOf(env, broker, login).map((o) => ({
          source: parseTag(o.comment, TAG_SCOPE),
          price: o.priceOrder,
        }))
        expect(copies.filter((c) => c.source === undefined)).toEqual([])
        expect(copies.map((c) => c.source).sort()).toEqual([...tickets].sort())
        for (const s of source)
          expect(copies.find((c) => c.source === s.tradeOrder)?.price).toBe(s.priceOrder)
      }
    } finally {
      child.kill('SIGKILL')
    }
  })
})
