/**
 * AccountMain — 816 bytes, first part of the Account block (cmd 3 reply, cmd 14 push).
 * Packed: `rights` is an i32 at offset 1, so nothing after it is aligned.
 *
 * | off | size | type        | field                |
 * |----:|-----:|-------------|----------------------|
 * |   0 |    1 | u8          | accountType          |
 * |   1 |    4 | i32         | rights               |
 * |   5 |    4 | i32         | permissionsFlags     |
 * |   9 |    8 | f64         | balance              |
 * |  17 |    8 | f64         | credit               |
 * |  25 |   64 | utf16[64]   | accountCurrency      |
 * |  89 |    4 | u32         | currencyDigits       |
 * |  93 |    4 | u32         | marginLeverage       |
 * |  97 |  256 | utf16[256]  | accountName          |
 * | 353 |    2 | u16         | serverBuild          |
 * | 355 |  128 | utf16[128]  | serverName           |
 * | 483 |  256 | utf16[256]  | company              |
 * | 739 |    4 | i32         | timezoneShift        |
 * | 743 |    1 | i8          | daylightmode         |
 * | 744 |    4 | u32         | marginMode           |
 * | 748 |    4 | u32         | marginFreeMode       |
 * | 752 |    8 | f64         | marginSoCall         |
 * | 760 |    8 | f64         | marginSoSo           |
 * | 768 |    4 | u32         | marginSoMode         |
 * | 772 |    8 | f64         | marginVirtual        |
 * | 780 |    4 | u32         | marginFreeProfitMode |
 * | 784 |    8 | f64         | accProfit            |
 * | 792 |    8 | f64         | commissionDaily      |
 * | 800 |    8 | f64         | commissionMonthly    |
 * | 808 |    4 | u32         | authPasswordMin      |  0 means 8 (see decodeAccount)
 * | 812 |    4 | u32         | otpStatus            |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { f64, i8, i32, u8, u16, u32, utf16 } from '../fields.js'

export const accountMainSchema = defineRecord('AccountMain', {
  /** 0 real, 1 demo, 2 contest, 3 preliminary (`AccountType`). */
  accountType: u8,
  /** Bit mask: 4 trade disabled, 8 investor, 512 read-only, 1024 password reset required. */
  rights: i32,
  /** Bit mask: 16 risk warning must be acknowledged (cmd 42). */
  permissionsFlags: i32,
  balance: f64,
  credit: f64,
  accountCurrency: utf16(64),
  currencyDigits: u32,
  /** Leverage 1:N. */
  marginLeverage: u32,
  accountName: utf16(256),
  /** Trade-server / web-terminal build. */
  serverBuild: u16,
  serverName: utf16(128),
  company: utf16(256),
  /** Seconds; server offset = timezoneShift + 3600 × daylightmode. */
  timezoneShift: i32,
  daylightmode: i8,
  /** 0 retail netting, 1 exchange, 2 retail hedging (`MarginMode`). */
  marginMode: u32,
  marginFreeMode: u32,
  marginSoCall: f64,
  marginSoSo: f64,
  marginSoMode: u32,
  marginVirtual: f64,
  marginFreeProfitMode: u32,
  /** Floating profit. */
  accProfit: f64,
  commissionDaily: f64,
  commissionMonthly: f64,
  /** Minimum password length as sent; the official client reads 0 as 8. */
  authPasswordMin: u32,
  otpStatus: u32,
})

/** The main account block exactly as on the wire. */
export interface AccountMainRecord extends Infer<typeof accountMainSchema> {}
