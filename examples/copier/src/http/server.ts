/**
 * The copier's status server (`node:http`): the status page, its JSON API, live updates over
 * server-sent events, `/healthz`, `/readyz` and `/metrics`.
 *
 * Read-only by construction: it answers GET and HEAD only and holds no reference to anything that
 * trades (a status source and a metrics renderer). Loopback by default; on any other address an
 * optional bearer token (compared in constant time), and a warning when there is none. The page and its script are static and public (they
 * carry no data); every data route, `/metrics` included, needs the token when one is set.
 */
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpServerError } from '../errors.js'
import { pageHtml, pageScript } from './page.js'
import type { CopierStatusSource, StatusChange } from './status.js'

/** Options of {@link startStatusServer}. */
export interface StatusServerOptions {
  status: CopierStatusSource
  /** `/metrics` (404 when absent). */
  metrics?: { contentType: string; render(): Promise<string> } | undefined
  /** `HOST:PORT` (default `127.0.0.1:9464`; port 0 = any free port). */
  listen?: string | undefined
  /** Bearer token every data route requires (recommended when `listen` is not a loopback address). */
  token?: string | undefined
  /** Period of the full status pushed to live pages, for ages and pings (default 2000 ms). */
  refreshMs?: number
  /** Told when the server is reachable beyond this machine without a token. */
  onWarning?: ((message: string) => void) | undefined
  /** A request that failed (reported, never thrown). */
  onError?: ((error: Error) => void) | undefined
}

/** A running status server. */
export interface StatusServer {
  /** `http://host:port` */
  url: string
  host: string
  port: number
  /** Closes live streams and stops listening. */
  close(): Promise<void>
}

const DEFAULT_LISTEN = '127.0.0.1:9464'
const MAX_ACTIONS = 1000
/** Live pages get at most one status event per this many ms, however busy the copier is. */
const COALESCE_MS = 150

/** Splits `HOST:PORT` (`[v6]:PORT` for IPv6). */
export function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(listen)
  const port = Number(match?.[3])
  if (!match || !Number.isInteger(port) || port > 65_535)
    throw new HttpServerError(listen, `http listen must be HOST:PORT (e.g. 127.0.0.1:9464), got "${listen}"`)
  return { host: (match[1] ?? match[2]) as string, port }
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const json = (value: unknown) => JSON.stringify(value)

/** Starts the server; resolves once it listens. */
export async function startStatusServer(options: StatusServerOptions): Promise<StatusServer> {
  const listen = options.listen ?? DEFAULT_LISTEN
  const { host, port } = parseListen(listen)
  const token = options.token
  if (token !== undefined && token.length < 16)
    throw new HttpServerError(listen, 'http token must be at least 16 characters')
  if (!isLoopback(host) && token === undefined)
    options.onWarning?.(
      `the status page on ${host} is not on a loopback address and has no token: whoever reaches it sees your accounts and orders; set http.token (a reference like env:COPIER_HTTP_TOKEN) or listen on 127.0.0.1`,
    )
  const onError = options.onError ?? (() => {})
  const refreshMs = options.refreshMs ?? 2000
  const streams = new Set<ServerResponse>()

  const send = (res: ServerResponse, status: number, type: string, body: string, head: boolean) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    res.end(head ? undefined : body)
  }
  const sendJson = (res: ServerResponse, status: number, value: unknown, head: boolean) =>
    send(res, status, 'application/json; charset=utf-8', json(value), head)

  function stream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    })
    const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${json(data)}\n\n`)
    let timer: ReturnType<typeof setTimeout> | undefined
    const pushStatus = () => {
      timer = undefined
      try {
        write('status', options.status.snapshot())
      } catch (error) {
        onError(error instanceof Error ? error : new Error(String(error)))
      }
    }
    const onChange = (change: StatusChange) => {
      if (change.type === 'action') write('action', change.action)
      // an action changes the status too: coalesce bursts into one snapshot
      timer ??= setTimeout(pushStatus, COALESCE_MS)
    }
    const unsubscribe = options.status.subscribe(onChange)
    const refresh = setInterval(pushStatus, refreshMs)
    streams.add(res)
    const end = () => {
      unsubscribe()
      clearInterval(refresh)
      if (timer) clearTimeout(timer)
      streams.delete(res)
    }
    req.on('close', end)
    res.on('error', end)
    pushStatus()
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('read-only: GET and HEAD only\n')
      return
    }
    const head = method === 'HEAD'
    const url = new URL(req.url ?? '/', 'http://status.invalid')
    const path = url.pathname
    if (path === '/healthz') return send(res, 200, 'text/plain; charset=utf-8', 'ok\n', head)
    if (path === '/' || path === '/index.html') {
      res.setHeader(
        'Content-Security-Policy',
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      return send(res, 200, 'text/html; charset=utf-8', pageHtml, head)
    }
    if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', pageScript, head)
    const known = ['/api/status', '/api/actions', '/api/events', '/readyz', '/metrics']
    if (!known.includes(path)) return send(res, 404, 'text/plain; charset=utf-8', 'not found\n', head)
    if (token !== undefined && !tokenMatches(req.headers.authorization, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="mt5web-copier"')
      return sendJson(res, 401, { error: 'a bearer token is required (Authorization: Bearer <token>)' }, head)
    }
    switch (path) {
      case '/api/status':
        return sendJson(res, 200, options.status.snapshot(), head)
      case '/api/actions': {
        const raw = url.searchParams.get('limit') ?? '100'
        const limit = Number(raw)
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACTIONS)
          return sendJson(
            res,
            400,
            { error: `limit must be an integer from 1 to ${MAX_ACTIONS}, got "${raw}"` },
            head,
          )
        return sendJson(res, 200, options.status.actions(limit), head)
      }
      case '/readyz': {
        const s = options.status.snapshot()
        return sendJson(res, s.ready ? 200 : 503, { ready: s.ready, notReady: s.notReady }, head)
      }
      case '/metrics':
        if (!options.metrics) return send(res, 404, 'text/plain; charset=utf-8', 'metrics are off\n', head)
        return send(res, 200, options.metrics.contentType, await options.metrics.render(), head)
      default:
        if (head) return send(res, 200, 'text/event-stream; charset=utf-8', '', true)
        return stream(req, res)
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      onError(err)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' }, false)
      else res.destroy(err)
    })
  })
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(new HttpServerError(listen, `cannot listen on ${listen}: ${error.message}`, { cause: error }))
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      resolve()
    })
  })
  server.on('error', (error) => onError(error))
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address

  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${address.port}`,
    host: address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const res of streams) res.end()
        streams.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
