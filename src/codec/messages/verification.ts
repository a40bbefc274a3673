/**
 * cmd 27 (request account-opening verification) and cmd 40 (submit verification codes).
 *
 * cmd 27 payload (1682 B): i16 `build` + 16-byte `cid` + AccountOpeningForm (1664 B).
 * cmd 40 payload: AccountOpeningForm with `emailConfirmCode` / `phoneConfirmCode` filled
 *   (use `encodeAccountOpeningForm` from openAccount.ts).
 * Reply of both: VerificationStatus (2 × u8).
 */
import { ProtocolError } from '../../errors.js'
import { BodyReader, BodyWriter } from '../cursor.js'
import { defineRecord } from '../defineRecord.js'
import { bytes, i16 } from '../fields.js'
import { type AccountOpeningFormRecord, accountOpeningFormSchema } from '../schemas/accountOpeningForm.js'
import { type VerificationStatusRecord, verificationStatusSchema } from '../schemas/verificationStatus.js'

const prefixSchema = defineRecord('VerificationPrefix', { build: i16, cid: bytes(16) })

/** A cmd 27 payload. */
export interface VerificationRequest {
  /** Web-terminal build, 0 if unknown. */
  build: number
  /** 16-byte client id. */
  cid: Uint8Array
  form: AccountOpeningFormRecord
}

/** Encodes a cmd 27 payload. */
export function encodeVerificationRequest(value: VerificationRequest): Uint8Array {
  return new BodyWriter(prefixSchema.size + accountOpeningFormSchema.size)
    .record(prefixSchema, { build: value.build, cid: value.cid })
    .record(accountOpeningFormSchema, value.form)
    .finish()
}

/** Decodes a cmd 27 payload (simulator side); it must be exactly 1682 bytes. */
export function decodeVerificationRequest(body: Uint8Array): VerificationRequest {
  const size = prefixSchema.size + accountOpeningFormSchema.size
  if (body.length !== size) {
    throw new ProtocolError(`cmd 27 verification request: expected ${size} bytes, got ${body.length}`, {
      schema: 'cmd 27 verification request',
      offset: 0,
    })
  }
  const r = new BodyReader(body, 'cmd 27 verification request')
  const { build, cid } = r.record(prefixSchema)
  return { build, cid, form: r.record(accountOpeningFormSchema) }
}

/** Decodes the cmd 27 / cmd 40 reply. */
export function decodeVerificationStatus(body: Uint8Array): VerificationStatusRecord {
  return verificationStatusSchema.decodeBytes(body)
}

/** Encodes the cmd 27 / cmd 40 reply. */
export function encodeVerificationStatus(value: VerificationStatusRecord): Uint8Array {
  return verificationStatusSchema.encode(value)
}
