/** Unknown server build: one warning through the user's logger; no log line carries the password. */
import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from '../../../src/client/createClient.js'
import type { Logger } from '../../../src/client/types.js'
import { createSimServer, defaultBroker, defineAccount, type SimServer } from '../../../src/sim/index.js'

const LOGIN = 20001
const PASSWORD = 'Xq7-Secret-Pw!'

interface Line {
  level: string
  text: string
}

/** A pino-like logger that records every call as text. */
function recordingLogger(lines: Line[]): Logger {
  const text = (args: unknown[]): string =>
    args
      .map((a) =>
        typeof a === 'string'
          ? a
          : JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
      )
      .join(' ')
  const at =
    (level: string) =>
    (...args: unknown[]): void => {
      lines.push({ level, text: text(args) })
    }
  return { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

describe('server build warning e2e', () => {
  let sim: SimServer | undefined
  let close: (() => Promise<void>) | undefined

  afterEach(async () => {
    await close?.()
    await sim?.close()
  })

  const run = async (serverBuild?: number): Promise<{ client: Line[]; server: Line[]; build: number }> => {
    const broker = defaultBroker()
    broker.accounts.push(defineAccount({ login: LOGIN, password: PASSWORD }))
    const server: Line[] = []
    sim = await createSimServer({
      port: 0,
      host: '127.0.0.1',
      brokers: [broker],
      ...(serverBuild === undefined ? {} : { serverBuild }),
      log: (event, data) => {
        server.push({
          level: 'sim',
          text: `${event} ${JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
        })
      },
    })
    const lines: Line[] = []
    const client = createClient({
      server: sim.url(),
      login: LOGIN,
      password: PASSWORD,
      reconnect: false,
      logger: recordingLogger(lines),
    })
    close = () => client.close()
    await client.connect()
    const info = await client.accountInfo()
    expect(info.serverBuild).toBe(serverBuild ?? 5687)
    // a second session on the same client: still one warning at most
    await client.close()
    await client.connect()
    expect((await client.buyMarket({ symbol: 'EURUSD', volume: 0.01 })).ok).toBe(true)
    await client.close()
    return { client: lines, server, build: client.serverBuild ?? -1 }
  }

  it('warns exactly once for an unknown build (9999)', async () => {
    const { client, server, build } = await run(9999)
    expect(build).toBe(9999)
    const warnings = client.filter((l) => l.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]!.text).toContain('9999')
    expect(warnings[0]!.text).toMatch(/unknown server build/)
    expect(client.length).toBeGreaterThan(1) // the logger did receive the other lines
    for (const l of [...client, ...server]) expect(l.text).not.toContain(PASSWORD)
  })

  it('does not warn for the known build (5687, the default)', async () => {
    const { client, server, build } = await run()
    expect(build).toBe(5687)
    expect(client.filter((l) => l.level === 'warn')).toEqual([])
    expect(client.some((l) => l.level === 'info')).toBe(true)
    for (const l of [...client, ...server]) expect(l.text).not.toContain(PASSWORD)
  })

  it('rejects a build outside u16', async () => {
    await expect(createSimServer({ port: 0, serverBuild: 70_000 })).rejects.toBeInstanceOf(RangeError)
  })
})
