/**
 * Subscription — 8 bytes, the last block of FullSymbol (offset 3060). Meanings are uncertain.
 *
 * | off | size | type | field    |
 * |----:|-----:|------|----------|
 * |   0 |    4 | u32  | delay    |
 * |   4 |    1 | u8   | status   |
 * |   5 |    1 | u8   | level    |
 * |   6 |    2 | u16  | reserved |
 */
import { defineRecord, type Infer } from '../defineRecord.js'
import { u8, u16, u32 } from '../fields.js'

export const subscriptionSchema = defineRecord('Subscription', {
  /** Quote delay (units not confirmed). */
  delay: u32,
  status: u8,
  level: u8,
  reserved: u16,
})

/** Market-data subscription block of a full symbol. */
export interface SubscriptionRecord extends Infer<typeof subscriptionSchema> {}
