/**
 * Tells a failed connect apart: did the WebSocket handshake complete? The SDK reports both "no
 * answer to the upgrade request" and "a WebSocket that never answered the greeting" as a bootstrap
 * timeout; a user needs to know which (wrong port or host vs. not a Web Terminal). The CLI hands
 * the client this `ws` subclass, which records the `open` event.
 */
import { WebSocket } from 'ws'

/** What the probe saw of the last socket the client opened. */
export interface HandshakeProbe {
  /** Passed to `createClient({ WebSocket })`. */
  readonly WebSocket: new (
    url: string,
  ) => WebSocket
  /** True once a socket completed its WebSocket handshake. */
  readonly opened: boolean
}

/** A fresh probe for one CLI run. */
export function handshakeProbe(): HandshakeProbe {
  let opened = false
  class ProbedWebSocket extends WebSocket {
    constructor(url: string) {
      // The options the SDK uses with `ws` by default.
      super(url, { perMessageDeflate: false })
      this.once('open', () => {
        opened = true
      })
    }
  }
  return {
    WebSocket: ProbedWebSocket,
    get opened() {
      return opened
    },
  }
}
