/**
 * The other ways credentials flow — login (refused, then over a reconnect), changePassword,
 * enableOtp, openDemoAccount, the compat `initialize` — never put a password, an OTP secret or a
 * new password into an error, an `error` event or a log line (every level, every argument).
 */
import { inspect } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import type { Logger } from '../../../src/client/types.js'
import * as compat from '../../../src/compat/index.js'
import { createSimServer, type SimServer } from '../../../src/sim/index.js'
import { makeTradingClient } from '../trading/_tradingClient.js'
import { LOGIN, makeClient, PASSWORD, until } from './_marketClient.js'

const WRONG = 'PW#wrong-Pass1'
const NEXT = 'PW#Next-pass22'
const OTP_SECRET = 'PWSECRETJBSWY3DP'
const OTP_CODE = 9_876_543_210 as unknown as string

/** A logger that keeps every call, rendered as deeply as util.inspect goes. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const record =
    (level: string) =>
    (...args: unknown[]): void => {
      lines.push(`${level} ${inspect(args, { depth: Number.POSITIVE_INFINITY, showHidden: true })}`)
    }
  return {
    lines,
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  }
}

/** Every rendering of an error and its causes. */
function render(error: unknown): string {
  const parts = [inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })]
  for (let at: unknown = error, i = 0; at instanceof Error && i < 10; at = at.cause, i++) {
    parts.push(
      String(at),
      at.stack ?? '',
      JSON.stringify(at, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v)),
    )
  }
  return parts.join('\n')
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('credentials never reach errors, events or logs', () => {
  let sim: SimServer | undefined

  afterEach(async () => {
    await compat.shutdown()
    await sim?.close()
    sim = undefined
  })

  it('a refused login, account actions with wrong secrets, a reconnect, compat initialize', async () => {
    sim = await createSimServer({ port: 0, host: '127.0.0.1' })
    const logger = recordingLogger()
    const seen: string[] = []

    const refused = makeClient(sim.url(), { password: WRONG, logger })
    refused.on('error', (e) => seen.push(render(e)))
    seen.push(render(await failure(refused.connect())))
    await refused.close()

    const client = makeClient(sim.url(), {
      logger,
      reconnect: { baseDelayMs: 10, maxDelayMs: 20, maxAttempts: 20 },
    })
    client.on('error', (e) => seen.push(render(e)))
    client.on('disconnect', (info) => seen.push(inspect(info, { depth: Number.POSITIVE_INFINITY })))
    await client.connect()
    seen.push(render(await failure(client.changePassword({ current: WRONG, next: NEXT }))))
    seen.push(render(await failure(client.changePassword({ current: PASSWORD, next: 'pw#toosimple' }))))
    seen.push(
      render(await failure(client.enableOtp({ password: WRONG, secret: OTP_SECRET, code: '123456' }))),
    )
    // a wrong-typed OTP code: the encoder refuses it without echoing it
    seen.push(
      render(await failure(client.enableOtp({ password: PASSWORD, secret: OTP_SECRET, code: OTP_CODE }))),
    )
    const demo = await client.openDemoAccount({ firstName: 'Ada', secondName: 'L', phonePassword: NEXT })
    sim.control.faults.drop({ login: LOGIN })
    await until(() => client.status === 'reconnecting')
    await until(() => client.status === 'loggedIn', 5_000)
    seen.push(inspect(client, { depth: Number.POSITIVE_INFINITY, showHidden: true }))
    seen.push(JSON.stringify(client.options))
    await client.close()

    expect(await compat.initialize(makeTradingClient(sim.url(), { password: WRONG, logger }))).toBe(false)
    seen.push(JSON.stringify(compat.lastError()))

    const everything = [...seen, ...logger.lines].join('\n')
    expect(logger.lines.length).toBeGreaterThan(0)
    for (const secret of [
      WRONG,
      NEXT,
      OTP_SECRET,
      String(OTP_CODE),
      PASSWORD,
      demo.password,
      demo.investorPassword,
    ]) {
      expect(everything).not.toContain(secret)
    }
  })
})
