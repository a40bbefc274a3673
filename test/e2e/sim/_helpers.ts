/** Shared helpers of the simulator e2e tests: wire encoders for requests and push decoders. */

import { encodeSymbolIdList } from '../../../src/codec/messages/symbolIdList.js'
import { decodeTradeResultPush } from '../../../src/codec/messages/tradeResultPush.js'
import { accountOpeningFormSchema } from '../../../src/codec/schemas/accountOpeningForm.js'
import { initRequestSchema } from '../../../src/codec/schemas/initRequest.js'
import { type TradeRequestRecord, tradeRequestSchema } from '../../../src/codec/schemas/tradeRequest.js'
import { makeRequest } from '../../../src/sim/engine/request.js'
import type { RawClient, Received } from './_rawClient.js'

export const LOGIN = 10001
export const PASSWORD = 'Demo1234'
export const NETTING_LOGIN = 10002

/** Encodes an official 248-B trade request. */
export function tradeRequest(fields: Partial<TradeRequestRecord>): Uint8Array {
  return tradeRequestSchema.encode(makeRequest(fields))
}

/** Reads a u32 body. */
export function u32Of(body: Uint8Array): number {
  return new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0, true)
}

/** Sends a trade request and waits for its cmd 19; returns the reply, the result and frames in between. */
export async function trade(
  c: RawClient,
  fields: Partial<TradeRequestRecord>,
  payload?: Uint8Array,
): Promise<{ reply: number; result: ReturnType<typeof decodeTradeResultPush>; frames: Received[] }> {
  const from = c.count()
  const actionId = fields.actionId ?? 1000 + from
  const r = await c.request(12, payload ?? tradeRequest({ ...fields, actionId }))
  const reply = u32Of(r.body)
  if (reply !== 0) return { reply, result: undefined as never, frames: [] }
  const push = await c.waitFor((f) => f.command === 19, 3000, from)
  const result = decodeTradeResultPush(push.body)
  return { reply, result, frames: c.frames.slice(from, push.seq + 1) }
}

export function subscribe(ids: number[]): Uint8Array {
  return encodeSymbolIdList(ids)
}

/** A cmd 29 (init) payload: opens a pre-login socket. */
export function init(): Uint8Array {
  return initRequestSchema.encode({ ...initRequestSchema.zero(), cid: new Uint8Array(16) })
}

/** An account-opening form (cmd 27/30/39/40) with a name, an e-mail and a deposit. */
export function openingForm(extra: Partial<ReturnType<typeof accountOpeningFormSchema.zero>> = {}) {
  return {
    ...accountOpeningFormSchema.zero(),
    firstName: 'Ada',
    secondName: 'Lovelace',
    email: 'ada@example.invalid',
    deposit: 5000,
    leverage: 50,
    reservedOne: 1,
    ...extra,
  }
}
