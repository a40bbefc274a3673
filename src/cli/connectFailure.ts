/**
 * Plain words for a failed or lost connection. The SDK's errors name protocol steps (bootstrap,
 * cmd 0) and wrap Node's socket errors; a user needs to know what to check: the address, the
 * scheme (ws:// vs wss://), the port.
 */
import { type MT5ConnectionError, MT5TimeoutError, Mt5Error } from '../errors.js'

/** What the CLI knew when the connection failed. */
export interface ConnectContext {
  /** The URL the CLI connected to. */
  server?: string | undefined
  /** True when the session was up (logged in) before the failure: the connection was lost. */
  connected?: boolean | undefined
  /** True when a WebSocket handshake completed (undefined: not known). */
  handshake?: boolean | undefined
}

/** The sentence for an `MT5ConnectionError`. */
export function describeConnectFailure(error: MT5ConnectionError, context: ConnectContext): string {
  const server = context.server ?? 'the server'
  const root = rootCause(error)
  const rootText = root === undefined ? undefined : causeText(root)
  if (context.connected === true) return `connection to ${server} lost${rootText ? `: ${rootText}` : ''}`
  const tls = tlsProblem(root, server) ?? upgradeProblem(root, server, context.handshake)
  if (tls !== undefined) return tls
  if (root instanceof MT5TimeoutError) {
    const within = `within ${root.timeoutMs} ms`
    if (context.handshake === false)
      return `cannot connect to ${server}: the server accepted the connection but did not complete the WebSocket handshake ${within} (is this the address of a Web Terminal?)`
    if (context.handshake === true)
      return `cannot connect to ${server}: the WebSocket opened but the server did not answer the Web Terminal greeting ${within} (is this a MetaTrader 5 Web Terminal?)`
    return `cannot connect to ${server}: no answer ${within}`
  }
  return `cannot connect to ${server}: ${rootText ?? error.message}`
}

/** The deepest cause (at most 5 levels down), or undefined when `error` has none. */
function rootCause(error: Error): unknown {
  let at: unknown = error.cause
  for (let i = 0; i < 5 && at instanceof Error && at.cause instanceof Error; i++) at = at.cause
  return at
}

/** A cause as text: our messages as they are, Node's with their errno code when missing. */
function causeText(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause)
  if (cause.message === '') return undefined
  if (cause instanceof Mt5Error) return cause.message
  const code = (cause as { code?: unknown }).code
  return typeof code === 'string' && !cause.message.includes(code)
    ? `${code}: ${cause.message}`
    : cause.message
}

/** A TLS mismatch or refusal, in words; undefined for anything else. */
function tlsProblem(cause: unknown, server: string): string | undefined {
  if (!(cause instanceof Error)) return undefined
  const code = (cause as { code?: unknown }).code
  const message = cause.message
  const secure = server.startsWith('wss:')
  // OpenSSL read a plain-text (HTTP) answer where it expected a TLS record.
  if (secure && (code === 'EPROTO' || /wrong version number|packet length too long/i.test(message)))
    return `cannot connect to ${server}: the server does not speak TLS on this port (try ${server.replace(/^wss:/, 'ws:')})`
  // An HTTP parser fed TLS bytes: a ws:// URL pointed at a TLS port.
  if (!secure && (code === 'HPE_INVALID_CONSTANT' || /Expected HTTP\//.test(message)))
    return `cannot connect to ${server}: the server did not answer in HTTP; it may expect TLS (try ${server.replace(/^ws:/, 'wss:')})`
  if (typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code))
    return `cannot connect to ${server}: the server's TLS certificate was rejected (${code}: ${message})`
  return undefined
}

/** The WebSocket upgrade refused or cut, in words; undefined for anything else. */
function upgradeProblem(cause: unknown, server: string, handshake: boolean | undefined): string | undefined {
  if (!(cause instanceof Error) || handshake === true) return undefined
  const tlsHint = server.startsWith('ws:') ? ` (a TLS port? try ${server.replace(/^ws:/, 'wss:')})` : ''
  const status = /Unexpected server response: (\d+)/.exec(cause.message)?.[1]
  if (status !== undefined) {
    const hint = status === '404' ? ' (is the path of the URL right?)' : status === '400' ? tlsHint : ''
    return `cannot connect to ${server}: the server refused the WebSocket handshake with HTTP ${status}${hint}`
  }
  const code = (cause as { code?: unknown }).code
  if (code === 'ECONNRESET' || /socket hang up/.test(cause.message))
    return `cannot connect to ${server}: the server closed the connection during the WebSocket handshake${tlsHint}`
  return undefined
}
