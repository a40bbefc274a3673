/**
 * cmd 24 — change password. Payload: ChangePasswordRequest (129 B); reply body: i32 result,
 * 0 = changed (the official client shows 2005 "current password is incorrect" otherwise).
 */
import { ProtocolError } from '../../errors.js'
import { BodyReader } from '../cursor.js'
import {
  type ChangePasswordRequestRecord,
  changePasswordRequestSchema,
} from '../schemas/changePasswordRequest.js'

/** Encodes a cmd 24 payload. */
export function encodeChangePasswordRequest(value: ChangePasswordRequestRecord): Uint8Array {
  return changePasswordRequestSchema.encode(value)
}

/** Decodes a cmd 24 payload (simulator side); it must be exactly 129 bytes. */
export function decodeChangePasswordRequest(body: Uint8Array): ChangePasswordRequestRecord {
  if (body.length !== changePasswordRequestSchema.size) {
    throw new ProtocolError(`cmd 24 change password: expected 129 bytes, got ${body.length}`, {
      schema: 'cmd 24 change password',
      offset: 0,
    })
  }
  return changePasswordRequestSchema.decodeBytes(body)
}

/** Decodes the cmd 24 reply: the i32 result (0 = changed). */
export function decodeChangePasswordReply(body: Uint8Array): number {
  return new BodyReader(body, 'cmd 24 change password reply').i32('result')
}

/** Encodes the cmd 24 reply. */
export function encodeChangePasswordReply(result: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setInt32(0, result, true)
  return out
}
