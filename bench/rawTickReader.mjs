/**
 * The reference "raw ws + decrypt" client of the client benches (`clientPath.ts` in process,
 * `clientCpuRaw.mjs` per process): what a hand-written client does with each message. One kept
 * node:crypto decipher context (no auto-padding: the first block is XOR-ed with the previous
 * message's last ciphertext block, PKCS#7 checked by hand), DataView reads of the 50-byte tick
 * records of cmd 8, prices unscaled with the symbol's digits, one object per tick to `onTick`.
 * Plain JavaScript, so that a plain-node child can use it (types: `rawTickReader.d.mts`).
 */
import { createDecipheriv } from 'node:crypto'

/**
 * @param {{ key: Uint8Array, symbols: Map<number, { name: string, digits: number }>,
 *   unscale: (raw: number, digits: number) => number, onTick: (tick: object) => void }} options
 * @returns {(message: Uint8Array) => void}
 */
export function createRawTickReader({ key, symbols, unscale, onTick }) {
  const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, new Uint8Array(16))
  decipher.setAutoPadding(false)
  const chain = new Uint8Array(16)
  return (message) => {
    const length = message.length - 8
    const declared = message[0] | (message[1] << 8) | (message[2] << 16) | (message[3] * 2 ** 24)
    if (length <= 0 || length % 16 !== 0 || declared !== length) throw new Error('bad frame')
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
        bid: fields & 1 ? unscale(v.getFloat64(o + 12, true), symbol.digits) : 0,
        ask: fields & 2 ? unscale(v.getFloat64(o + 20, true), symbol.digits) : 0,
        last: fields & 4 ? unscale(v.getFloat64(o + 28, true), symbol.digits) : 0,
        volume: fields & 8 ? (v.getInt32(o + 40, true) * 4294967296 + v.getUint32(o + 36, true)) / 1e8 : 0,
        fields,
        flags: v.getUint16(o + 48, true),
      })
    }
  }
}
