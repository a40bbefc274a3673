/**
 * The live-broker suite's settings, from the environment. Without MT5_LIVE_SERVER, MT5_LIVE_LOGIN
 * and MT5_LIVE_PASSWORD the suite is skipped (and says why once); it only reads unless
 * MT5_LIVE_TRADE=1, and even then it trades only when the server reports a demo account.
 */
import { createClient, type Mt5Client } from '../../src/index.js'

export interface LiveEnv {
  server: string
  login: string
  password: string
  /** MT5_LIVE_TRADE=1: the trading tests may run (on a demo account only). */
  trade: boolean
  /** MT5_LIVE_SYMBOL, default EURUSD. */
  symbol: string
}

const REQUIRED = ['MT5_LIVE_SERVER', 'MT5_LIVE_LOGIN', 'MT5_LIVE_PASSWORD'] as const

/** The settings, or why the suite is skipped. */
export function liveEnv(env: NodeJS.ProcessEnv = process.env): LiveEnv | { skip: string } {
  const missing = REQUIRED.filter((k) => !env[k])
  if (missing.length > 0) return { skip: `live-broker suite skipped: ${missing.join(', ')} not set` }
  return {
    server: env.MT5_LIVE_SERVER ?? '',
    login: env.MT5_LIVE_LOGIN ?? '',
    password: env.MT5_LIVE_PASSWORD ?? '',
    trade: env.MT5_LIVE_TRADE === '1',
    symbol: env.MT5_LIVE_SYMBOL || 'EURUSD',
  }
}

/** The settings of this run; the skip reason is printed once per test file. */
export const live: LiveEnv | undefined = (() => {
  const env = liveEnv()
  if ('skip' in env) {
    console.warn(env.skip)
    return undefined
  }
  return env
})()

/** A connected client for the live account (the caller closes it). */
export async function connectLive(env: LiveEnv): Promise<Mt5Client> {
  const client = createClient({ server: env.server, login: env.login, password: env.password })
  await client.connect()
  return client
}
