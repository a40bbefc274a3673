/**
 * A client process of `bench/simLoad.ts`: opens its share of the raw clients (bootstrap, login,
 * cmd 7 for the given symbols; `test/e2e/sim/_rawClient.ts`, a few at a time), then reads each
 * socket with a lean handler (one kept decipher context, no frame kept) that records the lateness
 * of every cmd 8 frame: arrival minus the newest tick time in it, in a 1-ms histogram.
 * IPC: `{ type: 'setup', url, count, ids }` → `{ type: 'ready' }`; `start` / `stop` → `{ histogram,
 * ticks, frames, cpuMs, wallMs }` of the window (`cpuMs`: this process's user + system CPU time, so
 * the report says how much of the machine the load generator itself took); `exit`.
 */
import { createDecipheriv } from 'node:crypto'
import { encodeSymbolIdList } from '../src/codec/messages/symbolIdList.js'
import { loginRaw, type RawClient } from '../test/e2e/sim/_rawClient.js'

/** Lateness histogram bound: later frames count in the last bucket. */
const MAX_MS = 30_000

const clients: RawClient[] = []
let histogram = new Uint32Array(MAX_MS + 1)
let ticks = 0
let frames = 0
let measuring = false
let cpuAtStart = process.cpuUsage()
let wallAtStart = Date.now()

/** The measured handler of one socket: decrypts, and for cmd 8 records lateness and ticks. */
function lean(key: Uint8Array): (data: Buffer) => void {
  const decipher = createDecipheriv(`aes-${key.length * 8}-cbc`, key, new Uint8Array(16))
  decipher.setAutoPadding(false)
  const chain = new Uint8Array(16)
  return (message) => {
    const length = message.length - 8
    const encrypted = message.subarray(8)
    const plain = decipher.update(encrypted)
    for (let i = 0; i < 16; i++) plain[i] = plain[i]! ^ chain[i]!
    chain.set(encrypted.subarray(length - 16))
    if (!measuring || plain[2] !== 8 || plain[3] !== 0) return
    const end = length - plain[length - 1]!
    const view = new DataView(plain.buffer, plain.byteOffset, end)
    let newest = 0
    for (let o = 5; o + 50 <= end; o += 50) {
      newest = Math.max(newest, view.getInt32(o + 4, true) * 1000 + view.getUint32(o + 44, true))
      ticks++
    }
    frames++
    histogram[Math.min(MAX_MS, Math.max(0, Date.now() - newest))]! += 1
  }
}

async function open(url: string, ids: number[]): Promise<void> {
  const c = await loginRaw(url, 10001, 'Demo1234')
  await c.request(7, encodeSymbolIdList(ids), 30_000)
  // From here on only the lean handler: no frame is kept.
  c.ws.removeAllListeners('message')
  c.ws.on('message', lean(c.sessionKey))
  clients.push(c)
}

process.on('message', async (m: { type: string; url: string; count: number; ids: number[] }) => {
  try {
    if (m.type === 'setup') {
      // A few logins at a time: a burst of thousands would only queue in the simulator.
      const concurrency = 16
      let next = 0
      const worker = async (): Promise<void> => {
        while (next < m.count) {
          next++
          await open(m.url, m.ids)
        }
      }
      await Promise.all(Array.from({ length: concurrency }, worker))
      process.send?.({ type: 'ready' })
    } else if (m.type === 'start') {
      histogram = new Uint32Array(MAX_MS + 1)
      ticks = 0
      frames = 0
      cpuAtStart = process.cpuUsage()
      wallAtStart = Date.now()
      measuring = true
      process.send?.({ type: 'started' })
    } else if (m.type === 'stop') {
      measuring = false
      const cpu = process.cpuUsage(cpuAtStart)
      process.send?.({
        type: 'report',
        histogram: [...histogram],
        ticks,
        frames,
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: Date.now() - wallAtStart,
      })
    } else if (m.type === 'exit') {
      for (const c of clients) c.close()
      process.exit(0)
    }
  } catch (error) {
    process.send?.({ type: 'error', error: String(error) })
  }
})
