/**
 * Session — 4 bytes; Schedule — 896 bytes (FullSymbol offset 2164): 7 days × 16 quote sessions,
 * then 7 days × 16 trade sessions. Day 0 is Sunday. Unused slots are zero.
 *
 * Session:
 *
 * | off | size | type | field |
 * |----:|-----:|------|-------|
 * |   0 |    2 | u16  | open  |  minutes from 00:00
 * |   2 |    2 | u16  | close |  minutes from 00:00 (1440 = 24:00)
 *
 * Schedule:
 *
 * | off | size | type              | field         |
 * |----:|-----:|-------------------|---------------|
 * |   0 |  448 | Session[7][16]    | quoteSessions |
 * | 448 |  448 | Session[7][16]    | tradeSessions |
 */
import { defineRecord, type Infer, record } from '../defineRecord.js'
import { array, u16 } from '../fields.js'

export const sessionSchema = defineRecord('Session', {
  /** Minutes from 00:00 (server time). */
  open: u16,
  /** Minutes from 00:00 (server time); 1440 = end of day. */
  close: u16,
})

/** One quote or trade session of a weekday. */
export interface SessionRecord extends Infer<typeof sessionSchema> {}

export const scheduleSchema = defineRecord('Schedule', {
  /** `[day][slot]`, day 0 = Sunday, 16 slots per day. */
  quoteSessions: array(array(record(sessionSchema), 16), 7),
  /** `[day][slot]`, day 0 = Sunday, 16 slots per day. */
  tradeSessions: array(array(record(sessionSchema), 16), 7),
})

/** Weekly quote and trade sessions of a symbol. */
export interface ScheduleRecord extends Infer<typeof scheduleSchema> {}
