/**
 * The raw child of `bench/clientCpu.ts`: what a hand-written client does with each push. Setup
 * (bootstrap, login, symbol list, cmd 7) borrows the built package's codec; the measured path is
 * `ws` + one kept node:crypto decipher context per connection (no auto-padding: the first block is
 * XOR-ed with the previous message's last ciphertext block, PKCS#7 checked by hand), DataView reads
 * of the 50-byte tick records, prices unscaled with the symbol's digits, one object per tick to a
 * callback.
 */
import { createDecipheriv } from 'node:crypto'
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
  ws.on('message', measured(boot.sessionKey, symbols))
  ws.send(encodeRequestFrame(cipher, 7, ids))
  sockets.push(ws)
}

/**
 * The measured path of one connection.
 * @param {Uint8Array} key @param {Map<number, { name: string, digits: number }>} symbols
 */
function measured(key, symbols) {
  const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, new Uint8Array(16))
  decipher.setAutoPadding(false)
  const chain = new Uint8Array(16)
  return (/** @type {Buffer} */ message) => {
    const length = message.length - 8
    if (length <= 0 || length % 16 !== 0 || message.readUInt32LE(0) !== length) throw new Error('bad frame')
    const encrypted = message.subarray(8)
    const plain = decipher.update(encrypted)
    for (let i = 0; i < 16; i++) plain[i] = plain[i] ^ chain[i]
    chain.set(encrypted.subarray(length - 16))
    const pad = plain[length - 1]
    if (pad === 0 || pad > 16) throw new Error('bad padding')
    const end = length - pad
    if ((plain[2] | (plain[3] << 8)) !== 8 || plain[4] !== 0) return
    const v = new DataView(plain.buffer, plain.byteOffset, end)
    for (let o = 5; o + 50 <= end; o += 50) {
      const symbolId = v.getUint32(o, true)
      const symbol = symbols.get(symbolId)
      if (!symbol) continue
      const fields = v.getUint32(o + 8, true)
      onTick({
        symbol: symbol.name,
        symbolId,
        timeMs: v.getInt32(o + 4, true) * 1000 + v.getUint32(o + 44, true),
        bid: fields & 1 ? unscalePrice(v.getFloat64(o + 12, true), symbol.digits) : 0,
        ask: fields & 2 ? unscalePrice(v.getFloat64(o + 20, true), symbol.digits) : 0,
        last: fields & 4 ? unscalePrice(v.getFloat64(o + 28, true), symbol.digits) : 0,
        volume: fields & 8 ? (v.getInt32(o + 40, true) * 4294967296 + v.getUint32(o + 36, true)) / 1e8 : 0,
        fields,
        flags: v.getUint16(o + 48, true),
      })
    }
  }
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
