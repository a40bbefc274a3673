/**
 * Pre-login sessions (docs/architecture.md#commands, cmd 29, 41, 43, 27/40, 30/39): a fresh socket of their
 * own,
 * bootstrapped with the client's server URL and WebSocket constructor, used for one flow and
 * closed. They never touch the client's trading socket (cmd 29 must not be sent there).
 *
 * @internal
 */
import type { BaseClient } from '../client/types.js'
import { computeClientId } from '../codec/clientId.js'
import { buildInitRequest, encodeInitRequest } from '../codec/messages/init.js'
import { Command } from '../protocol/commands.js'
import type { WebSocketConstructor } from '../transport/socket.js'
import { createTransport, type Transport } from '../transport/transport.js'

let defaultCid: Promise<Uint8Array> | undefined

/** The client id used by pre-login requests: `options.clientId`, else one per process. @internal */
export function preLoginClientId(client: BaseClient): Promise<Uint8Array> {
  const configured = client.options.clientId
  if (configured instanceof Uint8Array) return Promise.resolve(configured.slice(0, 16))
  if (typeof configured === 'string') {
    const out = new Uint8Array(16)
    for (let i = 0; i < 16; i++) out[i] = Number.parseInt(configured.slice(2 * i, 2 * i + 2), 16)
    return Promise.resolve(out)
  }
  defaultCid ??= computeClientId(`mt5web;1;en-US;0x0;${Math.round(Math.random() * 1e6)}`)
  return defaultCid
}

/** Options of {@link withPreLoginSession}. */
export interface PreLoginOptions {
  /** Send cmd 29 (init) after the bootstrap (every flow except OTP setup). */
  init: boolean
  signal?: AbortSignal
}

/**
 * Opens a fresh transport to the client's server, optionally sends cmd 29, runs `flow` and closes
 * the transport whatever happens.
 *
 * @internal
 */
export async function withPreLoginSession<T>(
  client: BaseClient,
  options: PreLoginOptions,
  flow: (transport: Transport, cid: Uint8Array) => Promise<T>,
): Promise<T> {
  const o = client.options
  const transport = createTransport({
    ...(o.WebSocket === undefined ? {} : { WebSocket: o.WebSocket as WebSocketConstructor }),
    ...(o.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: o.connectTimeoutMs }),
    ...(o.timeoutMs === undefined ? {} : { requestTimeoutMs: o.timeoutMs }),
    ...(o.maxFrameBytes === undefined ? {} : { maxFrameBytes: o.maxFrameBytes }),
  })
  // Problems on this short-lived socket surface through the flow's promise.
  transport.on('error', () => {})
  try {
    await transport.connect({
      url: o.server,
      ...(o.origin === undefined ? {} : { origin: o.origin }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    })
    const cid = await preLoginClientId(client)
    const requestOptions = options.signal === undefined ? {} : { signal: options.signal }
    if (options.init)
      await transport.request(Command.init, encodeInitRequest(buildInitRequest(cid)), requestOptions)
    return await flow(transport, cid)
  } finally {
    await transport.close()
  }
}
