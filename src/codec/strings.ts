/**
 * Fixed-size string fields (docs/architecture.md#field-types). Shared by every compiled record codec, so
 * they sit in
 * one place and are bounds-safe by construction: callers have already checked the record fits.
 */

/**
 * Reads UTF-16LE code units from `at` until the first 0 unit or `byteLength` bytes. The units are
 * collected and turned into one flat string: building it with `+=` leaves a rope (V8 cons string)
 * for 13 characters or more, and a rope kept in a cached record costs several times the memory of
 * the flat string (and is slower to read). Lone surrogates are kept as they are (no U+FFFD).
 */
export function readUtf16(view: DataView, at: number, byteLength: number): string {
  const end = at + byteLength
  let unit = view.getUint16(at, true)
  if (unit === 0) return ''
  const units: number[] = []
  for (let i = at; ; ) {
    units.push(unit)
    i += 2
    if (i >= end) break
    unit = view.getUint16(i, true)
    if (unit === 0) break
  }
  return String.fromCharCode.apply(null, units)
}

/**
 * Writes `text` as UTF-16LE into `byteLength` bytes at `at`, zero-padding the rest.
 * Text longer than the field is cut to `byteLength / 2` code units, and never through the middle
 * of a surrogate pair (the official client would leave a lone high surrogate there).
 */
export function writeUtf16(view: DataView, at: number, byteLength: number, text: string): void {
  const units = byteLength >> 1
  let n = Math.min(text.length, units)
  if (n < text.length && n > 0) {
    const last = text.charCodeAt(n - 1)
    const next = text.charCodeAt(n)
    if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) n -= 1
  }
  let i = 0
  for (; i < n; i++) view.setUint16(at + 2 * i, text.charCodeAt(i), true)
  for (let b = at + 2 * i; b < at + byteLength; b++) view.setUint8(b, 0)
}

/** Reads one byte per character until the first 0 byte or the end of the field. */
export function readLatin1(view: DataView, at: number, byteLength: number): string {
  let text = ''
  for (let i = at; i < at + byteLength; i++) {
    const c = view.getUint8(i)
    if (c === 0) break
    text += String.fromCharCode(c)
  }
  return text
}

/** Writes one byte per character (code points above 255 are not representable: replaced by `?`). */
export function writeLatin1(view: DataView, at: number, byteLength: number, text: string): void {
  const n = Math.min(text.length, byteLength)
  let i = 0
  for (; i < n; i++) {
    const c = text.charCodeAt(i)
    view.setUint8(at + i, c > 255 ? 0x3f : c)
  }
  for (; i < byteLength; i++) view.setUint8(at + i, 0)
}
