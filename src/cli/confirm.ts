/**
 * Confirmation of trade commands: `--yes` accepts; otherwise a human must answer `y` on a terminal;
 * with no terminal the command is refused before anything is sent.
 */

/** What to do before a trade. */
export type ConfirmMode = 'skip' | 'ask' | 'refuse'

/** `--yes` → skip the question; a terminal → ask; neither → refuse. */
export function confirmMode(options: { yes: boolean; interactive: boolean }): ConfirmMode {
  if (options.yes) return 'skip'
  return options.interactive ? 'ask' : 'refuse'
}

/** The message printed when a trade is refused for lack of a terminal. */
export const REFUSE_MESSAGE =
  'refusing to trade without confirmation: no terminal to ask on; pass --yes to confirm non-interactively'

/** True for `y` / `yes` (any case, surrounding spaces ignored); anything else, empty included, is no. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer)
}

/** Asks `question [y/N]` through `prompt` unless the mode skips it. */
export async function confirm(
  mode: ConfirmMode,
  question: string,
  prompt: (text: string) => Promise<string>,
): Promise<boolean> {
  if (mode === 'skip') return true
  if (mode === 'refuse') return false
  return isYes(await prompt(`${question}? [y/N] `))
}
