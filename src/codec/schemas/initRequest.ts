/**
 * Init request (cmd 29 payload) — 744 bytes: the login layout without password blob and session.
 * The official client leaves everything empty except `cid`.
 *
 * | off | size | type        | field             |
 * |----:|-----:|-------------|-------------------|
 * |   0 |    4 | u32         | version           |
 * |   4 |   64 | utf16[64]   | password          |
 * |  68 |  128 | utf16[128]  | otp               |
 * | 196 |   16 | bytes[16]   | cid               |
 * | 212 |   64 | utf16[64]   | utmCampaign       |
 * | 276 |   64 | utf16[64]   | utmSource         |
 * | 340 |    8 | u64         | leadCookieId      |
 * | 348 |  128 | utf16[128]  | leadAffiliateSite |
 * | 476 |    4 | u32         | urlLength         |
 * | 480 |  256 | utf16[256]  | url               |
 * | 736 |    8 | u64         | login             |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, u32, u64, utf16 } from '../fields.js'

/** Bytes 0–743, shared with the login request (cmd 28), which appends the password blob and session. */
export const sessionRequestHead = {
  /** Always 0. */
  version: u32,
  /** ≤ 32 chars; empty when the login's `passwordBlob` carries a token (init: empty). */
  password: utf16(64),
  /** One-time code or empty. */
  otp: utf16(128),
  /** Client id (see `computeClientId`). */
  cid: bytes(16),
  utmCampaign: utf16(64),
  utmSource: utf16(64),
  leadCookieId: u64,
  leadAffiliateSite: utf16(128),
  /** min(url length in UTF-16 units, 128). */
  urlLength: u32,
  /** Official: the referrer's host name. */
  url: utf16(256),
  /** Account number (init: 0). */
  login: u64,
}

export const initRequestSchema = defineRecord('InitRequest', sessionRequestHead)

/** An init request exactly as on the wire. */
export interface InitRequestRecord extends Infer<typeof initRequestSchema> {}
