/**
 * The `mt5web` command as a process against the simulator on loopback: every subcommand, the
 * trade flow (buy, limit, modify, cancel, close), Ctrl-C on a stream, and the failure lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { alwaysOpenBroker } from '../../helpers/alwaysOpenBroker.js'
import { closedPort, collect, runCli, startCli, waitForLines } from './_spawnCli.js'

let sim: SimServer
let env: Record<string, string>

beforeAll(async () => {
  // Always-open sessions (the test may run on a weekend) and a real clock with a live feed.
  sim = await createSimServer({ port: 0, brokers: [alwaysOpenBroker()], tickIntervalMs: 100 })
  env = { MT5_SERVER: sim.url(), MT5_LOGIN: '10001', MT5_PASSWORD: 'Demo1234' }
})

afterAll(async () => {
  await sim.close()
})

function json<T>(text: string): T {
  return JSON.parse(text) as T
}

describe('mt5web read-only commands', { timeout: 90_000 }, () => {
  it('account --json prints one JSON document with the login as a string', async () => {
    const r = await runCli(['account', '--json'], env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const account = json<{ login: string; balance: number; currency: string }>(r.stdout)
    expect(account.login).toBe('10001')
    expect(account.balance).toBe(100_000)
    expect(account.currency).toBe('USD')
  })

  it('symbols (table and filter) and symbol EURUSD', async () => {
    const all = await runCli(['symbols'], env)
    expect(all.code).toBe(0)
    expect(all.stdout.split('\n')[0]).toMatch(/^SYMBOL\s+DIGITS\s+DESCRIPTION\s+PATH$/)
    expect(all.stdout).toContain('XAUUSD')
    const eur = await runCli(['symbols', '--filter', 'EUR*', '--json'], env)
    expect(json<{ name: string }[]>(eur.stdout).map((s) => s.name)).toEqual(['EURUSD'])
    const one = await runCli(['symbol', 'EURUSD'], env)
    expect(one.code).toBe(0)
    expect(one.stdout).toMatch(/^symbol\s+EURUSD$/m)
    expect(one.stdout).toMatch(/^digits\s+5$/m)
    expect(one.stdout).toMatch(/^contract size\s+100000$/m)
    // --json: volumes in lots like every other command (not the wire's lots × 10^8)
    const spec = json<{ name: string; trade: Record<string, unknown> }>(
      (await runCli(['symbol', 'EURUSD', '--json'], env)).stdout,
    )
    expect(spec.name).toBe('EURUSD')
    expect(spec.trade).toMatchObject({ volumeMin: 0.01, volumeStep: 0.01, volumeMax: expect.any(Number) })
    expect(spec).not.toHaveProperty('raw')
  })

  it('rates EURUSD M1 --count 5', async () => {
    const r = await runCli(['rates', 'EURUSD', 'M1', '--count', '5', '--json'], env)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const bars = json<{ timeMs: number; open: number; close: number }[]>(r.stdout)
    expect(bars).toHaveLength(5)
    for (let i = 1; i < bars.length; i++)
      expect(bars[i]!.timeMs - bars[i - 1]!.timeMs).toBeGreaterThanOrEqual(60_000)
    const table = await runCli(['rates', 'EURUSD', 'm1', '--count', '3'], env)
    expect(table.stdout.trim().split('\n')).toHaveLength(4)
  })

  it('ticks EURUSD streams lines until SIGINT, then exits 0', async () => {
    const child = startCli(['ticks', 'EURUSD'], env)
    const done = collect(child)
    await waitForLines(child, 3)
    child.kill('SIGINT')
    const r = await done
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const lines = r.stdout.trim().split('\n')
    expect(lines.length).toBeGreaterThanOrEqual(3)
    for (const line of lines)
      expect(line).toMatch(
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} {2}EURUSD {2}bid \d\.\d{5} {2}ask \d\.\d{5}/,
      )
  })

  it('ticks --count N --json prints N JSON lines', async () => {
    const r = await runCli(['ticks', 'EURUSD', 'GBPUSD', '--count', '4', '--json'], env)
    expect(r.code).toBe(0)
    const ticks = r.stdout
      .trim()
      .split('\n')
      .map((l) => json<{ symbol: string; bid: number }>(l))
    expect(ticks).toHaveLength(4)
    for (const t of ticks) expect(['EURUSD', 'GBPUSD']).toContain(t.symbol)
  })

  it('book EURUSD', async () => {
    const r = await runCli(['book', 'EURUSD', '--json'], env)
    expect(r.code).toBe(0)
    const book = json<{ symbol: string; bids: { price: number }[]; asks: { price: number }[] }>(r.stdout)
    expect(book.symbol).toBe('EURUSD')
    expect(book.bids.length).toBeGreaterThan(0)
    expect(book.asks[0]!.price).toBeGreaterThan(book.bids[0]!.price)
    const table = await runCli(['book', 'EURUSD'], env)
    expect(table.stdout).toMatch(/BID VOL\s+BID\s+ASK\s+ASK VOL/)
  })

  it('positions, orders and history on a fresh account', async () => {
    const [p, o, h] = await Promise.all([
      runCli(['positions'], env),
      runCli(['orders', '--json'], env),
      runCli(['history', '--from', '0', '--to', '2030-01-01', '--json'], { ...env, MT5_LOGIN: '10002' }),
    ])
    expect(p.code).toBe(0)
    expect(p.stdout).toBe('(no open positions)\n')
    expect(json<unknown[]>(o.stdout)).toEqual([])
    expect(h.code).toBe(0)
    expect(json<{ deals: unknown[]; orders: unknown[] }>(h.stdout)).toHaveProperty('deals')
  })
})

// Each case spawns up to eight CLI processes (each loads TypeScript through tsx): on a loaded
// machine that alone can pass the default 30 s.
describe('mt5web trading', { timeout: 120_000 }, () => {
  it('buy at market with --yes, then positions shows it, then close', async () => {
    const buy = await runCli(['buy', 'EURUSD', '0.1', '--sl', '1.0', '--comment', 'cli-e2e', '--yes'], env)
    expect(buy.stderr).toBe('')
    expect(buy.code).toBe(0)
    expect(buy.stdout).toMatch(/^retcode 10009 .*order #\d+, deal #\d+, 0\.1 lots at \d\.\d+/)

    const list = await runCli(['positions', '--json'], env)
    const positions = json<{ ticket: string; symbol: string; volume: number; comment: string; sl: number }[]>(
      list.stdout,
    )
    const mine = positions.find((p) => p.comment === 'cli-e2e')
    expect(mine).toMatchObject({ symbol: 'EURUSD', volume: 0.1, sl: 1 })
    const table = await runCli(['positions'], env)
    expect(table.stdout).toContain(mine!.ticket)

    const sltp = await runCli(['modify', mine!.ticket, '--tp', '1.5', '--yes'], env)
    expect(sltp.code).toBe(0)
    expect(sltp.stdout).toMatch(/^retcode 10009/)

    const partial = await runCli(['close', mine!.ticket, '--volume', '0.04', '--yes', '--json'], env)
    expect(partial.code).toBe(0)
    expect(json<{ ok: boolean; retcode: number; volume: number }>(partial.stdout)).toMatchObject({
      ok: true,
      retcode: 10009,
      volume: 0.04,
    })

    const close = await runCli(['close', mine!.ticket, '--yes'], env)
    expect(close.code).toBe(0)
    const after = json<{ ticket: string; tp: number }[]>((await runCli(['positions', '--json'], env)).stdout)
    expect(after.find((p) => p.ticket === mine!.ticket)).toBeUndefined()

    const history = await runCli(['history', '--from', '0', '--json'], env)
    const deals = json<{ deals: { positionId: string }[] }>(history.stdout).deals
    expect(deals.filter((d) => d.positionId === mine!.ticket)).toHaveLength(3)
  })

  it('buy --limit, then modify, then cancel', async () => {
    const place = await runCli(['buy', 'EURUSD', '0.1', '--limit', '1.05', '--yes', '--json'], env)
    expect(place.code).toBe(0)
    const placed = json<{ retcode: number; order: string }>(place.stdout)
    expect(placed.retcode).toBe(10008)

    const modify = await runCli(['modify', placed.order, '--price', '1.055', '--sl', '1.04', '--yes'], env)
    expect(modify.stderr).toBe('')
    expect(modify.code).toBe(0)
    const orders = json<{ ticket: string; priceOrder: number; sl: number }[]>(
      (await runCli(['orders', '--json'], env)).stdout,
    )
    expect(orders.find((o) => o.ticket === placed.order)).toMatchObject({ priceOrder: 1.055, sl: 1.04 })

    const cancel = await runCli(['cancel', placed.order, '--yes'], env)
    expect(cancel.code).toBe(0)
    expect(cancel.stdout).toMatch(/^retcode 10009/)
    const left = json<{ ticket: string }[]>((await runCli(['orders', '--json'], env)).stdout)
    expect(left.find((o) => o.ticket === placed.order)).toBeUndefined()
  })

  it('sell stop-limit: --price is the activation price, --stop-limit the limit price', async () => {
    const place = await runCli(
      ['sell', 'EURUSD', '0.2', '--stop-limit', '1.04', '--price', '1.03', '--yes', '--json'],
      env,
    )
    expect(place.code).toBe(0)
    const { order } = json<{ order: string }>(place.stdout)
    const orders = json<{ ticket: string; type: number; priceOrder: number; priceTrigger: number }[]>(
      (await runCli(['orders', '--json'], env)).stdout,
    )
    expect(orders.find((o) => o.ticket === order)).toMatchObject({
      type: 7,
      priceOrder: 1.03,
      priceTrigger: 1.04,
    })
    expect((await runCli(['cancel', order, '--yes'], env)).code).toBe(0)
  })

  it('a rejected trade prints the retcode and its meaning and exits 1', async () => {
    const r = await runCli(['buy', 'EURUSD', '0.1', '--limit', '1.5', '--yes'], env)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^mt5web: trade rejected: retcode 100\d\d \S.*\n$/)
  })

  it('refuses to trade without a terminal and without --yes', async () => {
    const r = await runCli(['buy', 'EURUSD', '0.1'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/refusing to trade without confirmation.*--yes/)
    expect(r.stdout).toBe('')
  })

  it('an unknown ticket is a failure', async () => {
    const r = await runCli(['close', '999999999', '--yes'], env)
    expect(r.code).toBe(1)
    expect(r.stderr).toBe('mt5web: no open position #999999999\n')
  })
})

describe('mt5web failures', () => {
  it('wrong password: one stderr line, no stack, no password, exit 1', async () => {
    const r = await runCli(['account'], { ...env, MT5_PASSWORD: 'Wrong-Pass-123' })
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^mt5web: login failed/)
    expect(r.stderr).not.toContain('Wrong-Pass-123')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })

  it('unreachable server: one stderr line, exit 1', async () => {
    const port = await closedPort()
    const r = await runCli(['positions'], { ...env, MT5_SERVER: `ws://127.0.0.1:${port}/` })
    expect(r.code).toBe(1)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(new RegExp(`^mt5web: cannot connect to ws://127\\.0\\.0\\.1:${port}/`))
    expect(r.stderr).not.toContain('Demo1234')
  })

  it('usage error: exit 2', async () => {
    const r = await runCli(['rates', 'EURUSD', 'X9'], env)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^mt5web: unknown timeframe "X9"/)
  })

  it('--password-file works and a --password flag is refused', async () => {
    const { writeFile, mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const dir = await mkdtemp(path.join(tmpdir(), 'mt5web-cli-'))
    try {
      const file = path.join(dir, 'pw')
      await writeFile(file, 'Demo1234\n', { mode: 0o600 })
      const { MT5_PASSWORD: _omit, ...noPassword } = env
      const ok = await runCli(['account', '--json', '--password-file', file], noPassword)
      expect(ok.code).toBe(0)
      const refused = await runCli(['account', '--password', 'Demo1234'], noPassword)
      expect(refused.code).toBe(2)
      expect(refused.stderr).not.toContain('Demo1234')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
