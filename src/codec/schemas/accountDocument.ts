/**
 * Document header (cmd 39, after the real-account extension) — 1056 bytes, followed by
 * `frontLength` front-file bytes and `backLength` back-file bytes.
 *
 * | off  | size | type        | field        |
 * |-----:|-----:|-------------|--------------|
 * |    0 |    4 | u32         | dataType     |
 * |    4 |    4 | u32         | documentType |
 * |    8 |  520 | utf16[520]  | frontName    |
 * |  528 |    4 | u32         | frontLength  |
 * |  532 |  520 | utf16[520]  | backName     |
 * | 1052 |    4 | u32         | backLength   |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u32, utf16 } from '../fields.js'

export const accountDocumentSchema = defineRecord('AccountDocument', {
  dataType: u32,
  documentType: u32,
  /** File name, ≤ 260 chars. */
  frontName: utf16(520),
  /** Byte length of the front data. */
  frontLength: u32,
  backName: utf16(520),
  /** Byte length of the back data (0 if none). */
  backLength: u32,
})

/** A document header exactly as on the wire. */
export interface AccountDocumentRecord extends Infer<typeof accountDocumentSchema> {}
