/**
 * User input → AccountOpeningForm record (docs/architecture.md#commands, cmd 30): defaults as the official
 * client
 * (deposit 100 000, leverage 100, reserved 0/1, `fullName` = first + ' ' + second) and every
 * string truncated to its field's character count.
 */
import type { RecordSchema, Shape } from '../codec/defineRecord.js'
import {
  type AccountOpeningFormRecord,
  accountOpeningFormSchema,
} from '../codec/schemas/accountOpeningForm.js'

/** What a caller fills in to open an account; everything but the names is optional. */
export interface AccountOpeningParameters {
  firstName: string
  secondName: string
  email?: string
  phone?: string
  /** Group to open the account in (server default when empty). */
  group?: string
  /** Initial deposit (demo), default 100 000. */
  deposit?: number
  /** Leverage 1:N, default 100. */
  leverage?: number
  country?: string
  city?: string
  state?: string
  zipcode?: string
  address?: string
  phonePassword?: string
  domain?: string
  utmCampaign?: string
  utmSource?: string
  /** Bit mask of accepted agreements. */
  agreements?: number
  emailConfirmCode?: number
  phoneConfirmCode?: number
}

/** Truncates every string field of `value` to its UTF-16 field's character count. @internal */
export function truncateStrings<S extends Shape, T extends Record<string, unknown>>(
  schema: RecordSchema<S>,
  value: T,
): T {
  const out: Record<string, unknown> = { ...value }
  for (const { name, field } of schema.fields) {
    const v = out[name]
    if (typeof v === 'string' && field.spec.kind === 'utf16') out[name] = v.slice(0, field.size >> 1)
  }
  return out as T
}

/** Builds the 1664-byte form record from user input. */
export function toOpeningForm(p: AccountOpeningParameters): AccountOpeningFormRecord {
  return truncateStrings(accountOpeningFormSchema, {
    ...accountOpeningFormSchema.zero(),
    fullName: `${p.firstName} ${p.secondName}`.trim(),
    firstName: p.firstName,
    secondName: p.secondName,
    email: p.email ?? '',
    phone: p.phone ?? '',
    group: p.group ?? '',
    deposit: p.deposit ?? 100_000,
    leverage: p.leverage ?? 100,
    reservedZero: 0,
    reservedOne: 1,
    country: p.country ?? '',
    city: p.city ?? '',
    state: p.state ?? '',
    zipcode: p.zipcode ?? '',
    address: p.address ?? '',
    phonePassword: p.phonePassword ?? '',
    domain: p.domain ?? '',
    utmCampaign: p.utmCampaign ?? '',
    utmSource: p.utmSource ?? '',
    agreements: p.agreements ?? 0,
    emailConfirmCode: p.emailConfirmCode ?? 0,
    phoneConfirmCode: p.phoneConfirmCode ?? 0,
  })
}
