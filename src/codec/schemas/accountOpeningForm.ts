/**
 * Account-opening form (cmd 30 / cmd 40 payload, prefix of cmd 39, tail of cmd 27) — 1664 bytes.
 *
 * | off  | size | type        | field            |
 * |-----:|-----:|-------------|------------------|
 * |    0 |  256 | utf16[256]  | fullName         |
 * |  256 |  128 | utf16[128]  | group            |
 * |  384 |   64 | utf16[64]   | phonePassword    |
 * |  448 |   64 | utf16[64]   | country          |
 * |  512 |   64 | utf16[64]   | city             |
 * |  576 |   64 | utf16[64]   | state            |
 * |  640 |   32 | utf16[32]   | zipcode          |
 * |  672 |  256 | utf16[256]  | address          |
 * |  928 |   64 | utf16[64]   | phone            |
 * |  992 |  128 | utf16[128]  | email            |
 * | 1120 |    8 | f64         | deposit          |
 * | 1128 |    4 | u32         | leverage         |
 * | 1132 |    4 | u32         | reservedZero     |  always 0
 * | 1136 |    4 | u32         | reservedOne      |  always 1
 * | 1140 |  128 | utf16[128]  | domain           |
 * | 1268 |   64 | utf16[64]   | utmCampaign      |
 * | 1332 |   64 | utf16[64]   | utmSource        |
 * | 1396 |    4 | u32         | emailConfirmCode |
 * | 1400 |    4 | u32         | phoneConfirmCode |
 * | 1404 |  128 | utf16[128]  | firstName        |
 * | 1532 |  128 | utf16[128]  | secondName       |
 * | 1660 |    4 | u32         | agreements       |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, u32, utf16 } from '../fields.js'

export const accountOpeningFormSchema = defineRecord('AccountOpeningForm', {
  /** First + ' ' + second name. */
  fullName: utf16(256),
  group: utf16(128),
  phonePassword: utf16(64),
  country: utf16(64),
  city: utf16(64),
  state: utf16(64),
  zipcode: utf16(32),
  address: utf16(256),
  phone: utf16(64),
  email: utf16(128),
  /** Official default 100000. */
  deposit: f64,
  /** Official default 100. */
  leverage: u32,
  /** Always 0. */
  reservedZero: u32,
  /** Always 1. */
  reservedOne: u32,
  domain: utf16(128),
  utmCampaign: utf16(64),
  utmSource: utf16(64),
  /** 0 until verification (cmd 40). */
  emailConfirmCode: u32,
  phoneConfirmCode: u32,
  firstName: utf16(128),
  secondName: utf16(128),
  /** Bit mask of accepted agreements. */
  agreements: u32,
})

/** An account-opening form exactly as on the wire. */
export interface AccountOpeningFormRecord extends Infer<typeof accountOpeningFormSchema> {}
