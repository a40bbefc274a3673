/**
 * The common end of every trade command: confirm, send, print the retcode and its meaning.
 */
import { retcodeDescription } from '../enums.js'
import { TradeError } from '../errors.js'
import type { TradeResult } from '../model/types.js'
import type { CommandContext } from './command.js'
import { rejection } from './errorLine.js'
import { ExitCode } from './exitCodes.js'
import { formatLots, toJson } from './format.js'

/** `retcode 10009 Request completed: order #5, deal #7, 0.1 lots at 1.08012`. */
export function formatTradeResult(result: TradeResult): string {
  const parts: string[] = []
  if (result.order !== 0n) parts.push(`order #${result.order}`)
  if (result.deal !== 0n) parts.push(`deal #${result.deal}`)
  if (result.volume > 0)
    parts.push(
      result.price > 0
        ? `${formatLots(result.volume)} lots at ${result.price}`
        : `${formatLots(result.volume)} lots`,
    )
  if (result.comment !== '') parts.push(`comment "${result.comment}"`)
  const meaning = result.description || retcodeDescription(result.retcode)
  return `retcode ${result.retcode} ${meaning}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`
}

/** Asks for confirmation, sends, prints the outcome; exit 0 only when the server accepted. */
export async function runTrade(
  ctx: CommandContext,
  question: string,
  send: () => Promise<TradeResult>,
): Promise<number> {
  if (!(await ctx.confirm(question))) {
    ctx.io.stderr.write('mt5web: cancelled, nothing was sent\n')
    return ExitCode.Failure
  }
  let result: TradeResult
  try {
    result = await send()
  } catch (error) {
    if (!(error instanceof TradeError)) throw error
    const description = retcodeDescription(error.retcode)
    const reason = error.result?.comment ?? ''
    if (ctx.json) ctx.io.stdout.write(toJson({ ok: false, retcode: error.retcode, description, reason }))
    ctx.io.stderr.write(`mt5web: trade rejected: ${rejection(error)}\n`)
    return ExitCode.Failure
  }
  if (ctx.json) ctx.io.stdout.write(toJson(result))
  else ctx.io.stdout.write(`${formatTradeResult(result)}\n`)
  if (!result.ok) {
    if (ctx.json) ctx.io.stderr.write(`mt5web: trade rejected: ${formatTradeResult(result)}\n`)
    return ExitCode.Failure
  }
  return ExitCode.Ok
}
