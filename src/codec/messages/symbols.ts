/**
 * Symbol list: cmd 6 reply (`u32 n` + n × SymbolBasic) and cmd 34 reply (4 bytes both clients skip —
 * written as the inflated length — + a zlib stream of the cmd 6 body; gzip is accepted too).
 * Compression uses the web-standard `CompressionStream` / `DecompressionStream` (Node 20, browsers).
 */
import { ProtocolError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { type SymbolBasicRecord, symbolBasicSchema } from '../schemas/symbolBasic.js'

/** Largest inflated cmd 34 body accepted (guards against decompression bombs). */
export const MAX_INFLATED_SYMBOL_LIST = 256 * 1024 * 1024

/** Decodes a cmd 6 reply. */
export function decodeSymbolList(body: Uint8Array): SymbolBasicRecord[] {
  return new BodyReader(body, 'cmd 6 symbols').countedRecords(symbolBasicSchema, 'symbols')
}

/** Encodes a cmd 6 reply. */
export function encodeSymbolList(list: readonly SymbolBasicRecord[]): Uint8Array {
  return new BodyWriter(4 + list.length * symbolBasicSchema.size)
    .countedRecords(symbolBasicSchema, list)
    .finish()
}

async function pipeThrough(
  data: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter()
  const writing = writer.write(data as Uint8Array<ArrayBuffer>).then(() => writer.close())
  // Failures surface through the reader as well; do not leave this promise unhandled.
  writing.catch(() => {})
  const reader = stream.readable.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => {})
      throw new ProtocolError(`cmd 34 symbols: inflated body exceeds ${limit} bytes`, {
        schema: 'cmd 34 symbols',
        field: 'zlib',
        offset: 4,
      })
    }
    chunks.push(value)
  }
  await writing
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
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
    inflated = await pipeThrough(
      data,
      new DecompressionStream(gzip ? 'gzip' : 'deflate'),
      MAX_INFLATED_SYMBOL_LIST,
    )
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError(
      `${what}: cannot inflate the symbol list`,
      { schema: what, field: 'zlib', offset: 4 },
      { cause: error },
    )
  }
  return decodeSymbolList(inflated)
}

/** Encodes a cmd 34 reply: `u32 inflatedLength` + zlib stream of the cmd 6 body. */
export async function encodeCompressedSymbolList(list: readonly SymbolBasicRecord[]): Promise<Uint8Array> {
  const plain = encodeSymbolList(list)
  const compressed = await pipeThrough(plain, new CompressionStream('deflate'), Number.POSITIVE_INFINITY)
  const out = new Uint8Array(4 + compressed.byteLength)
  new DataView(out.buffer).setUint32(0, plain.byteLength, true)
  out.set(compressed, 4)
  return out
}
