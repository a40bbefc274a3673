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
