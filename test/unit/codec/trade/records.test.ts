import { describe, expect, it } from 'vitest'
import { defineRecord, type RecordSchema, record, type Shape } from '../../../../src/codec/defineRecord.js'
import { type FieldLayout, f64, u32 } from '../../../../src/codec/fields.js'
import { accountMainSchema } from '../../../../src/codec/schemas/accountMain.js'
import { commissionSchema } from '../../../../src/codec/schemas/commission.js'
import { commissionTierSchema } from '../../../../src/codec/schemas/commissionTier.js'
import { dealSchema } from '../../../../src/codec/schemas/deal.js'
import { leverageRuleSchema } from '../../../../src/codec/schemas/leverageRule.js'
import { leverageTierSchema } from '../../../../src/codec/schemas/leverageTier.js'
import { loginResponseSchema } from '../../../../src/codec/schemas/loginResponse.js'
import { orderSchema } from '../../../../src/codec/schemas/order.js'
import { positionSchema } from '../../../../src/codec/schemas/position.js'
import { tradeRequestSchema } from '../../../../src/codec/schemas/tradeRequest.js'
import { tradeResultSchema } from '../../../../src/codec/schemas/tradeResult.js'
import {
  asU64,
  bytesToHex,
  hexLeU32,
  hexToBytes,
  loadOfficialRecordVectors,
  recordFromVector,
  type VectorField,
  valueForField,
} from './_vectors.js'

/** cmd 10 record heads as single records (test-only composites over our schemas). */
const txOrderSchema = defineRecord('TxOrder', {
  flagMask: u32,
  transactionId: u32,
  transactionType: u32,
  order: record(orderSchema),
})
const txDealSchema = defineRecord('TxDeal', {
  flagMask: u32,
  transactionId: u32,
  transactionType: u32,
  deal: record(dealSchema),
  position: record(positionSchema),
  balance: f64,
  credit: f64,
  commissionDaily: f64,
  commissionMonthly: f64,
  accProfit: f64,
})

const orderVec = loadOfficialRecordVectors('order').schema
const dealVec = loadOfficialRecordVectors('deal').schema
const positionVec = loadOfficialRecordVectors('position').schema

interface Case {
  file: string
  schema: RecordSchema<Shape>
  nested?: Record<string, readonly VectorField[]>
  /** Adjusts vector values whose wire type differs from ours (same bytes). */
  fix?: (values: Record<string, unknown>) => Record<string, unknown>
}

const cases: Case[] = [
  { file: 'position', schema: positionSchema as unknown as RecordSchema<Shape> },
  { file: 'order', schema: orderSchema as unknown as RecordSchema<Shape> },
  { file: 'deal', schema: dealSchema as unknown as RecordSchema<Shape> },
  { file: 'trade_result_body', schema: tradeResultSchema as unknown as RecordSchema<Shape> },
  { file: 'account_main', schema: accountMainSchema as unknown as RecordSchema<Shape> },
  { file: 'account_leverage_rule', schema: leverageRuleSchema as unknown as RecordSchema<Shape> },
  { file: 'account_leverage_tier', schema: leverageTierSchema as unknown as RecordSchema<Shape> },
  { file: 'account_commission', schema: commissionSchema as unknown as RecordSchema<Shape> },
  { file: 'account_commission_tier', schema: commissionTierSchema as unknown as RecordSchema<Shape> },
  { file: 'login_reply', schema: loginResponseSchema as unknown as RecordSchema<Shape> },
  {
    file: 'trade_transaction',
    schema: txOrderSchema as unknown as RecordSchema<Shape>,
    nested: { order: orderVec },
  },
  {
    file: 'trade_transaction_deal',
    schema: txDealSchema as unknown as RecordSchema<Shape>,
    nested: { deal: dealVec, position: positionVec },
  },
  {
    // The official client reads the echo's trade_order as i64 and its last 4 bytes as opaque
    // (field_21); our request schema reads the same bytes as u64 and u32 timeExpiration.
    file: 'trade_result_echo',
    schema: tradeRequestSchema as unknown as RecordSchema<Shape>,
    fix: (v) => ({ ...v, trade_order: asU64(String(v.trade_order)), field_21: hexLeU32(String(v.field_21)) }),
  },
]

describe('official record vectors (trade / account)', () => {
  for (const c of cases) {
    const file = loadOfficialRecordVectors(c.file)
    describe(c.file, () => {
      it('has the official size', () => {
        expect(c.schema.size).toBe(Number(file.size))
      })
      for (const v of file.cases) {
        it(`${v.id}: decodes to the values and re-encodes byte for byte`, () => {
          const bytes = hexToBytes(v.hex)
          const decoded = c.schema.decodeBytes(bytes)
          const values = c.fix ? c.fix(v.values) : v.values
          // Nested records come as hex in `values`; the client's `decoded` form (times already
          // merged to ms) is cross-checked field by field below.
          const expected = recordFromVector(
            c.schema,
            file.schema,
            values,
            c.nested ? { nested: c.nested } : {},
          )
          expect(decoded).toEqual(expected)
          for (const [ours, vecSchema] of Object.entries(c.nested ?? {})) {
            const vecName = file.schema.find(
              (f) => f.offset === c.schema.fields.find((x) => x.name === ours)?.offset,
            )?.name
            const client = v.decoded?.[vecName ?? ''] as Record<string, unknown> | undefined
            expect(client, `decoded.${vecName}`).toBeDefined()
            const nestedSchema =
              (c.schema.shape[ours]?.spec as { fields?: readonly FieldLayout[] } | undefined)?.fields ?? []
            const mine = decoded[ours] as Record<string, unknown>
            let checked = 0
            for (const vf of vecSchema) {
              if (vf.name.startsWith('time_') || !(vf.name in (client ?? {}))) continue
              const field = nestedSchema.find((f) => f.offset === vf.offset)
              if (field === undefined) continue
              expect(mine[field.name], `${ours}.${field.name}`).toEqual(
                valueForField(field.field, client?.[vf.name], vf.name),
              )
              checked++
            }
            expect(checked).toBeGreaterThan(15)
            const ms = (s: string) => (mine[s] as number) * 1000 + (mine[`${s}Ms`] as number)
            if ('timeCreate' in mine) expect(client?.time_create).toBe(ms('timeCreate'))
            if ('timeSetup' in mine) expect(client?.time_setup).toBe(ms('timeSetup'))
          }
          expect(bytesToHex(c.schema.encode(decoded))).toBe(v.hex)
          expect(bytesToHex(c.schema.encode(expected as never))).toBe(v.hex)
        })
      }
    })
  }
})
