/**
 * cmd 30 (open demo) and cmd 39 (open real account).
 *
 * cmd 30 payload: AccountOpeningForm (1664 B).
 * cmd 39 payload: AccountOpeningForm (1664 B) + RealAccountExtension (1284 B) + zero or more
 *   documents, each AccountDocument (1056 B) + `frontLength` front bytes + `backLength` back bytes.
 * Reply of both: OpenAccountResponse (76 B).
 */
import { ProtocolError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { type AccountDocumentRecord, accountDocumentSchema } from '../schemas/accountDocument.js'
import { type AccountOpeningFormRecord, accountOpeningFormSchema } from '../schemas/accountOpeningForm.js'
import { type OpenAccountResponseRecord, openAccountResponseSchema } from '../schemas/openAccountResponse.js'
import {
  type RealAccountExtensionRecord,
  realAccountExtensionSchema,
} from '../schemas/realAccountExtension.js'

/** Encodes a cmd 30 (or cmd 40) payload. */
export function encodeAccountOpeningForm(value: AccountOpeningFormRecord): Uint8Array {
  return accountOpeningFormSchema.encode(value)
}

/** Decodes a cmd 30 / cmd 40 payload (simulator side); it must be exactly 1664 bytes. */
export function decodeAccountOpeningForm(body: Uint8Array): AccountOpeningFormRecord {
  if (body.length !== accountOpeningFormSchema.size) {
    throw new ProtocolError(`account-opening form: expected 1664 bytes, got ${body.length}`, {
      schema: 'account-opening form',
      offset: 0,
    })
  }
  return accountOpeningFormSchema.decodeBytes(body)
}

/** A document of a cmd 39 request; the lengths are taken from the data on encode. */
export interface AccountDocument extends Omit<AccountDocumentRecord, 'frontLength' | 'backLength'> {
  front: Uint8Array
  back: Uint8Array
}

/** A cmd 39 payload. */
export interface OpenRealAccountRequest {
  form: AccountOpeningFormRecord
  extension: RealAccountExtensionRecord
  documents: AccountDocument[]
}

/** Encodes a cmd 39 payload. */
export function encodeOpenRealAccountRequest(value: OpenRealAccountRequest): Uint8Array {
  // Exact size up front: the body is written without growing the buffer.
  const size = value.documents.reduce((n, d) => n + 1056 + d.front.length + d.back.length, 1664 + 1284)
  const w = new BodyWriter(size)
  w.record(accountOpeningFormSchema, value.form)
  w.record(realAccountExtensionSchema, value.extension)
  for (const doc of value.documents) {
    w.record(accountDocumentSchema, { ...doc, frontLength: doc.front.length, backLength: doc.back.length })
    w.bytes(doc.front).bytes(doc.back)
  }
  return w.finish()
}

/** Decodes a cmd 39 payload (simulator side). */
export function decodeOpenRealAccountRequest(body: Uint8Array): OpenRealAccountRequest {
  const r = new BodyReader(body, 'cmd 39 open real account')
  const form = r.record(accountOpeningFormSchema)
  const extension = r.record(realAccountExtensionSchema)
  const documents: AccountDocument[] = []
  // Each document consumes at least 1056 bytes, so the loop ends.
  while (r.remaining > 0) {
    const { frontLength, backLength, ...head } = r.record(accountDocumentSchema)
    const front = r.bytes(frontLength, 'front').slice()
    const back = r.bytes(backLength, 'back').slice()
    documents.push({ ...head, front, back })
  }
  return { form, extension, documents }
}

/** Decodes the cmd 30 / cmd 39 reply. */
export function decodeOpenAccountResponse(body: Uint8Array): OpenAccountResponseRecord {
  return openAccountResponseSchema.decodeBytes(body)
}

/** Encodes the cmd 30 / cmd 39 reply. */
export function encodeOpenAccountResponse(value: OpenAccountResponseRecord): Uint8Array {
  return openAccountResponseSchema.encode(value)
}
