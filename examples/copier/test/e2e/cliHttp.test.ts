/** `mt5web-copier run --http` as a process: the status page comes up with the copier and goes with it. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCopierCli } from './_cli.js'
import { configInput, placeSource, type SimEnv, startSim, T, until, writeConfig } from './_env.js'

describe('copier e2e: run --http', () => {
  let env: SimEnv
  beforeAll(async () => {
    env = await startSim()
    env.sim.control.setPrice('EURUSD', 1.085, 1.0852)
  })
  afterAll(async () => {
    await env?.close()
  })

  it('serves the status page while it runs and stops it on SIGTERM', async () => {
    const ticket = placeSource(env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.2, price: 1.08 })
    const child = startCopierCli(['run', '--config', writeConfig(env), '--http', '127.0.0.1:0'])
    let stderr = ''
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    try {
      await until(() => /status page: (http:\/\/127\.0\.0\.1:\d+)\//.test(stderr), 20_000)
      const url = /status page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1] as string
      await until(async () => (await fetch(`${url}/readyz`)).status === 200, 20_000)
      await until(async () => {
        const status = (await (await fetch(`${url}/api/status`)).json()) as {
          orders: { ticket: string; copies: { state: string }[] }[]
        }
        const order = status.orders.find((o) => o.ticket === String(ticket))
        return order?.copies.length === 3 && order.copies.every((c) => c.state === 'inSync')
      }, 20_000)
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^process_cpu_user_seconds_total /m)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      await expect(fetch(`${url}/healthz`)).rejects.toThrow()
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 60_000)

  it('takes the address and a token reference from the config (http.listen, http.token)', async () => {
    const token = 'config-token-0123456789'
    writeFileSync(join(env.dir, 'http-token'), `${token}\n`, { mode: 0o600 })
    const config = writeConfig(
      env,
      { ...configInput(env), http: { listen: '127.0.0.1:0', token: 'file:http-token' } },
      'http.yaml',
    )
    const child = startCopierCli(['run', '--config', config])
    let stderr = ''
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    try {
      await until(() => /status page: (http:\/\/127\.0\.0\.1:\d+)\//.test(stderr), 20_000)
      const url = /status page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1] as string
      expect((await fetch(`${url}/api/status`)).status).toBe(401)
      const auth = { headers: { authorization: `Bearer ${token}` } }
      await until(async () => (await fetch(`${url}/readyz`, auth)).status === 200, 20_000)
      expect(stderr).not.toContain(token)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 60_000)
})
