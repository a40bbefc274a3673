/**
 * Account commands (logged in): account (3), positions and orders (4), history (5) in a time
 * range, change password (24, i32 result) and notify (42, official u32 code or pymt5 text).
 */
import {
  decodeChangePasswordRequest,
  encodeChangePasswordReply,
} from '../../../codec/messages/changePassword.js'
import { decodeHistoryRequest, encodeHistory } from '../../../codec/messages/history.js'
import { decodeNotifyRequest } from '../../../codec/messages/notify.js'
import { encodePositionsAndOrders } from '../../../codec/messages/positionsAndOrders.js'
import type { CommandHandler } from '../connection.js'
import { passwordMatches } from '../wirePassword.js'
import type { HandlerContext } from './context.js'

/** cmd 24 results: 0 changed; non-zero → the client shows "current password is incorrect". */
export const ChangePasswordResult = { Ok: 0, WrongPassword: 2005, Invalid: 2001 } as const

/** Builds the account handlers of one broker (the connection is logged in when they run). */
export function accountHandlers(broker: HandlerContext): Record<number, CommandHandler> {
  const account: CommandHandler = (conn) => {
    conn.reply(3, 0, broker.accountBody(conn.login!, conn.investor))
  }

  const positions: CommandHandler = (conn) => {
    conn.reply(4, 0, encodePositionsAndOrders(broker.positionsAndOrders(conn.login!)))
  }

  const history: CommandHandler = (conn, payload) => {
    const { from, to } = decodeHistoryRequest(payload)
    conn.reply(5, 0, encodeHistory(broker.history(conn.login!, from, to)))
  }

  const changePassword: CommandHandler = (conn, payload) => {
    const req = decodeChangePasswordRequest(payload)
    const cfg = broker.accountConfig(conn.login!)!
    const investor = req.isInvestor !== 0
    const current = investor ? cfg.investorPassword : cfg.password
    let result: number = ChangePasswordResult.Ok
    if (conn.investor || !passwordMatches(req.oldPassword, current))
      result = ChangePasswordResult.WrongPassword
    else if (req.newPassword.length < 8) result = ChangePasswordResult.Invalid
    if (result === ChangePasswordResult.Ok) {
      if (investor) cfg.investorPassword = req.newPassword
      else cfg.password = req.newPassword
      broker.log('password-changed', { login: conn.login, investor })
    }
    conn.reply(24, 0, encodeChangePasswordReply(result))
  }

  const notify: CommandHandler = (conn, payload) => {
    const req = decodeNotifyRequest(payload)
    broker.notified(conn.login!, req)
    conn.reply(42, 0)
  }

  return { 3: account, 4: positions, 5: history, 24: changePassword, 42: notify }
}
