/**
 * Symbol list: cmd 6 reply (`u32 n` + n × SymbolBasic) and cmd 34 reply (4 bytes both clients skip —
 * written as the inflated length — + a zlib stream of the cmd 6 body; gzip is accepted too).
 * Compression uses the web-standard `CompressionStream` / `DecompressionStream` (Node 20, browsers).
 */
import { ProtocolError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { type SymbolBasicRecord, symbolBasicSchema } from '../schemas/symbolBasic.js'

/**
 * Most symbols a symbol list may hold. The largest multi-asset MT5 brokers list about 15 000
 * symbols (every listed stock CFD included); 65 536 leaves four times that. The bound keeps what a
 * hostile or broken server can make the client spend small: at most 34.5 MB inflated and about
 * 100 MB of decoded records, where the former 256 MiB inflate limit let a 1.3 MB frame cost
 * gigabytes and kill the process (issue #8). See docs/architecture.md#resource-bounds.
 */
export const MAX_SYMBOLS = 65_536

/** Largest inflated cmd 34 body accepted: the count and {@link MAX_SYMBOLS} records. */
export const MAX_INFLATED_SYMBOL_LIST = 4 + MAX_SYMBOLS * symbolBasicSchema.size

/** Bytes tolerated after the records the count announces (never seen; room for a trailer). */
const TRAILER_SLACK = 4096

function checkCount(count: number, what: string): void {
  if (count > MAX_SYMBOLS) {
    throw new ProtocolError(`${what}: ${count} symbols announced, more than the ${MAX_SYMBOLS} accepted`, {
      schema: what,
      field: 'symbols count',
      offset: 0,
    })
  }
}

/** Decodes a cmd 6 reply. */
export function decodeSymbolList(body: Uint8Array): SymbolBasicRecord[] {
  const what = 'cmd 6 symbols'
  if (body.byteLength >= 4) checkCount(new DataView(body.buffer, body.byteOffset, 4).getUint32(0, true), what)
  return new BodyReader(body, what).countedRecords(symbolBasicSchema, 'symbols')
}

/** Encodes a cmd 6 reply. */
export function encodeSymbolList(list: readonly SymbolBasicRecord[]): Uint8Array {
  return new BodyWriter(4 + list.length * symbolBasicSchema.size)
    .countedRecords(symbolBasicSchema, list)
    .finish()
}

/**
 * Runs `data` through `stream`, failing as soon as the output passes `limit(outputSoFar)` bytes;
 * the limit may tighten once the first bytes (a record count) are known.
 */
async function pipeThrough(
  data: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: (head: Uint8Array | undefined) => number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  const writing = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close())
  // Failures surface through the reader as well; do not leave this promise unhandled.
  writing.catch(() => {})
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  let max = limit(undefined)
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    chunks.push(value)
    try {
      if (total - value.byteLength < 4) max = limit(concat(chunks, total))
      if (total > max) {
        throw new ProtocolError(`cmd 34 symbols: inflated body exceeds ${max} bytes`, {
          schema: 'cmd 34 symbols',
          field: 'zlib',
          offset: 4,
        })
      }
    } catch (error) {
      // stop inflating: the rest of a bomb is never produced
      await reader.cancel().catch(() => {})
      throw error
    }
  }
  await writing
  return concat(chunks, total)
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]?.byteLength === total) return chunks[0]
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

/**
 * The inflate limit of a cmd 34 body: {@link MAX_INFLATED_SYMBOL_LIST} until the count is known,
 * then the size of the records it announces (a count above {@link MAX_SYMBOLS} fails at once).
 */
function symbolListLimit(head: Uint8Array | undefined): number {
  if (head === undefined || head.byteLength < 4) return MAX_INFLATED_SYMBOL_LIST
  const count = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true)
  checkCount(count, 'cmd 34 symbols')
  return Math.min(MAX_INFLATED_SYMBOL_LIST, 4 + count * symbolBasicSchema.size + TRAILER_SLACK)
}

/** Decodes a cmd 34 reply: skips 4 bytes, inflates (zlib or gzip), decodes the cmd 6 body. */
export async function decodeCompressedSymbolList(body: Uint8Array): Promise<SymbolBasicRecord[]> {
  const what = 'cmd 34 symbols'
  if (body.byteLength < 4) {
    throw new ProtocolError(`${what}: body of ${body.byteLength} bytes has no length prefix`, {
      schema: what,
      field: 'inflatedLength',
      offset: 0,
    })
  }
  const data = body.subarray(4)
  const gzip = data[0] === 0x1f && data[1] === 0x8b
  let inflated: Uint8Array
  try {
    inflated = await pipeThrough(data, new DecompressionStream(gzip ? 'gzip' : 'deflate'), symbolListLimit)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(
      `${what}: cannot inflate the symbol list`,
      { schema: what, field: 'zlib', offset: 4 },
      { cause: error },
    )
  }
  return new BodyReader(inflated, what).countedRecords(symbolBasicSchema, 'symbols')
}

/** Encodes a cmd 34 reply: `u32 inflatedLength` + zlib stream of the cmd 6 body. */
export async function encodeCompressedSymbolList(list: readonly SymbolBasicRecord[]): Promise<Uint8Array> {
  const plain = encodeSymbolList(list)
  const compressed = await pipeThrough(
    plain,
    new CompressionStream('deflate'),
    () => Number.POSITIVE_INFINITY,
  )
  const out = new Uint8Array(4 + compressed.byteLength)
  new DataView(out.buffer).setUint32(0, plain.byteLength, true)
  out.set(compressed, 4)
  return out
}
