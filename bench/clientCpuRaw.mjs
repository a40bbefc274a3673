/**
 * The raw child of `bench/clientCpu.ts`: what a hand-written client does with each push. Setup
 * (bootstrap, login, symbol list, cmd 7) borrows the built package's codec; the measured path is
 * `ws` + `rawTickReader.mjs` (one kept node:crypto decipher context per connection, DataView tick
 * decode, one object per tick to a callback).
 */
import { WebSocket } from 'ws'
import { decodeBootstrapReply, encodeBootstrapRequest } from '../dist/codec/messages/bootstrap.js'
import { encodeSymbolIdList } from '../dist/codec/messages/symbolIdList.js'
import { decodeSymbolList } from '../dist/codec/messages/symbols.js'
import { unscalePrice } from '../dist/codec/scale.js'
import { loginRequestSchema } from '../dist/codec/schemas/loginRequest.js'
import { createNodeCipher } from '../dist/protocol/cipherNode.js'
import { decodeResponseFrame, encodeRequestFrame } from '../dist/protocol/frame.js'
import { INITIAL_KEY } from '../dist/protocol/initialKey.js'
import { serveWindows } from './clientCpuWindow.mjs'
import { createRawTickReader } from './rawTickReader.mjs'

/** @type {WebSocket[]} */
const sockets = []
let ticks = 0
let sum = 0

/** @param {{ bid: number }} tick */
const onTick = (tick) => {
  ticks++
  sum += tick.bid
}

/**
 * Opens, bootstraps, logs in, loads the symbols and subscribes; then hands the socket to the
 * measured handler.
 * @param {string} url @param {number} login @param {string} password @param {string[]} names
 */
async function open(url, login, password, names) {
  const ws = new WebSocket(url)
  ws.binaryType = 'nodebuffer'
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let cipher = createNodeCipher(INITIAL_KEY)
  /** @type {((frame: { command: number, code: number, body: Uint8Array }) => void) | undefined} */
  let waiter
  const onSetup = (/** @type {Buffer} */ data) => {
    const frame = decodeResponseFrame(cipher, new Uint8Array(data))
    frame.body = frame.body.slice()
    waiter?.(frame)
  }
  ws.on('message', onSetup)
  /** @param {number} command @param {Uint8Array} payload */
  const request = (command, payload) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`cmd ${command}: no reply`)), 10_000)
      waiter = (frame) => {
        if (frame.command !== command) return
        clearTimeout(timer)
        waiter = undefined
        if (frame.code !== 0) reject(new Error(`cmd ${command} failed with code ${frame.code}`))
        else resolve(frame.body)
      }
      ws.send(encodeRequestFrame(cipher, command, payload))
    })
  const boot = decodeBootstrapReply(/** @type {Uint8Array} */ (await request(0, encodeBootstrapRequest())))
  cipher = createNodeCipher(boot.sessionKey)
  await request(
    28,
    loginRequestSchema.encode({
      ...loginRequestSchema.zero(),
      login: BigInt(login),
      password,
      passwordBlob: new Uint8Array(160),
      cid: new Uint8Array(16),
    }),
  )
  const list = decodeSymbolList(/** @type {Uint8Array} */ (await request(6, new Uint8Array(0))))
  const wanted = new Set(names)
  const chosen = list.filter((s) => wanted.has(s.tradeSymbol))
  /** @type {Map<number, { name: string, digits: number }>} */
  const symbols = new Map(chosen.map((s) => [s.symbolId, { name: s.tradeSymbol, digits: s.digits }]))
  // cmd 7 is answered by its reply and the current ticks: the measured handler takes over at once.
  const ids = encodeSymbolIdList(chosen.map((s) => s.symbolId))
  ws.off('message', onSetup)
  ws.on('message', createRawTickReader({ key: boot.sessionKey, symbols, unscale: unscalePrice, onTick }))
  ws.send(encodeRequestFrame(cipher, 7, ids))
  sockets.push(ws)
}

serveWindows({
  name: 'raw',
  async setup(m) {
    for (const login of m.logins) await open(m.url, login, m.password, m.symbols)
  },
  async exit() {
    for (const ws of sockets) ws.close()
    if (sum === 0) console.error('raw child: no tick values seen')
  },
  ticks: () => ticks,
})
