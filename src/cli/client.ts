/**
 * The client the CLI drives: `createClient()` (every module, trading and order helpers included)
 * with auto-reconnect off, since a command is one short session.
 */
import { createClient, type Mt5Client } from '../client/createClient.js'
import type { CliConfig } from './config.js'
import { type HandshakeProbe, handshakeProbe } from './handshakeProbe.js'

/** Everything the subcommands call. */
export type CliClient = Mt5Client

/** Builds (does not connect) the client of a CLI run, and the probe of its WebSocket handshake. */
export function createCliClient(config: CliConfig): { client: CliClient; probe: HandshakeProbe } {
  const probe = handshakeProbe()
  const client = createClient({
    server: config.server,
    login: config.login,
    password: config.password,
    reconnect: false,
    connectTimeoutMs: config.timeoutMs,
    timeoutMs: config.timeoutMs,
    WebSocket: probe.WebSocket,
  })
  return { client, probe }
}
