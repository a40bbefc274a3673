// Trading against a real broker, only with MT5_LIVE_TRADE=1 AND a demo account: a buy limit far below
// the market (it cannot fill) is placed, found and cancelled. On a closed market the server's
// "market closed" refusal is the expected outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountType, type Mt5Client, TradeError, TradeRetcode, unitsToLots } from '../../src/index.js'
import { connectLive, live } from './_env.js'

const tradeEnv = live?.trade ? live : undefined
if (live && !tradeEnv) console.warn('live trading tests skipped: MT5_LIVE_TRADE is not 1')

describe.runIf(tradeEnv)('live broker, trading on a demo account', () => {
  let client: Mt5Client
  const env = tradeEnv!

  beforeAll(async () => {
    client = await connectLive(env)
    const account = await client.accountInfo()
    // never trade on a real account, whatever the variables say
    if (account.type !== AccountType.Demo) {
      await client.close()
      throw new Error(
        `MT5_LIVE_TRADE=1 but account ${account.login} is not a demo account (type ${account.type})`,
      )
    }
  })
  afterAll(async () => {
    await client?.close()
  })

  it('places a far buy limit, sees it among the orders and cancels it', async () => {
    const info = await client.fullSymbolInfo(env.symbol)
    const to = new Date()
    const bars = await client.rates(env.symbol, 'H1', new Date(to.getTime() - 7 * 86_400_000), to)
    const close = bars.at(-1)?.close
    expect(close).toBeGreaterThan(0)
    const price = Math.round(((close ?? 0) * 0.7) / info.tickSize) * info.tickSize
    const volume = unitsToLots(info.trade.volumeMin)
    let placed: bigint
    try {
      const result = await client.buyLimit({ symbol: env.symbol, volume, price, comment: 'mt5web live test' })
      placed = result.order
    } catch (error) {
      expect(error).toBeInstanceOf(TradeError)
      expect((error as TradeError).retcode).toBe(TradeRetcode.MarketClosed)
      return
    }
    expect(placed).toBeGreaterThan(0n)
    const orders = await client.orders()
    expect(orders.map((o) => o.ticket)).toContain(placed)
    await client.cancelPendingOrder({ ticket: placed })
    const after = await client.orders()
    expect(after.map((o) => o.ticket)).not.toContain(placed)
  })
})
