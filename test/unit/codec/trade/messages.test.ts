import { describe, expect, it } from 'vitest'
import type { RecordSchema, Shape } from '../../../../src/codec/defineRecord.js'
import { decodeAccount, encodeAccount } from '../../../../src/codec/messages/account.js'
import { decodeTradeReply, encodeTradeReply } from '../../../../src/codec/messages/tradeReply.js'
import {
  decodeAnyTradeRequest,
  decodeTradeRequest,
  encodeTradeRequest,
} from '../../../../src/codec/messages/tradeRequest.js'
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
import { orderSchema } from '../../../../src/codec/schemas/order.js'
import { positionSchema } from '../../../../src/codec/schemas/position.js'
import { tradeRequestSchema } from '../../../../src/codec/schemas/tradeRequest.js'
import { tradeResultSchema } from '../../../../src/codec/schemas/tradeResult.js'
import { tradeSettingsSchema } from '../../../../src/codec/schemas/tradeSettings.js'
import { txBalanceTailSchema } from '../../../../src/codec/schemas/txBalanceTail.js'
import { ProtocolError, ValidationError } from '../../../../src/errors.js'
import {
  asU64,
  bytesToHex,
  hexLeU32,
  hexToBytes,
  loadOfficialMessageVectors,
  loadOfficialRecordVectors,
  recordFromVector,
  type VectorField,
  withDefaults,
} from './_vectors.js'

type Values = Record<string, unknown>
const vec = (name: string): VectorField[] => loadOfficialRecordVectors(name).schema
const map = <S extends Shape>(schema: RecordSchema<S>, vf: VectorField[], values: unknown) =>
  recordFromVector(schema, vf, values as Values) as never

describe('cmd 3 account (vectors-official/cmd3_account.json)', () => {
  const file = loadOfficialMessageVectors('cmd3_account')
  const parts = file.parts as Record<string, VectorField[]>
  const expectedOf = (v: Values) => ({
    main: map(accountMainSchema, parts.main ?? [], v.main),
    tradeSettings: (v.trade_settings as Values[]).map((t) =>
      map(tradeSettingsSchema, parts.trade_settings ?? [], t),
    ),
    tradeFlags: v.trade_flags as number,
    symbolsCount: v.symbols_count as number,
    leverageFlags: BigInt(v.leverage_flags as string | number),
    leverageRules: (v.rules as { rule: Values; tiers: Values[] }[]).map((r) => ({
      rule: map(leverageRuleSchema, parts.leverage_rule ?? [], r.rule),
      tiers: r.tiers.map((t) => map(leverageTierSchema, parts.leverage_tier ?? [], t)),
    })),
    commissions: (v.commissions as { commission: Values; tiers: Values[] }[]).map((c) => ({
      commission: map(commissionSchema, parts.commission ?? [], c.commission),
      tiers: c.tiers.map((t) => map(commissionTierSchema, parts.commission_tier ?? [], t)),
    })),
  })

  for (const c of file.cases) {
    it(`${c.id}: encode(values) is the official body`, () => {
      expect(bytesToHex(encodeAccount(expectedOf(c.values)))).toBe(c.hex)
    })
    it(`${c.id}: decodes like the official client (client_result)`, () => {
      const got = decodeAccount(hexToBytes(c.hex))
      const cr = c.client_result as Values
      expect(got.main.authPasswordMin).toBe(cr.auth_password_min)
      expect(got.authPasswordMinRaw).toBe((c.values.main as Values).auth_password_min)
      expect(got.tradeFlags).toBe(Number(cr.trade_flags))
      expect(got.symbolsCount).toBe(Number(cr.symbols_count))
      expect(got.leverageFlags).toBe(BigInt(cr.leverage_flags as string))
      expect(got.tradeSettings).toHaveLength((cr.trade_settings as unknown[]).length)
      const rules = cr.rules as [string, number, string, number, number, number[][]][]
      expect(
        got.leverageRules.map((r) => [r.rule.path, r.rule.tierCount, r.tiers.map((t) => t.rangeFrom)]),
      ).toEqual(rules.map((r) => [r[0], r[4], r[5].map((t) => t[0])]))
      const comms = cr.commissions as [string, number, number, number, string, number, unknown[][]][]
      expect(got.commissions.map((x) => [x.commission.path, x.commission.mode, x.tiers.length])).toEqual(
        comms.map((x) => [x[0], x[1], x[6].length]),
      )
    })
  }

  for (const id of ['one_of_each', 'two_of_each', 'extremes']) {
    it(`${id}: decodes to the values and re-encodes byte for byte`, () => {
      const c = file.cases.find((x) => x.id === id)
      if (c === undefined) throw new Error(`no case ${id}`)
      const got = decodeAccount(hexToBytes(c.hex))
      const { main, ...rest } = expectedOf(c.values)
      const { main: gotMain, authPasswordMinRaw, ...gotRest } = got
      expect(gotRest).toEqual(rest)
      expect({ ...gotMain, authPasswordMin: authPasswordMinRaw }).toEqual(main)
      expect(bytesToHex(encodeAccount(got))).toBe(c.hex)
    })
  }

  it('one body reaching several frame listeners is decoded once; the next task decodes again', async () => {
    const c = file.cases.find((x) => x.id === 'one_of_each')
    if (c === undefined) throw new Error('no case one_of_each')
    const body = hexToBytes(c.hex)
    const first = decodeAccount(body)
    expect(decodeAccount(body)).toBe(first)
    // an equal body in another buffer is decoded on its own
    expect(decodeAccount(body.slice())).not.toBe(first)
    await new Promise((r) => setTimeout(r, 0))
    // the buffer reused with other bytes: never answered from the block kept before
    body.set(encodeAccount({ ...first, main: { ...first.main, balance: first.main.balance + 1 } }))
    const again = decodeAccount(body)
    expect(again).not.toBe(first)
    expect(again.main.balance).toBe(first.main.balance + 1)
  })

  it('no_sections: a zero trade-settings count is not skipped, later parts shift by 4', () => {
    const c = file.cases.find((x) => x.id === 'no_sections')
    if (c === undefined) throw new Error('no case')
    const got = decodeAccount(hexToBytes(c.hex))
    expect(got.tradeFlags).toBe(0)
    expect(got.symbolsCount).toBe(77)
    expect(got.leverageFlags).toBe(5n * 2n ** 32n + 8n)
  })

  it('reads only the parts present (main alone) and rejects a truncated main block', () => {
    const main = accountMainSchema.encode(accountMainSchema.zero())
    const got = decodeAccount(main)
    expect(got.tradeSettings).toEqual([])
    expect(got.main.authPasswordMin).toBe(8)
    expect(() => decodeAccount(main.subarray(0, 815))).toThrow(ProtocolError)
  })
})

describe('cmd 10 trade transactions (vectors-official/cmd10_trade_transaction.json)', () => {
  const file = loadOfficialMessageVectors('cmd10_trade_transaction')
  // parts.order / deal / position name the record files.
  const parts = { order: vec('order'), deal: vec('deal'), position: vec('position') }
  for (const c of file.cases) {
    it(`${c.id}: decodes to the values and re-encodes byte for byte`, () => {
      const got = decodeTradeTransactions(hexToBytes(c.hex))
      const records = c.values.records as Values[]
      const branch = (c as unknown as { branch: string }).branch
      expect(got.kind).toBe(branch)
      const header = (r: Values) => ({
        flagMask: r.flag_mask,
        transactionId: r.transaction_id,
        transactionType: r.transaction_type,
      })
      const expected =
        branch === 'order'
          ? records.map((r) => ({ ...header(r), order: map(orderSchema, parts.order ?? [], r.order) }))
          : records.map((r) => ({
              ...header(r),
              deal: map(dealSchema, parts.deal ?? [], r.deal),
              position: map(positionSchema, parts.position ?? [], r.trade_position),
              ...(recordFromVector(
                txBalanceTailSchema,
                ['balance', 'credit', 'commission_daily', 'commission_monthly', 'acc_profit'].map(
                  (name, i) => ({
                    name,
                    offset: i * 8,
                  }),
                ),
                r,
              ) as Values),
              deals: (r.deals as Values[]).map((d) => map(dealSchema, parts.deal ?? [], d)),
              positions: (r.positions as Values[]).map((p) => map(positionSchema, parts.position ?? [], p)),
            }))
      expect(got.records).toEqual(expected)
      expect(bytesToHex(encodeTradeTransactions(got))).toBe(c.hex)
      expect((c.client_result as unknown[]).length).toBe(records.length)
    })
  }

  it('rejects a truncated record and a body that contradicts its kind', () => {
    const c = file.cases[0]
    if (c === undefined) throw new Error('no case')
    expect(() => decodeTradeTransactions(hexToBytes(c.hex).subarray(0, 100))).toThrow(ProtocolError)
    const got = decodeTradeTransactions(hexToBytes(c.hex))
    if (got.kind !== 'order') throw new Error('expected order form')
    const bad = { kind: 'order' as const, records: got.records.map((r) => ({ ...r, flagMask: 2 })) }
    expect(() => encodeTradeTransactions(bad)).toThrow(ValidationError)
    expect(decodeTradeTransactions(new Uint8Array(0))).toEqual({ kind: 'order', records: [] })
  })
})

describe('cmd 12 trade request (vectors-official/cmd12_trade_request.json)', () => {
  const file = loadOfficialMessageVectors('cmd12_trade_request')
  const schema = file.schema ?? []
  for (const c of file.cases) {
    it(`${c.id}: decode(hex) re-encodes byte for byte`, () => {
      const got = decodeTradeRequest(hexToBytes(c.hex))
      expect(bytesToHex(encodeTradeRequest(got))).toBe(c.hex)
      expect(decodeAnyTradeRequest(hexToBytes(c.hex))).toEqual({ request: got, layout: 'official' })
    })
    if (c.id === 'truncated_strings') {
      it('truncated_strings: we cut at a character boundary, the official client through the pair', () => {
        // values are the raw input (42-unit symbol, 33-unit comment ending in a surrogate pair).
        // The official bytes keep 31 'a' + a lone high surrogate U+D83D; our writeUtf16 never
        // splits a pair, so it drops the whole emoji and writes 31 'a'.
        const got = decodeTradeRequest(hexToBytes(c.hex))
        expect(got.tradeSymbol).toBe(String(c.values.trade_symbol).slice(0, 32))
        expect(got.comment).toBe(`${'a'.repeat(31)}\ud83d`)
        const ours = tradeRequestSchema.decodeBytes(
          encodeTradeRequest(map(tradeRequestSchema, schema, withDefaults(schema, c.values))),
        )
        expect(ours.tradeSymbol).toBe(got.tradeSymbol)
        expect(ours.comment).toBe('a'.repeat(31))
      })
    } else {
      it(`${c.id}: encode(values) is the official body`, () => {
        const expected = map(tradeRequestSchema, schema, withDefaults(schema, c.values))
        expect(bytesToHex(encodeTradeRequest(expected))).toBe(c.hex)
        expect(decodeTradeRequest(hexToBytes(c.hex))).toEqual(expected)
      })
    }
  }
  it('rejects lengths other than 248 (and 236 for decodeAnyTradeRequest)', () => {
    expect(() => decodeTradeRequest(new Uint8Array(236))).toThrow(ProtocolError)
    expect(() => decodeAnyTradeRequest(new Uint8Array(240))).toThrow(ProtocolError)
    expect(decodeAnyTradeRequest(new Uint8Array(236)).layout).toBe('pymt5')
  })
})

describe('cmd 12 reply (vectors-official/cmd12_trade_reply.json)', () => {
  const file = loadOfficialMessageVectors('cmd12_trade_reply')
  for (const c of file.cases) {
    it(`${c.id}`, () => {
      const cr = c.client_result as { retcode?: number; error?: string }
      const body = hexToBytes(c.hex)
      if (cr.error !== undefined) {
        expect(() => decodeTradeReply(body)).toThrow(ProtocolError)
        return
      }
      expect(decodeTradeReply(body)).toEqual({ retcode: cr.retcode })
      if (body.length === 4) expect(bytesToHex(encodeTradeReply({ retcode: cr.retcode ?? -1 }))).toBe(c.hex)
    })
  }
})

describe('cmd 19 trade result (vectors-official/cmd19_trade_result.json)', () => {
  const file = loadOfficialMessageVectors('cmd19_trade_result')
  const parts = file.parts as Record<string, VectorField[]>
  for (const c of file.cases) {
    it(`${c.id}: decodes to the values and re-encodes byte for byte`, () => {
      const got = decodeTradeResultPush(hexToBytes(c.hex))
      const req = c.values.request as Values
      const fixed = {
        ...req,
        trade_order: asU64(String(req.trade_order)),
        field_21: hexLeU32(String(req.field_21)),
      }
      expect(got).toEqual({
        status: c.values.field_0,
        request: map(tradeRequestSchema, parts.request ?? [], fixed),
        result: map(tradeResultSchema, parts.result ?? [], c.values.result),
      })
      expect(bytesToHex(encodeTradeResultPush(got))).toBe(c.hex)
      const cr = c.client_result as [number, Values, Values]
      expect(got.result.comment).toBe(cr[2].comment)
      expect(got.request.actionId).toBe(cr[1].action_id)
    })
  }
  it('rejects a truncated body', () => {
    expect(() => decodeTradeResultPush(new Uint8Array(379))).toThrow(ProtocolError)
  })
})
