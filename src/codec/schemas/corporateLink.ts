/**
 * CorporateLink (cmd 44 reply) — 1288 bytes, listed as `u32 n` + n records. pymt5 calls offset 4
 * `url` and offset 516 `label`; the official client shows offset 4 as the title and opens 516.
 *
 * | off  | size | type       | field    |
 * |-----:|-----:|------------|----------|
 * |    0 |    4 | u32        | linkType |
 * |    4 |  512 | utf16[512] | title    |
 * |  516 |  512 | utf16[512] | url      |
 * | 1028 |    4 | u32        | flags    |
 * | 1032 |  256 | bytes[256] | iconData |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u32, utf16 } from '../fields.js'

export const corporateLinkSchema = defineRecord('CorporateLink', {
  /** 0 = custom link. */
  linkType: u32,
  /** Link title (for a custom link). */
  title: utf16(512),
  /** Link target. */
  url: utf16(512),
  flags: u32,
  /** Opaque icon bytes (ignored by the official client). */
  iconData: bytes(256),
})

/** One broker link. */
export interface CorporateLinkRecord extends Infer<typeof corporateLinkSchema> {}
