/** cmd 44 reply: `u32 n` + n × CorporateLink (1288 B). */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type CorporateLinkRecord, corporateLinkSchema } from '../schemas/corporateLink.js'

/** Decodes a cmd 44 reply. */
export function decodeCorporateLinks(body: Uint8Array): CorporateLinkRecord[] {
  return new BodyReader(body, 'cmd 44 corporate links').countedRecords(corporateLinkSchema, 'links')
}

/** Encodes a cmd 44 reply. */
export function encodeCorporateLinks(links: readonly CorporateLinkRecord[]): Uint8Array {
  return new BodyWriter(4 + links.length * corporateLinkSchema.size)
    .countedRecords(corporateLinkSchema, links)
    .finish()
}
