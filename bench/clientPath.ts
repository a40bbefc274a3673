/**
 * Tasks of `npx tsx bench/ratios.ts client`: one 50-tick cmd 8 push (50 symbols, one tick each,
 * bid/ask on all, last/volume on every 4th) from the encrypted WebSocket message to a `tick`
 * listener, in two clients fed the same bytes:
 *
 * - **SDK:** a real `Transport` (its socket is an in-process stand-in that answers the bootstrap,
 *   then receives the push message by message) → `onPush` with the client's code-0 filter → the
 *   `marketData` module (symbol lookup, unscaled prices, stale check, carry-forward, tick cache) →
 *   `client.events` (eventemitter3) → the listener, guarded the way `createBaseClient` wraps it.
 * - **Raw ws + decrypt:** what a hand-written client does with the same message: one kept
 *   node:crypto decipher context, PKCS#7 check, DataView reads, prices unscaled by the symbol's
 *   digits, one plain object per tick to a callback.
 *
 * The socket layer (`ws` parsing) is the same for both and left out, which makes the ratio stricter.
 * Every tick of a push has the same time, so a replayed push is never stale.
 */
import { EventEmitter } from 'eventemitter3'
import type { BaseClient } from '../src/client/types.js'
import { encodeBootstrapReply } from '../src/codec/messages/bootstrap.js'
import { encodeTickRecords } from '../src/codec/messages/ticks.js'
import { unscalePrice } from '../src/codec/scale.js'
import type { TickRecord } from '../src/codec/schemas/tick.js'
import { marketDataActions } from '../src/decorators/marketData.js'
import { marketState } from '../src/marketState/state.js'
import type { Tick } from '../src/model/types.js'
import { createCipher } from '../src/protocol/cipher.js'
import { Command } from '../src/protocol/commands.js'
import { decodeRequestFrame, encodeResponseFrame } from '../src/protocol/frame.js'
import { INITIAL_KEY } from '../src/protocol/initialKey.js'
import type { WebSocketLike } from '../src/transport/socket.js'
import { Transport } from '../src/transport/transport.js'
import { createRawTickReader } from './rawTickReader.mjs'

export const TICKS = 50
const sessionKey = Uint8Array.from({ length: 16 }, (_, i) => 200 - i)
const digitsOf = (id: number): number => (id % 5 === 0 ? 3 : 5)

const records: TickRecord[] = Array.from({ length: TICKS }, (_, i) => {
  const id = i + 1
  const scale = 10 ** digitsOf(id)
  const full = i % 4 === 0
  return {
    symbolId: id,
    tickTime: 1_760_000_000,
    fields: full ? 15 : 3,
    bid: Math.round((1.1 + i / 100) * scale),
    ask: Math.round((1.1002 + i / 100) * scale),
    last: full ? Math.round((1.1001 + i / 100) * scale) : 0,
    tickVolume: full ? 1_000_000n : 0n,
    timeMsDelta: 250,
    flags: 0,
  }
})
/** The push as it arrives on the socket. */
export const wire = encodeResponseFrame(
  createCipher(sessionKey),
  Command.ticks,
  0,
  encodeTickRecords(records),
)

/** A socket that answers the bootstrap and hands later messages to `deliver`. */
class InProcessSocket implements WebSocketLike {
  static last: InProcessSocket | undefined
  binaryType = 'arraybuffer'
  readonly readyState = 1
  onopen: WebSocketLike['onopen'] = null
  onmessage: WebSocketLike['onmessage'] = null
  onclose: WebSocketLike['onclose'] = null
  onerror: WebSocketLike['onerror'] = null
  constructor() {
    InProcessSocket.last = this
  }
  send(data: Uint8Array): void {
    const initial = createCipher(INITIAL_KEY)
    if (decodeRequestFrame(initial, data).command !== Command.bootstrap) return
    const reply = encodeBootstrapReply({ reserved: 5687, token: new Uint8Array(64), sessionKey })
    queueMicrotask(() =>
      this.onmessage?.({ data: encodeResponseFrame(initial, Command.bootstrap, 0, reply) }),
    )
  }
  close(): void {}
}

/** Counts what reached a listener, so no path can be optimised away. */
export interface Delivered {
  count: number
  sum: number
}

/** The SDK path; resolves once its transport is ready. */
export async function sdkClient(): Promise<{ deliver: (message: Uint8Array) => void; delivered: Delivered }> {
  const transport = new Transport({ WebSocket: InProcessSocket as never, cipher: 'node' })
  await transport.connect({ url: 'ws://in-process' })
  const socket = InProcessSocket.last!
  const events = new EventEmitter()
  const client = {
    options: {},
    state: { modules: new Map(), afterLogin: [], symbolsById: new Map() },
    events,
    // As createBaseClient: frame listeners see code-0 frames only.
    onFrame: (command: number, fn: (body: Uint8Array) => void) =>
      transport.onPush(command, (body, code) => {
        if (code === 0) fn(body)
      }),
  } as unknown as BaseClient
  marketState(client).symbols.replace(
    records.map((r) => ({
      name: `SYM${r.symbolId}`,
      id: r.symbolId,
      digits: digitsOf(r.symbolId),
      description: '',
      path: `Forex\\SYM${r.symbolId}`,
      calcMode: 0,
      basis: '',
      sector: 0,
    })),
  )
  marketDataActions(client)
  const delivered: Delivered = { count: 0, sum: 0 }
  const listener = (tick: Tick): void => {
    delivered.count++
    delivered.sum += tick.bid
  }
  // The wrapper createBaseClient puts around a user listener (one argument, errors reported).
  events.on('tick', (arg?: Tick) => {
    try {
      listener(arg as Tick)
    } catch (error) {
      events.emit('error', error)
    }
  })
  return { deliver: (message) => socket.onmessage?.({ data: message }), delivered }
}

/** The raw ws + decrypt path: a kept decipher context and DataView reads (`rawTickReader.mjs`). */
export function rawClient(): { deliver: (message: Uint8Array) => void; delivered: Delivered } {
  const symbols = new Map(
    records.map((r) => [r.symbolId, { name: `SYM${r.symbolId}`, digits: digitsOf(r.symbolId) }]),
  )
  const delivered: Delivered = { count: 0, sum: 0 }
  const onTick = (tick: Tick): void => {
    delivered.count++
    delivered.sum += tick.bid
  }
  return {
    deliver: createRawTickReader({ key: sessionKey, symbols, unscale: unscalePrice, onTick }),
    delivered,
  }
}
