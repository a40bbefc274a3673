/**
 * Serves the browser example on loopback: a simulator (ticks every 250 ms, 24-byte AES-192 session
 * keys, which WebCrypto refuses and the SDK's pure-JS cipher handles) and a static server for
 * `index.html`, `app.js`, the SDK bundle (`/mt5web.js`, see ./bundle.ts) and `/config.json` (the
 * simulator's URL and demo login; the password is typed in the page, never served).
 *
 * Run: `npx tsup && npx tsx examples/browser/serve.ts`, open the printed URL, password `Demo1234`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  ALWAYS_OPEN,
  createSimServer,
  defaultBroker,
  deriveBroker,
  type SimServer,
} from '../../src/sim/index.js'
import { runIfMain } from '../_run.js'
import { bundleForBrowser } from './bundle.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Options of {@link serveBrowserExample}. */
export interface BrowserExampleOptions {
  /** Port of the page server, default 0 (ephemeral). */
  port?: number
  /** Simulator tick interval, default 250 ms. */
  tickIntervalMs?: number
}

/** The running example. */
export interface BrowserExample {
  /** The page, `http://127.0.0.1:<port>/`. */
  url: string
  sim: SimServer
  close(): Promise<void>
}

/** Starts the simulator and the page server on 127.0.0.1. */
export async function serveBrowserExample(options: BrowserExampleOptions = {}): Promise<BrowserExample> {
  const bundle = (await bundleForBrowser()).code
  const sim = await createSimServer({
    host: '127.0.0.1',
    keySize: 24,
    tickIntervalMs: options.tickIntervalMs ?? 250,
    brokers: [
      deriveBroker(defaultBroker(), {
        name: 'SimBroker',
        symbolOverrides: { quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN },
      }),
    ],
  })
  const files: Record<string, { type: string; body: string }> = {
    '/': { type: 'text/html', body: readFileSync(join(here, 'index.html'), 'utf8') },
    '/app.js': { type: 'text/javascript', body: readFileSync(join(here, 'app.js'), 'utf8') },
    '/mt5web.js': { type: 'text/javascript', body: bundle },
    '/config.json': {
      type: 'application/json',
      body: JSON.stringify({ server: sim.url(), login: 10001, symbols: ['EURUSD', 'GBPUSD', 'USDJPY'] }),
    },
  }
  const http = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]!]
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      return
    }
    res.writeHead(200, { 'content-type': `${file.type}; charset=utf-8`, 'cache-control': 'no-store' })
    res.end(file.body)
  })
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    sim,
    async close() {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
      await sim.close()
    },
  }
}

runIfMain(import.meta.url, async () => {
  const example = await serveBrowserExample({ port: Number(process.env.PORT ?? 8229) })
  console.log(`open ${example.url} (login 10001, password Demo1234); Ctrl+C stops`)
  process.once('SIGINT', () => void example.close())
})
