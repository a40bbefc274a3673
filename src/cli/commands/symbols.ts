/** `mt5web symbols [--filter MASK]`: the symbol list. */
import type { SymbolInfo } from '../../model/types.js'
import { matchesGroupMask } from '../../tradeRules/masks.js'
import { stringOption } from '../args.js'
import type { Command } from '../command.js'
import { ExitCode } from '../exitCodes.js'
import { table, toJson } from '../format.js'

/** The human view of a symbol list. */
export function formatSymbols(symbols: readonly SymbolInfo[]): string {
  return table(
    [
      { header: 'SYMBOL', value: (s) => s.name },
      { header: 'DIGITS', align: 'right', value: (s) => String(s.digits) },
      { header: 'DESCRIPTION', value: (s) => s.description },
      { header: 'PATH', value: (s) => s.path },
    ],
    symbols,
    '(no symbols)',
  )
}

/** Symbols whose name matches the mask (`*`, `?`, `[…]`, comma-separated, `!` excludes). */
export function filterSymbols(symbols: readonly SymbolInfo[], mask: string | undefined): SymbolInfo[] {
  return mask === undefined ? [...symbols] : symbols.filter((s) => matchesGroupMask(mask, s.name))
}

export const symbolsCommand: Command = {
  name: 'symbols',
  summary: 'list symbols, optionally filtered by a mask',
  usage: 'symbols [--filter MASK] [--json]',
  details:
    'MASK: * and ? wildcards, [..] classes, comma-separated patterns, !pattern excludes (e.g. "EUR*,!*JPY"). Case-sensitive.',
  options: { filter: { type: 'string', valueName: 'MASK', description: 'only names matching MASK' } },
  positionals: { min: 0, max: 0 },
  prepare: ({ values }) => {
    const mask = stringOption(values, 'filter')
    return async (ctx) => {
      const symbols = filterSymbols(await ctx.client.symbols(), mask)
      ctx.io.stdout.write(ctx.json ? toJson(symbols) : formatSymbols(symbols))
      return ExitCode.Ok
    }
  },
}
