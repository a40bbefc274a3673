/**
 * cmd 42 — notify (CONFLICT C10). Official payload: u32 `code` (1 = the user accepted the risk
 * warning). pymt5 payload: utf16[256] free text. The two are told apart by length (4 / 256).
 */
import { ProtocolError } from '../../errors.js'
import { defineRecord } from '../defineRecord.js'
import { u32, utf16 } from '../fields.js'

const officialSchema = defineRecord('NotifyRequest', { code: u32 })
const pymt5Schema = defineRecord('NotifyRequestPymt5', { message: utf16(256) })

/** The code the official client sends when the user accepts the risk warning. */
export const NOTIFY_RISK_WARNING_ACCEPTED = 1

/** A decoded cmd 42 payload in either layout. */
export type NotifyRequest = { layout: 'official'; code: number } | { layout: 'pymt5'; message: string }

/** Encodes a cmd 42 payload: 4 bytes (official) or 256 bytes (pymt5 text, ≤ 128 chars). */
export function encodeNotifyRequest(value: NotifyRequest): Uint8Array {
  return value.layout === 'official'
    ? officialSchema.encode({ code: value.code })
    : pymt5Schema.encode({ message: value.message })
}

/** Decodes a cmd 42 payload (simulator side): 4 → official, 256 → pymt5, else `ProtocolError`. */
export function decodeNotifyRequest(body: Uint8Array): NotifyRequest {
  if (body.length === officialSchema.size)
    return { layout: 'official', code: officialSchema.decodeBytes(body).code }
  if (body.length === pymt5Schema.size)
    return { layout: 'pymt5', message: pymt5Schema.decodeBytes(body).message }
  throw new ProtocolError(
    `cmd 42 notify: ${body.length} bytes is neither the official (4) nor the pymt5 (256) layout`,
    {
      schema: 'cmd 42 notify',
      offset: 0,
    },
  )
}
