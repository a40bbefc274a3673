/**
 * The user-facing trade request: every field of the official 248-byte request, in user units
 * (lots, prices, `bigint` tickets, expiration as Unix seconds or a `Date`), validated with zod.
 *
 * There is NO magic / expert field: the web trade request cannot carry one (`typeReason` is always
 * 0 in official requests). Tag orders through `comment`; read `magic` from orders and positions.
 */
import { z } from 'zod'

/** A trade request in user units. Omitted fields are 0 / empty on the wire unless a helper fills them. */
export interface TradeRequestParameters {
  /** `TradeAction` (1–4 market, 5 pending, 6 SL/TP, 7 modify, 8 remove, 10 close-by). */
  action: number
  /** Symbol name (≤ 32 characters). */
  symbol?: string | undefined
  /** Lots. Converted exactly to lots × 10^8. */
  volume?: number | undefined
  /** Price digits; default: the symbol's. */
  digits?: number | undefined
  /** Order ticket (modify / remove). */
  order?: bigint | undefined
  /** `OrderType`. */
  type?: number | undefined
  /** `OrderFilling`; default chosen from the symbol's execution mode and filling flags. */
  filling?: number | undefined
  /** `OrderTime`: 0 GTC, 1 DAY, 2 SPECIFIED, 3 SPECIFIED_DAY. */
  timeType?: number | undefined
  /** `typeFlags`; default: 2 for opening/pending, 3 for closing, 0 otherwise. Bits 256/512 are cleared. */
  flags?: number | undefined
  /** Price (stop-limit: the activation/stop price). */
  price?: number | undefined
  /** Stop-limit: the limit price placed when `price` is reached (official role). */
  stopLimit?: number | undefined
  sl?: number | undefined
  tp?: number | undefined
  /** Maximum deviation in points. */
  deviation?: number | undefined
  /** Comment, at most 32 characters. */
  comment?: string | undefined
  /** Position ticket (close, SL/TP, close-by). */
  position?: bigint | undefined
  /** Opposite position (close-by). */
  positionBy?: bigint | undefined
  /** Expiration for SPECIFIED / SPECIFIED_DAY: Unix seconds or a Date. */
  expiration?: number | Date | undefined
}

const price = z.number().gte(-1e9).lte(1e9)
const ticket = z.bigint().nonnegative().lte(0xffff_ffff_ffff_ffffn)
const u32 = z.number().int().nonnegative().lte(0xffff_ffff)

/** zod schema of {@link TradeRequestParameters}. */
export const tradeRequestParametersSchema = z
  .object({
    action: z.union([
      z.literal(0),
      z.literal(1),
      z.literal(2),
      z.literal(3),
      z.literal(4),
      z.literal(5),
      z.literal(6),
      z.literal(7),
      z.literal(8),
      z.literal(10),
    ]),
    symbol: z.string().max(32).optional(),
    volume: z.number().nonnegative().lte(1e10).optional(),
    digits: z.number().int().min(0).max(16).optional(),
    order: ticket.optional(),
    type: z.number().int().min(0).max(8).optional(),
    filling: z.number().int().min(0).max(3).optional(),
    timeType: z.number().int().min(0).max(3).optional(),
    flags: u32.optional(),
    price: price.optional(),
    stopLimit: price.optional(),
    sl: price.optional(),
    tp: price.optional(),
    deviation: u32.optional(),
    comment: z.string().max(32, 'comment must be at most 32 characters').optional(),
    position: ticket.optional(),
    positionBy: ticket.optional(),
    expiration: z.union([z.number().int().min(0).lte(0x7fff_ffff), z.date()]).optional(),
  })
  .strict() satisfies z.ZodType<TradeRequestParameters>

const ACTIONS: ReadonlySet<unknown> = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 10])
const isInt = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
const isPrice = (v: unknown): boolean => typeof v === 'number' && v >= -1e9 && v <= 1e9
const isTicket = (v: unknown): boolean => typeof v === 'bigint' && v >= 0n && v <= 0xffff_ffff_ffff_ffffn
const isName = (v: unknown): boolean => typeof v === 'string' && v.length <= 32
const isU32 = (v: unknown): boolean => isInt(v, 0, 0xffff_ffff)

/** The fast check of each field; `undefined` passes (every field but `action` is optional). */
const fieldChecks: Readonly<Record<keyof TradeRequestParameters, (v: unknown) => boolean>> = {
  action: (v) => ACTIONS.has(v),
  symbol: isName,
  volume: (v) => typeof v === 'number' && v >= 0 && v <= 1e10,
  digits: (v) => isInt(v, 0, 16),
  order: isTicket,
  type: (v) => isInt(v, 0, 8),
  filling: (v) => isInt(v, 0, 3),
  timeType: (v) => isInt(v, 0, 3),
  flags: isU32,
  price: isPrice,
  stopLimit: isPrice,
  sl: isPrice,
  tp: isPrice,
  deviation: isU32,
  comment: isName,
  position: isTicket,
  positionBy: isTicket,
  // a Date goes the long way (zod also refuses an invalid one)
  expiration: (v) => isInt(v, 0, 0x7fff_ffff),
}

/**
 * True when `request` certainly passes {@link tradeRequestParametersSchema}: a hand-written check of
 * the same rules, about a hundred times cheaper than zod, run on every trade request (a copier sends
 * one per target on its hot path). It may say false for a valid request (a `Date` expiration):
 * callers then run zod, which also gives the error of an invalid one. Comparisons of `NaN` are
 * false, so NaN and out-of-range values fail here as they do in zod.
 */
export function certainlyValidTradeRequest(request: unknown): boolean {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return false
  const proto: unknown = Object.getPrototypeOf(request)
  if (proto !== Object.prototype && proto !== null) return false
  const fields = request as Record<string, unknown>
  if (fields.action === undefined) return false
  for (const key in fields) {
    if (!Object.hasOwn(fieldChecks, key)) return false
    const value = fields[key]
    if (value !== undefined && !fieldChecks[key as keyof TradeRequestParameters](value)) return false
  }
  return true
}

/** Options of a trade call. */
export interface TradeOptions {
  /** Resolve with a failed result instead of raising `TradeError` (default true = raise). */
  throwOnFailure?: boolean
  /** Run the official local checks before sending (default true). */
  localChecks?: boolean
  /** Time to wait for the cmd 12 reply and then for the cmd 19 result (default: the client's timeoutMs, 30 s). */
  timeoutMs?: number
  signal?: AbortSignal
}
