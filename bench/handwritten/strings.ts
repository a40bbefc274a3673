/**
 * Hand-written UTF-16LE reader used by the reference decoders: read code units until the first
 * NUL or the end of the field, the way a careful developer would write it inline.
 */
export function handReadUtf16(view: DataView, at: number, byteLength: number): string {
  const end = at + byteLength
  let text = ''
  for (let i = at; i < end; i += 2) {
    const c = view.getUint16(i, true)
    if (c === 0) break
    text += String.fromCharCode(c)
  }
  return text
}

/** Hand-written UTF-16LE writer: code units, then zero padding (no surrogate-pair trimming). */
export function handWriteUtf16(view: DataView, at: number, byteLength: number, text: string): void {
  const n = Math.min(text.length, byteLength >> 1)
  let i = 0
  for (; i < n; i++) view.setUint16(at + 2 * i, text.charCodeAt(i), true)
  for (let b = at + 2 * i; b < at + byteLength; b++) view.setUint8(b, 0)
}
