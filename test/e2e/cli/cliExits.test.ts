/**
 * How the `mt5web` process ends when things go wrong around it: a reader that leaves early
 * (`| head`), a simulator killed mid-stream, a port that never completes the WebSocket handshake,
 * wss:// to a plain ws port; and what a user sees for rejected trades and bad numbers.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { alwaysOpenBroker } from '../../helpers/alwaysOpenBroker.js'
import { until } from '../../helpers/until.js'
import { collect, runCli, startCli, waitForLines } from './_spawnCli.js'

let sim: SimServer
let env: Record<string, string>
/** Simulator log events (`login`, `logout`, …) with their data. */
const events: { event: string; data: Record<string, unknown> }[] = []

beforeAll(async () => {
  sim = await createSimServer({
    port: 0,
    brokers: [alwaysOpenBroker()],
    tickIntervalMs: 50,
    log: (event, data) => events.push({ event, data }),
  })
  env = { MT5_SERVER: sim.url(), MT5_LOGIN: '10001', MT5_PASSWORD: 'Demo1234' }
})

afterAll(async () => {
  await sim.close()
})

/** The only line of `stderr`, asserting there is exactly one and no stack trace. */
function oneLine(stderr: string): string {
  expect(stderr).not.toMatch(/\n\s+at /)
  const lines = stderr.trimEnd().split('\n')
  expect(lines).toHaveLength(1)
  return lines[0]!
}

describe('output cut short', { timeout: 90_000 }, () => {
  it('ticks | head -2: exits 0 quietly and logs out', async () => {
    const child = startCli(['ticks', 'EURUSD'], env)
    const done = collect(child)
    await waitForLines(child, 2)
    const logouts = events.filter((e) => e.event === 'logout').length
    // The reader leaves: the next write fails with EPIPE.
    child.stdout?.destroy()
    const r = await done
    expect(r.stderr).toBe('')
    expect(r.signal).toBeNull()
    expect(r.code).toBe(0)
    await until(() => events.filter((e) => e.event === 'logout').length > logouts)
  })

  it('a one-shot command and --help whose reader is already gone exit 0 without a stack', async () => {
    for (const args of [['symbols'], ['--help']]) {
      const child = startCli(args, env)
      child.stdout?.destroy()
      const r = await collect(child)
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    }
  })
})

describe('connection failures in plain words', { timeout: 90_000 }, () => {
  it('a simulator killed mid-stream: one stderr line saying the connection was lost, exit 1', async () => {
    const own = await createSimServer({ port: 0, brokers: [alwaysOpenBroker()], tickIntervalMs: 50 })
    const child = startCli(['ticks', 'EURUSD'], { ...env, MT5_SERVER: own.url() })
    const done = collect(child)
    await waitForLines(child, 1)
    await own.close()
    const r = await done
    expect(r.code).toBe(1)
    expect(oneLine(r.stderr)).toMatch(
      new RegExp(`^mt5web: connection to ${own.url().replace(/[.]/g, '\\.')} lost`),
    )
  })

  it('a TCP server that never answers the WebSocket handshake', async () => {
    const sockets = new Set<Socket>()
    const silent: Server = createServer((socket) => {
      sockets.add(socket)
      socket.resume()
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    try {
      const r = await runCli(['account', '--timeout', '800'], {
        ...env,
        MT5_SERVER: `ws://127.0.0.1:${port}/`,
      })
      expect(r.code).toBe(1)
      expect(oneLine(r.stderr)).toBe(
        `mt5web: cannot connect to ws://127.0.0.1:${port}/: the server accepted the connection but did not complete the WebSocket handshake within 800 ms (is this the address of a Web Terminal?)`,
      )
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => silent.close(() => resolve()))
    }
  })

  it('wss:// to a plain ws port says the server does not speak TLS', async () => {
    const plain = sim.url()
    const secure = plain.replace(/^ws:/, 'wss:')
    const r = await runCli(['account'], { ...env, MT5_SERVER: secure })
    expect(r.code).toBe(1)
    expect(oneLine(r.stderr)).toBe(
      `mt5web: cannot connect to ${secure}: the server does not speak TLS on this port (try ${plain})`,
    )
  })
})

describe('what a user sees', { timeout: 90_000 }, () => {
  it('a rejection names the reason the SDK knows', async () => {
    const step = await runCli(['buy', 'EURUSD', '0.015', '--yes'], env)
    expect(step.code).toBe(1)
    expect(oneLine(step.stderr)).toMatch(
      /^mt5web: trade rejected: retcode 10014 invalid volume: volume 0\.015 lots is not a multiple of the step 0\.01 lots$/,
    )
    const stops = await runCli(['buy', 'EURUSD', '0.1', '--sl', '5', '--yes'], env)
    expect(stops.code).toBe(1)
    expect(oneLine(stops.stderr)).toMatch(
      /^mt5web: trade rejected: retcode 10016 invalid stops: stop loss 5 /,
    )
  })

  // More cases of each in test/unit/cli (run.test.ts, args.test.ts).
  it('a negative number and --version, as a process', async () => {
    const lots = await runCli(['buy', 'EURUSD', '-1', '--yes'], env)
    expect(lots.code).toBe(2)
    expect(lots.stderr).toBe('mt5web: LOTS must be greater than 0, got "-1"\n')
    const version = await runCli(['--version'], {})
    expect(version.code).toBe(0)
    expect(version.stdout).toMatch(/^mt5web \d+\.\d+\.\d+/)
  })
})
