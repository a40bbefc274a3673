/** Every subcommand, in the order `mt5web --help` lists them. */
import type { Command } from './command.js'
import { accountCommand } from './commands/account.js'
import { bookCommand } from './commands/book.js'
import { buyCommand } from './commands/buy.js'
import { cancelCommand } from './commands/cancel.js'
import { closeCommand } from './commands/close.js'
import { historyCommand } from './commands/history.js'
import { modifyCommand } from './commands/modify.js'
import { ordersCommand } from './commands/orders.js'
import { positionsCommand } from './commands/positions.js'
import { ratesCommand } from './commands/rates.js'
import { sellCommand } from './commands/sell.js'
import { symbolCommand } from './commands/symbol.js'
import { symbolsCommand } from './commands/symbols.js'
import { ticksCommand } from './commands/ticks.js'

export const commands: readonly Command[] = [
  accountCommand,
  symbolsCommand,
  symbolCommand,
  ratesCommand,
  ticksCommand,
  bookCommand,
  positionsCommand,
  ordersCommand,
  historyCommand,
  buyCommand,
  sellCommand,
  modifyCommand,
  cancelCommand,
  closeCommand,
]
