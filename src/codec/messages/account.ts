/**
 * Account block: cmd 3 reply and cmd 14 push (docs/architecture.md#commands, cmd 3; layout in
 * src/codec/schemas/accountMain.ts).
 *
 * | part            | layout                                                                  |
 * |-----------------|-------------------------------------------------------------------------|
 * | main            | AccountMain (816 B)                                                     |
 * | trade settings  | u32 k + k × TradeSettings (628 B)                                       |
 * | tradeFlags      | i32                                                                     |
 * | symbolsCount    | i32                                                                     |
 * | leverageFlags   | u64                                                                     |
 * | leverage rules  | i32 r + r × (LeverageRule (300 B) + tierCount × LeverageTier (32 B))    |
 * | commissions     | u32 c + c × (Commission (304 B) + u32 t + t × CommissionTier (80 B))    |
 *
 * The decoder follows the official reader exactly:
 * - every part after `main` is read only while bytes remain (missing parts stay 0 / empty);
 * - a trade-settings count of 0 is NOT stepped over: its 4 zero bytes are read as `tradeFlags`
 *   and everything after shifts by 4 bytes. **A server must therefore send at least one
 *   trade-settings block**; `encodeAccount` always writes every part, so encoding an account
 *   with no trade settings produces a body the official client misreads (as it would from a
 *   real server);
 * - `authPasswordMin` 0 reads as 8 in `main`; the raw wire value stays in `authPasswordMinRaw`
 *   and is what `encodeAccount` writes.
 */
import { BodyReader, BodyWriter } from '../cursor.js'
import { type AccountMainRecord, accountMainSchema } from '../schemas/accountMain.js'
import { type CommissionRecord, commissionSchema } from '../schemas/commission.js'
import { type CommissionTierRecord, commissionTierSchema } from '../schemas/commissionTier.js'
import { type LeverageRuleRecord, leverageRuleSchema } from '../schemas/leverageRule.js'
import { type LeverageTierRecord, leverageTierSchema } from '../schemas/leverageTier.js'
import { type TradeSettings, tradeSettingsSchema } from '../schemas/tradeSettings.js'

/** A leverage rule with its tiers. `rule.tierCount` is rewritten from `tiers.length` on encode. */
export interface AccountLeverageRule {
  rule: LeverageRuleRecord
  tiers: LeverageTierRecord[]
}

/** A commission with its tiers. */
export interface AccountCommission {
  commission: CommissionRecord
  tiers: CommissionTierRecord[]
}

/** The decoded Account block. */
export interface AccountBlock {
  /** Main block; `authPasswordMin` already has the official 0 → 8 replacement applied. */
  main: AccountMainRecord
  /** `authPasswordMin` exactly as on the wire (written back by `encodeAccount`). */
  authPasswordMinRaw: number
  /** Group overrides of symbol trade settings (last matching block wins). */
  tradeSettings: TradeSettings[]
  tradeFlags: number
  symbolsCount: number
  leverageFlags: bigint
  leverageRules: AccountLeverageRule[]
  commissions: AccountCommission[]
}

const WHAT = 'cmd 3 account'

/**
 * The last body decoded and its block, kept until the current task's microtasks have run: one cmd 14
 * reaches several frame listeners (the push table, the market data and the trading state), which
 * each decoded the same bytes. Never kept longer, so a body whose buffer is later reused cannot
 * be answered from a stale block. Consumers treat the block as read-only.
 */
let last: { body: Uint8Array; block: AccountBlock } | undefined

/** Decodes a cmd 3 reply / cmd 14 push body with the official reader's quirks. */
export function decodeAccount(body: Uint8Array): AccountBlock {
  if (last !== undefined && last.body === body) return last.block
  const block = decodeAccountOnce(body)
  if (last === undefined) queueMicrotask(() => (last = undefined))
  last = { body, block }
  return block
}

function decodeAccountOnce(body: Uint8Array): AccountBlock {
  const r = new BodyReader(body, WHAT)
  const main = r.record(accountMainSchema)
  const authPasswordMinRaw = main.authPasswordMin
  if (main.authPasswordMin === 0) main.authPasswordMin = 8
  const block: AccountBlock = {
    main,
    authPasswordMinRaw,
    tradeSettings: [],
    tradeFlags: 0,
    symbolsCount: 0,
    leverageFlags: 0n,
    leverageRules: [],
    commissions: [],
  }
  if (r.remaining > 0) {
    // The official reader peeks at the count and only steps over it when it is non-zero.
    if (r.remaining < 4) r.u32('tradeSettings count') // throws: 1–3 stray bytes
    const count = r.view.getUint32(r.offset, true)
    if (count !== 0) {
      r.offset += 4
      block.tradeSettings = r.records(tradeSettingsSchema, count, 'tradeSettings')
    }
  }
  if (r.remaining > 0) block.tradeFlags = r.i32('tradeFlags')
  if (r.remaining > 0) block.symbolsCount = r.i32('symbolsCount')
  if (r.remaining > 0) block.leverageFlags = r.u64('leverageFlags')
  if (r.remaining > 0) {
    const count = r.i32('leverageRules count')
    // Each rule takes at least 300 bytes: bound the loop by what is left.
    if (count > 0 && count * leverageRuleSchema.size > r.remaining)
      r.records(leverageRuleSchema, count, 'leverageRules')
    for (let i = 0; i < count; i++) {
      const rule = r.record(leverageRuleSchema)
      const tiers = rule.tierCount > 0 ? r.records(leverageTierSchema, rule.tierCount, 'leverageTiers') : []
      block.leverageRules.push({ rule, tiers })
    }
  }
  if (r.remaining > 0) {
    const count = r.u32('commissions count')
    if (count * commissionSchema.size > r.remaining) r.records(commissionSchema, count, 'commissions')
    for (let i = 0; i < count; i++) {
      const commission = r.record(commissionSchema)
      const tiers = r.countedRecords(commissionTierSchema, 'commissionTiers')
      block.commissions.push({ commission, tiers })
    }
  }
  return block
}

/** Input of `encodeAccount`: `authPasswordMinRaw` defaults to `main.authPasswordMin`. */
export type AccountBlockInput = Omit<AccountBlock, 'authPasswordMinRaw'> & { authPasswordMinRaw?: number }

/**
 * Encodes an Account block, always writing every part. Send at least one trade-settings block
 * (see the module comment). Each rule's `tierCount` is written as `tiers.length`.
 */
export function encodeAccount(value: AccountBlockInput): Uint8Array {
  // Exact size up front: the body is written without growing the buffer.
  let size = 816 + 4 + value.tradeSettings.length * 628 + 4 + 4 + 8 + 4 + 4
  for (const r of value.leverageRules) size += 300 + r.tiers.length * 32
  for (const c of value.commissions) size += 304 + 4 + c.tiers.length * 80
  const w = new BodyWriter(size)
  w.record(accountMainSchema, {
    ...value.main,
    authPasswordMin: value.authPasswordMinRaw ?? value.main.authPasswordMin,
  })
  w.countedRecords(tradeSettingsSchema, value.tradeSettings)
  w.i32(value.tradeFlags).i32(value.symbolsCount).u64(value.leverageFlags)
  w.i32(value.leverageRules.length)
  for (const { rule, tiers } of value.leverageRules) {
    w.record(leverageRuleSchema, { ...rule, tierCount: tiers.length })
    w.records(leverageTierSchema, tiers)
  }
  w.u32(value.commissions.length)
  for (const { commission, tiers } of value.commissions) {
    w.record(commissionSchema, commission)
    w.countedRecords(commissionTierSchema, tiers)
  }
  return w.finish()
}
