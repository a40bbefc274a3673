import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { RecordSchema, Shape } from '../../src/codec/defineRecord.js'
import { decodeAccount, encodeAccount } from '../../src/codec/messages/account.js'
import { decodeBootstrapReply, decodeBootstrapRequest } from '../../src/codec/messages/bootstrap.js'
import {
  decodeChangePasswordReply,
  decodeChangePasswordRequest,
} from '../../src/codec/messages/changePassword.js'
import { decodeHistory, decodeHistoryRequest, encodeHistory } from '../../src/codec/messages/history.js'
import { decodeInitRequest } from '../../src/codec/messages/init.js'
import { decodeLoginRequest, decodeLoginResponse } from '../../src/codec/messages/login.js'
import { decodeNotifyRequest } from '../../src/codec/messages/notify.js'
import {
  decodeAccountOpeningForm,
  decodeOpenAccountResponse,
  decodeOpenRealAccountRequest,
  encodeOpenRealAccountRequest,
} from '../../src/codec/messages/openAccount.js'
import { decodeOtpRequest } from '../../src/codec/messages/otp.js'
import {
  decodePositionsAndOrders,
  encodePositionsAndOrders,
} from '../../src/codec/messages/positionsAndOrders.js'
import { decodeTradeReply, encodeTradeReply } from '../../src/codec/messages/tradeReply.js'
import {
  decodeAnyTradeRequest,
  decodeTradeRequest,
  encodeTradeRequest,
} from '../../src/codec/messages/tradeRequest.js'
import { decodeTradeResultPush, encodeTradeResultPush } from '../../src/codec/messages/tradeResultPush.js'
import { decodeTraderParams } from '../../src/codec/messages/traderParams.js'
import {
  decodeTradeTransactions,
  encodeTradeTransactions,
  type TradeTransactions,
} from '../../src/codec/messages/tradeTransactions.js'
import { decodeVerificationRequest, decodeVerificationStatus } from '../../src/codec/messages/verification.js'
import { accountDocumentSchema } from '../../src/codec/schemas/accountDocument.js'
import { accountMainSchema } from '../../src/codec/schemas/accountMain.js'
import { accountOpeningFormSchema } from '../../src/codec/schemas/accountOpeningForm.js'
import { changePasswordRequestSchema } from '../../src/codec/schemas/changePasswordRequest.js'
import { commissionSchema } from '../../src/codec/schemas/commission.js'
import { commissionTierSchema } from '../../src/codec/schemas/commissionTier.js'
import { dealSchema } from '../../src/codec/schemas/deal.js'
import { historyRequestSchema } from '../../src/codec/schemas/historyRequest.js'
import { initRequestSchema } from '../../src/codec/schemas/initRequest.js'
import { leverageRuleSchema } from '../../src/codec/schemas/leverageRule.js'
import { leverageTierSchema } from '../../src/codec/schemas/leverageTier.js'
import { loginRequestSchema } from '../../src/codec/schemas/loginRequest.js'
import { loginResponseSchema } from '../../src/codec/schemas/loginResponse.js'
import { openAccountResponseSchema } from '../../src/codec/schemas/openAccountResponse.js'
import { orderSchema } from '../../src/codec/schemas/order.js'
import { otpRequestSchema } from '../../src/codec/schemas/otpRequest.js'
import { positionSchema } from '../../src/codec/schemas/position.js'
import { realAccountExtensionSchema } from '../../src/codec/schemas/realAccountExtension.js'
import { tradeRequestSchema } from '../../src/codec/schemas/tradeRequest.js'
import { tradeRequestPymt5Schema } from '../../src/codec/schemas/tradeRequestPymt5.js'
import { tradeResultSchema } from '../../src/codec/schemas/tradeResult.js'
import { traderParamsSchema } from '../../src/codec/schemas/traderParams.js'
import { tradeSettingsSchema } from '../../src/codec/schemas/tradeSettings.js'
import { tradeTransactionHeaderSchema } from '../../src/codec/schemas/tradeTransactionHeader.js'
import { txBalanceTailSchema } from '../../src/codec/schemas/txBalanceTail.js'
import { verificationStatusSchema } from '../../src/codec/schemas/verificationStatus.js'
import { ProtocolError } from '../../src/errors.js'
import { arbitraryOf } from '../helpers/arbitrary.js'

const schemas = [
  positionSchema,
  orderSchema,
  dealSchema,
  tradeRequestSchema,
  tradeRequestPymt5Schema,
  tradeResultSchema,
  tradeTransactionHeaderSchema,
  txBalanceTailSchema,
  accountMainSchema,
  leverageRuleSchema,
  leverageTierSchema,
  commissionSchema,
  commissionTierSchema,
  loginResponseSchema,
  traderParamsSchema,
  openAccountResponseSchema,
  verificationStatusSchema,
  loginRequestSchema,
  initRequestSchema,
  otpRequestSchema,
  changePasswordRequestSchema,
  accountOpeningFormSchema,
  realAccountExtensionSchema,
  accountDocumentSchema,
  historyRequestSchema,
] as unknown as RecordSchema<Shape>[]

const arbitraryFor = (schema: RecordSchema<Shape>): fc.Arbitrary<Record<string, unknown>> =>
  arbitraryOf(schema)

describe('encode → decode identity for every trade/account/session schema', () => {
  for (const schema of schemas) {
    it(schema.name, () => {
      fc.assert(
        fc.property(arbitraryFor(schema), (value) => {
          const bytes = schema.encode(value)
          expect(bytes).toHaveLength(schema.size)
          expect(schema.decodeBytes(bytes)).toEqual(value)
        }),
        { numRuns: 60 },
      )
    })
  }
})

const small = <T>(a: fc.Arbitrary<T>) => fc.array(a, { maxLength: 3 })

describe('message round trips', () => {
  it('cmd 3 account (≥ 1 trade-settings block)', () => {
    const rule = fc
      .record({ rule: arbitraryOf(leverageRuleSchema), tiers: small(arbitraryOf(leverageTierSchema)) })
      .map(({ rule, tiers }) => ({ rule: { ...rule, tierCount: tiers.length }, tiers }))
    const account = fc
      .record({
        main: arbitraryOf(accountMainSchema),
        tradeSettings: fc.array(arbitraryOf(tradeSettingsSchema), { minLength: 1, maxLength: 2 }),
        tradeFlags: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        symbolsCount: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        leverageFlags: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        leverageRules: small(rule),
        commissions: small(
          fc.record({
            commission: arbitraryOf(commissionSchema),
            tiers: small(arbitraryOf(commissionTierSchema)),
          }),
        ),
      })
      .map((a) => ({ ...a, authPasswordMinRaw: a.main.authPasswordMin }))
    fc.assert(
      fc.property(account, (value) => {
        const got = decodeAccount(encodeAccount(value))
        expect(got.authPasswordMinRaw).toBe(value.main.authPasswordMin)
        const expectedMin = value.main.authPasswordMin === 0 ? 8 : value.main.authPasswordMin
        expect(got).toEqual({ ...value, main: { ...value.main, authPasswordMin: expectedMin } })
        expect(encodeAccount(got)).toEqual(encodeAccount(value))
      }),
      { numRuns: 25 },
    )
  })

  it('cmd 4 / cmd 5 lists', () => {
    fc.assert(
      fc.property(
        small(arbitraryOf(positionSchema)),
        small(arbitraryOf(orderSchema)),
        small(arbitraryOf(dealSchema)),
        (positions, orders, deals) => {
          expect(decodePositionsAndOrders(encodePositionsAndOrders({ positions, orders }))).toEqual({
            positions,
            orders,
          })
          expect(decodeHistory(encodeHistory({ deals, orders }))).toEqual({ deals, orders })
        },
      ),
      { numRuns: 25 },
    )
  })

  it('cmd 10 both forms', () => {
    const header = (flag: fc.Arbitrary<number>) =>
      fc.record({
        flagMask: flag,
        transactionId: fc.nat({ max: 2 ** 32 - 1 }),
        transactionType: fc.nat({ max: 2 }),
      })
    const orderForm = fc
      .array(fc.tuple(header(fc.constantFrom(0, 1)), arbitraryOf(orderSchema)), { maxLength: 3 })
      .map((rs): TradeTransactions => ({ kind: 'order', records: rs.map(([h, order]) => ({ ...h, order })) }))
    const dealForm = fc
      .array(
        fc.record({
          h: header(fc.constant(2)),
          deal: arbitraryOf(dealSchema),
          position: arbitraryOf(positionSchema),
          tail: arbitraryOf(txBalanceTailSchema),
          deals: small(arbitraryOf(dealSchema)),
          positions: small(arbitraryOf(positionSchema)),
        }),
        { minLength: 1, maxLength: 2 },
      )
      .map(
        (rs): TradeTransactions => ({
          kind: 'deal',
          records: rs.map(({ h, tail, ...r }) => ({ ...h, ...tail, ...r })),
        }),
      )
    fc.assert(
      fc.property(fc.oneof(orderForm, dealForm), (value) => {
        expect(decodeTradeTransactions(encodeTradeTransactions(value))).toEqual(value)
      }),
      { numRuns: 25 },
    )
  })

  it('cmd 12 / cmd 19 / cmd 39', () => {
    fc.assert(
      fc.property(
        arbitraryOf(tradeRequestSchema),
        arbitraryOf(tradeResultSchema),
        fc.nat({ max: 2 ** 32 - 1 }),
        (request, result, status) => {
          expect(decodeTradeRequest(encodeTradeRequest(request))).toEqual(request)
          expect(decodeAnyTradeRequest(encodeTradeRequest(request))).toEqual({ request, layout: 'official' })
          expect(decodeTradeResultPush(encodeTradeResultPush({ status, request, result }))).toEqual({
            status,
            request,
            result,
          })
          expect(decodeTradeReply(encodeTradeReply({ retcode: status }))).toEqual({ retcode: status })
        },
      ),
      { numRuns: 40 },
    )
    const doc = fc.record({
      dataType: fc.nat({ max: 2 ** 32 - 1 }),
      documentType: fc.nat({ max: 2 ** 32 - 1 }),
      frontName: fc.string({ maxLength: 10 }).filter((s) => !s.includes('\0')),
      backName: fc.constant(''),
      front: fc.uint8Array({ maxLength: 20 }),
      back: fc.uint8Array({ maxLength: 20 }),
    })
    fc.assert(
      fc.property(
        arbitraryOf(accountOpeningFormSchema),
        arbitraryOf(realAccountExtensionSchema),
        small(doc),
        (form, extension, documents) => {
          const value = { form, extension, documents }
          expect(decodeOpenRealAccountRequest(encodeOpenRealAccountRequest(value))).toEqual(value)
        },
      ),
      { numRuns: 15 },
    )
  })
})

const decoders: [string, (body: Uint8Array) => unknown][] = [
  ['account', decodeAccount],
  ['positionsAndOrders', decodePositionsAndOrders],
  ['history', decodeHistory],
  ['historyRequest', decodeHistoryRequest],
  ['tradeRequest', decodeTradeRequest],
  ['anyTradeRequest', decodeAnyTradeRequest],
  ['tradeReply', decodeTradeReply],
  ['tradeResultPush', decodeTradeResultPush],
  ['tradeTransactions', decodeTradeTransactions],
  ['loginRequest', decodeLoginRequest],
  ['loginResponse', decodeLoginResponse],
  ['initRequest', decodeInitRequest],
  ['otpRequest', decodeOtpRequest],
  ['changePasswordRequest', decodeChangePasswordRequest],
  ['changePasswordReply', decodeChangePasswordReply],
  ['notify', decodeNotifyRequest],
  ['accountOpeningForm', decodeAccountOpeningForm],
  ['openRealAccount', decodeOpenRealAccountRequest],
  ['openAccountResponse', decodeOpenAccountResponse],
  ['verificationRequest', decodeVerificationRequest],
  ['verificationStatus', decodeVerificationStatus],
  ['traderParams', decodeTraderParams],
  ['bootstrapRequest', decodeBootstrapRequest],
  ['bootstrapReply', decodeBootstrapReply],
]

/** Arbitrary bodies: random bytes of any length, plus bodies with a plausible head and a lying count. */
const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }),
  fc
    .tuple(fc.constantFrom(0, 4, 8, 12, 816, 820, 1448, 2948, 3000), fc.uint8Array({ maxLength: 64 }))
    .map(([n, tail]) => {
      const out = new Uint8Array(n + tail.length)
      out.set(tail, n)
      return out
    }),
  fc.uint8Array({ minLength: 4, maxLength: 1600 }).map((b) => {
    b[0] = 2
    b[1] = b[2] = b[3] = 0
    return b
  }),
)

describe('arbitrary bytes into every decoder yield a value or a ProtocolError', () => {
  for (const [name, decode] of decoders) {
    it(name, () => {
      fc.assert(
        fc.property(bodies, (body) => {
          try {
            decode(body)
          } catch (error) {
            if (!(error instanceof ProtocolError)) throw error
          }
        }),
        { numRuns: 150 },
      )
    })
  }
})
