import { describe, expect, it } from 'vitest'
import type { RecordSchema, Shape } from '../../../../src/codec/defineRecord.js'
import { decodeAccount, encodeAccount } from '../../../../src/codec/messages/account.js'
import { decodeHistory, encodeHistory } from '../../../../src/codec/messages/history.js'
import {
  decodePositionsAndOrders,
  encodePositionsAndOrders,
} from '../../../../src/codec/messages/positionsAndOrders.js'
import { decodeTradeReply } from '../../../../src/codec/messages/tradeReply.js'
import { decodeAnyTradeRequest } from '../../../../src/codec/messages/tradeRequest.js'
import {
  decodeTradeResultPush,
  encodeTradeResultPush,
} from '../../../../src/codec/messages/tradeResultPush.js'
import {
  decodeTradeTransactions,
  encodeTradeTransactions,
} from '../../../../src/codec/messages/tradeTransactions.js'
import { accountMainSchema } from '../../../../src/codec/schemas/accountMain.js'
import { commissionSchema } from '../../../../src/codec/schemas/commission.js'
import { commissionTierSchema } from '../../../../src/codec/schemas/commissionTier.js'
import { dealSchema } from '../../../../src/codec/schemas/deal.js'
import { leverageRuleSchema } from '../../../../src/codec/schemas/leverageRule.js'
import { leverageTierSchema } from '../../../../src/codec/schemas/leverageTier.js'
import { loginResponseSchema } from '../../../../src/codec/schemas/loginResponse.js'
import { openAccountResponseSchema } from '../../../../src/codec/schemas/openAccountResponse.js'
import { orderSchema } from '../../../../src/codec/schemas/order.js'
import { positionSchema } from '../../../../src/codec/schemas/position.js'
import { tradeRequestSchema } from '../../../../src/codec/schemas/tradeRequest.js'
import { tradeRequestPymt5Schema } from '../../../../src/codec/schemas/tradeRequestPymt5.js'
import { tradeResultSchema } from '../../../../src/codec/schemas/tradeResult.js'
import { traderParamsSchema } from '../../../../src/codec/schemas/traderParams.js'
import { verificationStatusSchema } from '../../../../src/codec/schemas/verificationStatus.js'
import {
  bytesToHex,
  hexToBytes,
  isOfficialLayout,
  loadPymt5Vectors,
  type Pymt5RecordVector,
  pymt5Values,
  recordFromVector,
} from './_vectors.js'

const schemas: Record<string, RecordSchema<Shape>> = {
  position: positionSchema as unknown as RecordSchema<Shape>,
  order: orderSchema as unknown as RecordSchema<Shape>,
  deal: dealSchema as unknown as RecordSchema<Shape>,
  tradeRequest: tradeRequestSchema as unknown as RecordSchema<Shape>,
  tradeResult: tradeResultSchema as unknown as RecordSchema<Shape>,
  accountMain: accountMainSchema as unknown as RecordSchema<Shape>,
  leverageRule: leverageRuleSchema as unknown as RecordSchema<Shape>,
  leverageTier: leverageTierSchema as unknown as RecordSchema<Shape>,
  commission: commissionSchema as unknown as RecordSchema<Shape>,
  commissionTier: commissionTierSchema as unknown as RecordSchema<Shape>,
  loginResponse: loginResponseSchema as unknown as RecordSchema<Shape>,
  traderParams: traderParamsSchema as unknown as RecordSchema<Shape>,
  openAccountResponse: openAccountResponseSchema as unknown as RecordSchema<Shape>,
  verificationStatus: verificationStatusSchema as unknown as RecordSchema<Shape>,
}

const files = ['position', 'order', 'deal', 'trade_request', 'trade_result', 'account', 'misc_records']
const all = files.flatMap((f) => loadPymt5Vectors(f).records)
const body = (file: string, id: string): Pymt5RecordVector => {
  const v = [...loadPymt5Vectors(file).records, ...(loadPymt5Vectors(file).bodies ?? [])].find(
    (r) => r.id === id,
  )
  if (v === undefined) throw new Error(`no vector ${id}`)
  return v
}

describe('pymt5 record vectors in the official layout', () => {
  const mine = all.filter((r) => isOfficialLayout(r) && r.schema !== undefined && r.schema in schemas)
  it('covers every record kind we own', () => {
    expect(new Set(mine.map((r) => r.schema)).size).toBeGreaterThanOrEqual(14)
  })
  for (const v of mine) {
    it(`${v.id} (${v.schema})`, () => {
      const schema = schemas[v.schema ?? ''] as RecordSchema<Shape>
      const decoded = schema.decodeBytes(hexToBytes(v.hex))
      expect(decoded).toEqual(recordFromVector(schema, v.fields ?? [], pymt5Values(v)))
      expect(bytesToHex(schema.encode(decoded))).toBe(v.hex)
    })
  }
})

describe('pymt5-layout trade requests (236 B) are accepted and normalised', () => {
  for (const v of loadPymt5Vectors('trade_request').records.filter((r) => r.layout === 'pymt5')) {
    it(v.id, () => {
      const raw = tradeRequestPymt5Schema.decodeBytes(hexToBytes(v.hex))
      expect(raw).toEqual(recordFromVector(tradeRequestPymt5Schema, v.fields ?? [], pymt5Values(v)))
      expect(bytesToHex(tradeRequestPymt5Schema.encode(raw))).toBe(v.hex)
      const any = decodeAnyTradeRequest(hexToBytes(v.hex))
      expect(any.layout).toBe('pymt5')
      expect(any.request.comment).toBe(raw.comment)
      expect(any.request.tradePosition).toBe(raw.positionId)
      expect(any.request.positionBy).toBe(raw.positionBy)
      expect(any.request.timeExpiration).toBe(raw.timeExpiration)
      expect(BigInt(any.request.priceDeviation)).toBe(raw.deviation)
      expect(any.request.tradeVolume).toBe(raw.tradeVolume)
    })
  }
})

describe('pymt5 message bodies in the official framing', () => {
  it('cmd 4 body', () => {
    const v = body('position', 'cmd4_body')
    const got = decodePositionsAndOrders(hexToBytes(v.hex))
    expect(got.positions.length).toBeGreaterThan(0)
    expect(got.orders).toHaveLength(2)
    expect(bytesToHex(encodePositionsAndOrders(got))).toBe(v.hex)
  })
  it('cmd 5 body', () => {
    const v = body('deal', 'cmd5_body')
    const got = decodeHistory(hexToBytes(v.hex))
    expect(got.deals.length).toBeGreaterThan(0)
    expect(got.orders).toHaveLength(1)
    expect(bytesToHex(encodeHistory(got))).toBe(v.hex)
  })
  it('cmd 3 body', () => {
    const v = body('account', 'cmd3_body')
    const got = decodeAccount(hexToBytes(v.hex))
    expect(got.tradeSettings).toHaveLength(2)
    expect(got.leverageRules).toHaveLength(1)
    expect(got.leverageRules[0]?.tiers).toHaveLength(2)
    expect(got.commissions[0]?.tiers).toHaveLength(1)
    const parsed = v.parsedByPymt5 as { trade_flags: number; symbols_count: number }
    expect(got.tradeFlags).toBe(parsed.trade_flags)
    expect(got.symbolsCount).toBe(parsed.symbols_count)
    expect(bytesToHex(encodeAccount(got))).toBe(v.hex)
  })
  it('cmd 10 official order form and deal form', () => {
    const o = body('trade_transaction', 'cmd10_official_order_form')
    const order = decodeTradeTransactions(hexToBytes(o.hex))
    expect(order.kind).toBe('order')
    expect(order.records).toHaveLength(2)
    expect(bytesToHex(encodeTradeTransactions(order))).toBe(o.hex)
    const d = body('trade_transaction', 'cmd10_official_deal_form')
    const deal = decodeTradeTransactions(hexToBytes(d.hex))
    if (deal.kind !== 'deal') throw new Error('expected the deal form')
    const tail = d.balanceTail as Record<string, number>
    expect(deal.records[0]?.balance).toBe(tail.balance)
    expect(deal.records[0]?.accProfit).toBe(tail.accProfit)
    expect(bytesToHex(encodeTradeTransactions(deal))).toBe(d.hex)
  })
  it('cmd 12 official reply and cmd 19 official body', () => {
    expect(decodeTradeReply(hexToBytes(body('trade_result', 'cmd12_reply_official').hex)).retcode).toBeTypeOf(
      'number',
    )
    const v = body('trade_result', 'cmd19_body_official')
    const got = decodeTradeResultPush(hexToBytes(v.hex))
    const parts = v.parts as { status: number; request: string; result: string }
    expect(got.status).toBe(parts.status)
    expect(bytesToHex(tradeRequestSchema.encode(got.request))).toBe(parts.request)
    expect(bytesToHex(tradeResultSchema.encode(got.result))).toBe(parts.result)
    expect(bytesToHex(encodeTradeResultPush(got))).toBe(v.hex)
  })
})
