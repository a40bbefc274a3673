/**
 * Command ids (docs/architecture.md#commands) and the official client's allow-list
 * (docs/architecture.md#requests-and-replies): the official
 * transport refuses to send an id outside the list (client code 102).
 */

/** Command ids by protocol name. */
export const Command = {
  bootstrap: 0,
  logout: 2,
  account: 3,
  positionsAndOrders: 4,
  history: 5,
  symbols: 6,
  subscribeTicks: 7,
  ticks: 8,
  symbolGroups: 9,
  tradeTransaction: 10,
  rates: 11,
  tradeRequest: 12,
  symbolUpdate: 13,
  accountUpdate: 14,
  connectionState: 15,
  symbolDetails: 17,
  fullSymbols: 18,
  tradeResult: 19,
  spreads: 20,
  subscribeBook: 22,
  book: 23,
  changePassword: 24,
  requestVerification: 27,
  login: 28,
  init: 29,
  openDemo: 30,
  symbolsCompressed: 34,
  openReal: 39,
  submitVerification: 40,
  traderParams: 41,
  notify: 42,
  otpSetup: 43,
  corporateLinks: 44,
  ping: 51,
  reserved52: 52,
} as const

/** One of the named command ids. */
export type CommandId = (typeof Command)[keyof typeof Command]

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** The official allow-list: 0, 2–15, 17–25, 27–30, 33, 34, 37, 39–44, 50–52, 100–112. */
export const ALLOWED_COMMANDS: ReadonlySet<number> = new Set([
  0,
  ...range(2, 15),
  ...range(17, 25),
  ...range(27, 30),
  33,
  34,
  37,
  ...range(39, 44),
  ...range(50, 52),
  ...range(100, 112),
])

/** True when the official client would send `command`. */
export function isAllowedCommand(command: number): boolean {
  return ALLOWED_COMMANDS.has(command)
}
