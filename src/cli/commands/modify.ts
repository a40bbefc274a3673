/**
 * `mt5web modify TICKET [--price P] [--trigger P] [--sl P] [--tp P] [--expiration TIME]`: changes a
 * pending order or a position's SL/TP; which one is found from the ticket.
 */
import { OrderTime } from '../../enums.js'
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { formatLots, orderTypeName, positionTypeName } from '../format.js'
import { runTrade } from '../tradeOutcome.js'
import { UsageError } from '../usageError.js'
import { parseNonNegative, parsePositive, parseTicket, parseTime } from '../values.js'

/** The requested changes. */
export interface ModifyPlan {
  ticket: bigint
  price?: number | undefined
  /** Stop-limit orders: the new limit price (sent as the trigger). */
  trigger?: number | undefined
  sl?: number | undefined
  tp?: number | undefined
  expiration?: Date | undefined
}

/** Validates the arguments. @throws UsageError */
export function parseModifyPlan(
  positionals: readonly string[],
  values: Readonly<Record<string, string | boolean | undefined>>,
): ModifyPlan {
  const num = (name: string, parse: (t: string, n: string) => number): number | undefined => {
    const text = stringOption(values, name)
    return text === undefined ? undefined : parse(text, `--${name}`)
  }
  const expirationText = stringOption(values, 'expiration')
  const plan: ModifyPlan = {
    ticket: parseTicket(positionals[0]!),
    price: num('price', parsePositive),
    trigger: num('trigger', parsePositive),
    sl: num('sl', parseNonNegative),
    tp: num('tp', parseNonNegative),
    expiration: expirationText === undefined ? undefined : parseTime(expirationText, '--expiration'),
  }
  if (
    plan.price === undefined &&
    plan.trigger === undefined &&
    plan.sl === undefined &&
    plan.tp === undefined &&
    plan.expiration === undefined
  )
    throw new UsageError('nothing to change: give --price, --trigger, --sl, --tp or --expiration')
  return plan
}

function changes(plan: ModifyPlan): string {
  const parts: string[] = []
  if (plan.price !== undefined) parts.push(`price ${plan.price}`)
  if (plan.trigger !== undefined) parts.push(`limit ${plan.trigger}`)
  if (plan.sl !== undefined) parts.push(plan.sl === 0 ? 'remove sl' : `sl ${plan.sl}`)
  if (plan.tp !== undefined) parts.push(plan.tp === 0 ? 'remove tp' : `tp ${plan.tp}`)
  if (plan.expiration !== undefined) parts.push(`expires ${plan.expiration.toISOString()}`)
  return parts.join(', ')
}

export const modifyCommand: Command = {
  name: 'modify',
  summary: 'change a pending order (price, limit, SL/TP, expiration) or a position (SL/TP)',
  usage: 'modify TICKET [--price P] [--trigger P] [--sl P] [--tp P] [--expiration TIME] [--yes]',
  details:
    'TICKET may be a pending order or an open position. For a stop-limit order --price is the activation (stop)\nprice and --trigger the limit price. An SL/TP of 0 removes it. Omitted SL/TP of an order move with its price.',
  options: {
    price: { type: 'string', valueName: 'P', description: 'order price (stop-limit: the activation price)' },
    trigger: { type: 'string', valueName: 'P', description: 'stop-limit orders: the limit price' },
    sl: { type: 'string', valueName: 'P', description: 'stop loss (0 removes it)' },
    tp: { type: 'string', valueName: 'P', description: 'take profit (0 removes it)' },
    expiration: {
      type: 'string',
      valueName: 'TIME',
      description: 'orders: expire at TIME (ISO or Unix seconds)',
    },
  },
  positionals: { min: 1, max: 1 },
  trades: true,
  prepare: ({ positionals, values }) => {
    const plan = parseModifyPlan(positionals, values)
    return async (ctx) => {
      const { client } = ctx
      const [orders, positions] = await Promise.all([client.orders(), client.positions()])
      const order = orders.find((o) => o.ticket === plan.ticket)
      if (order !== undefined) {
        const question = `Modify order #${order.ticket} (${orderTypeName(order.type)} ${formatLots(order.volumeCurrent)} ${order.symbol}): ${changes(plan)}`
        return runTrade(ctx, question, () =>
          client.modifyPendingOrder({
            ticket: plan.ticket,
            price: plan.price,
            stopLimit: plan.trigger,
            sl: plan.sl,
            tp: plan.tp,
            ...(plan.expiration === undefined
              ? {}
              : { timeType: OrderTime.Specified, expiration: plan.expiration }),
          }),
        )
      }
      const position = positions.find((p) => p.ticket === plan.ticket)
      if (position !== undefined) {
        if (plan.price !== undefined || plan.trigger !== undefined || plan.expiration !== undefined) {
          ctx.io.stderr.write(`mt5web: #${plan.ticket} is a position: only --sl and --tp can change\n`)
          return ExitCode.Usage
        }
        const question = `Modify position #${position.ticket} (${positionTypeName(position.type)} ${formatLots(position.volume)} ${position.symbol}): ${changes(plan)}`
        return runTrade(ctx, question, () =>
          client.modifyPositionSltp({ ticket: plan.ticket, sl: plan.sl, tp: plan.tp }),
        )
      }
      ctx.io.stderr.write(`mt5web: no open order or position #${plan.ticket}\n`)
      return ExitCode.Failure
    }
  },
}
