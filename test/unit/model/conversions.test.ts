import { describe, expect, it } from 'vitest'
import { decodeAccount } from '../../../src/codec/messages/account.js'
import { dealSchema } from '../../../src/codec/schemas/deal.js'
import { orderSchema } from '../../../src/codec/schemas/order.js'
import { positionSchema } from '../../../src/codec/schemas/position.js'
import { tradeResultSchema } from '../../../src/codec/schemas/tradeResult.js'
import { volumeToLots } from '../../../src/model/lots.js'
import { applyBalanceTail, toAccountSummary } from '../../../src/model/toAccountSummary.js'
import { toDeal } from '../../../src/model/toDeal.js'
import { toOrder } from '../../../src/model/toOrder.js'
import { toPosition } from '../../../src/model/toPosition.js'
import { toTradeResult } from '../../../src/model/toTradeResult.js'
import { loadProtocolJson } from '../../helpers/vectors.js'

interface Case {
  id: string
  values: Record<string, unknown>
  hex: string
}

function officialCase(record: string, id: string): { values: Record<string, unknown>; bytes: Uint8Array } {
  const file = loadProtocolJson<{ cases: Case[] }>(`vectors-official/${record}.json`)
  const found = file.cases.find((c) => c.id === id)
  if (!found) throw new Error(`no case ${id} in ${record}`)
  return { values: found.values, bytes: Uint8Array.from(Buffer.from(found.hex, 'hex')) }
}

describe('record → domain conversions (official golden vectors)', () => {
  it('toPosition: ms times, exact lots, magic from expert, swap from storage', () => {
    const { values: v, bytes } = officialCase('position', 'typical')
    const p = toPosition(positionSchema.decodeBytes(bytes))
    expect(p.ticket).toBe(BigInt(v.position_id as string))
    expect(p.order).toBe(BigInt(v.trade_order as string))
    expect(p.volume).toBe(1)
    expect(p.magic).toBe(1000016n)
    expect(p.swap).toBe(1015.5)
    expect(p.timeCreateMs).toBe(1700000002 * 1000 + 250)
    expect(p.timeUpdateMs).toBe((v.time_update as number) * 1000 + (v.time_update_ms_part as number))
    expect(p.symbol).toBe(v.trade_symbol)
    expect(p.priceCurrent).toBe(v.price_close)
    expect(p.externalId).toBe(v.external_id)
  })

  it('toDeal: fee from commissionFee, price from priceOpen', () => {
    const { values: v, bytes } = officialCase('deal', 'typical')
    const d = toDeal(dealSchema.decodeBytes(bytes))
    expect(d.ticket).toBe(BigInt(v.deal as string))
    expect(d.fee).toBe(1027.5)
    expect(d.swap).toBe(1017.5)
    expect(d.magic).toBe(1000018n)
    expect(d.volume).toBe(1)
    expect(d.price).toBe(v.price_open)
    expect(d.timeMs).toBe(1700000003 * 1000 + 250)
    expect(d.externalId).toBe(v.deal_id)
  })

  it('toOrder: expiration without ms part, lots, magic', () => {
    const { values: v, bytes } = officialCase('order', 'typical')
    const o = toOrder(orderSchema.decodeBytes(bytes))
    expect(o.ticket).toBe(BigInt(v.trade_order as string))
    expect(o.volumeInitial).toBe(1)
    expect(o.magic).toBe(1000018n)
    expect(o.timeSetupMs).toBe(1700000003 * 1000 + 250)
    expect(o.timeExpirationMs).toBe(1700000004 * 1000)
    expect(o.sl).toBe(v.price_sl)
    expect(o.externalId).toBe(v.order_id)
  })

  it('extreme volumes never throw', () => {
    for (const id of ['zero', 'max', 'min', 'mixed', 'precision']) {
      expect(() => toPosition(positionSchema.decodeBytes(officialCase('position', id).bytes))).not.toThrow()
      expect(() => toOrder(orderSchema.decodeBytes(officialCase('order', id).bytes))).not.toThrow()
      expect(() => toDeal(dealSchema.decodeBytes(officialCase('deal', id).bytes))).not.toThrow()
    }
    expect(volumeToLots(7_000_000n)).toBe(0.07)
    expect(volumeToLots(1n)).toBe(1e-8)
    expect(volumeToLots(-5n)).toBe(0)
    expect(volumeToLots(123_456_789_000_000n)).toBe(1_234_567.89)
  })

  it('toTradeResult: requestId, ok from the official success set, description', () => {
    const result = {
      ...tradeResultSchema.zero(),
      retcode: 10009,
      volume: 25_000_000n,
      deal: 5n,
      tradeOrder: 6n,
      price: 1.1,
    }
    expect(toTradeResult(result, 1001)).toMatchObject({
      retcode: 10009,
      ok: true,
      volume: 0.25,
      deal: 5n,
      order: 6n,
      requestId: 1001,
      price: 1.1,
    })
    const rejected = toTradeResult({ ...result, retcode: 10019 }, 7)
    expect(rejected.ok).toBe(false)
    expect(rejected.description).not.toMatch(/unknown/)
  })

  it('toAccountSummary: derived flags, equity, offset; balance tail', () => {
    const file = loadProtocolJson<{ cases: Case[] }>('vectors-official/cmd3_account.json')
    const c = file.cases[0]
    if (!c) throw new Error('no cmd3 case')
    const block = decodeAccount(Uint8Array.from(Buffer.from(c.hex, 'hex')))
    const s = toAccountSummary(block, { login: 42n, margin: 100 })
    const m = block.main
    expect(s.login).toBe(42n)
    expect(s.balance).toBe(m.balance)
    expect(s.equity).toBe(m.balance + m.credit + m.accProfit)
    expect(s.marginFree).toBe(s.equity - 100)
    expect(s.serverOffsetSeconds).toBe(m.timezoneShift + 3600 * m.daylightmode)
    expect(s.investor).toBe((m.rights & 8) !== 0)
    expect(s.hedging).toBe(m.marginMode === 2)
    const t = applyBalanceTail(s, { balance: 1000, credit: 10, profit: -5 })
    expect(t).toMatchObject({ balance: 1000, credit: 10, profit: -5, equity: 1005, marginFree: 905 })
    expect(t.marginLevel).toBeCloseTo(1005, 9)
  })
})
