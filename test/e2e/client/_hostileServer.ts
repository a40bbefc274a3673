/**
 * A hostile (or broken) MT5 server for client end-to-end tests: the loopback `ws` server of the
 * transport tests (real sockets, real bootstrap and cipher) that logs any account in, answers
 * pings, logout, the book subscription and the plain symbol list (one symbol, `HOSTILE`, id 7,
 * 5 digits), and lets the test answer cmd 34 and push any frame it likes.
 */
import { encodeLoginResponse } from '../../../src/codec/messages/login.js'
import { encodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { symbolBasicSchema } from '../../../src/codec/schemas/symbolBasic.js'
import { Command } from '../../../src/protocol/commands.js'
import { LoopbackServer, type Peer } from '../../unit/transport/loopbackServer.js'

export const HOSTILE_SYMBOL = { tradeSymbol: 'HOSTILE', symbolId: 7, digits: 5 }

/** Starts the server; `symbolsCompressed` is the body of the cmd 34 reply (default: refused). */
export async function startHostileServer(
  options: { symbolsCompressed?: () => Uint8Array } = {},
): Promise<LoopbackServer> {
  const symbols = encodeSymbolList([{ ...symbolBasicSchema.zero(), ...HOSTILE_SYMBOL }])
  return new LoopbackServer({
    onRequest(peer: Peer, command: number) {
      switch (command) {
        case Command.login:
          peer.reply(command, 0, encodeLoginResponse({ passwordToken: new Uint8Array(160), session: 1n }))
          break
        case Command.symbolsCompressed: {
          const body = options.symbolsCompressed?.()
          if (body) peer.reply(command, 0, body)
          else peer.reply(command, 1)
          break
        }
        case Command.symbols:
          peer.reply(command, 0, symbols)
          break
        default:
          peer.reply(command, 0)
      }
    },
  }).start()
}
