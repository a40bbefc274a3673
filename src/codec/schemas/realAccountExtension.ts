/**
 * Real-account extension (cmd 39, after the 1664-byte form) — 1284 bytes. Offsets below are
 * relative to the extension (add 1664 for the payload offset).
 *
 * | off  | size | type        | field             |
 * |-----:|-----:|-------------|-------------------|
 * |    0 |  128 | utf16[128]  | firstName         |
 * |  128 |  128 | utf16[128]  | secondName        |
 * |  256 |  128 | utf16[128]  | middleName        |
 * |  384 |    8 | time        | birthDate         |  FILETIME ↔ Unix ms
 * |  392 |    4 | u32         | gender            |
 * |  396 |  128 | utf16[128]  | language          |
 * |  524 |   64 | utf16[64]   | citizenship       |
 * |  588 |  128 | utf16[128]  | taxId             |
 * |  716 |    4 | u32         | employment        |
 * |  720 |    4 | u32         | industry          |
 * |  724 |    4 | u32         | education         |
 * |  728 |    4 | u32         | wealth            |
 * |  732 |    8 | u64         | annualIncome      |
 * |  740 |    8 | u64         | netWorth          |
 * |  748 |    8 | u64         | annualDeposit     |
 * |  756 |    4 | u32         | experienceFx      |
 * |  760 |    4 | u32         | experienceCfd     |
 * |  764 |    4 | u32         | experienceFutures |
 * |  768 |    4 | u32         | experienceStocks  |
 * |  772 |  512 | bytes[512]  | reserved          |  zeros
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { bytes, filetime, u32, u64, utf16 } from '../fields.js'

export const realAccountExtensionSchema = defineRecord('RealAccountExtension', {
  firstName: utf16(128),
  secondName: utf16(128),
  middleName: utf16(128),
  /** Unix milliseconds (FILETIME on the wire). */
  birthDate: filetime,
  gender: u32,
  language: utf16(128),
  citizenship: utf16(64),
  taxId: utf16(128),
  employment: u32,
  industry: u32,
  education: u32,
  wealth: u32,
  annualIncome: u64,
  netWorth: u64,
  annualDeposit: u64,
  experienceFx: u32,
  experienceCfd: u32,
  experienceFutures: u32,
  experienceStocks: u32,
  /** 512 zero bytes. */
  reserved: bytes(512),
})

/** The real-account extension exactly as on the wire. */
export interface RealAccountExtensionRecord extends Infer<typeof realAccountExtensionSchema> {}
