/**
 * TxHeader — 12 bytes, starts every cmd 10 record (official layout).
 *
 * | off | size | type | field           |
 * |----:|-----:|------|-----------------|
 * |   0 |    4 | u32  | flagMask        |  0 open order, 1 history order, 2 deal/position/balance
 * |   4 |    4 | u32  | transactionId   |
 * |   8 |    4 | u32  | transactionType |  0 add, 1 update, 2 delete
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u32 } from '../fields.js'

export const tradeTransactionHeaderSchema = defineRecord('TradeTransactionHeader', {
  /** 0 open order, 1 history order, 2 deal / position / balance. */
  flagMask: u32,
  transactionId: u32,
  /** 0 add, 1 update, 2 delete. */
  transactionType: u32,
})

/** A cmd 10 record header exactly as on the wire. */
export interface TradeTransactionHeaderRecord extends Infer<typeof tradeTransactionHeaderSchema> {}
