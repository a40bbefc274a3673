/**
 * The runtime of one broker inside the simulator: its engine (accounts, matching, feed), its
 * published symbols, its logged-in connections and their subscriptions, password tokens, TOTP
 * secrets and trade faults. It turns engine events and price changes into pushes.
 */
import { randomBytes } from 'node:crypto'
import { encodeAccount } from '../../codec/messages/account.js'
import { encodeBook } from '../../codec/messages/book.js'
import type { NotifyRequest } from '../../codec/messages/notify.js'
import { encodeTickRecords } from '../../codec/messages/ticks.js'
import { encodeTradeResultPush } from '../../codec/messages/tradeResultPush.js'
import { symbolDetailsSchema } from '../../codec/schemas/symbolDetails.js'
import type { TickRecord } from '../../codec/schemas/tick.js'
import type { Clock } from '../engine/clock.js'
import { type BrokerConfig, defineAccount } from '../engine/config.js'
import { createEngine, type Engine, type EngineEvent } from '../engine/engine.js'
import { createBroadcaster } from './broadcast.js'
import type { CommandHandler, SimConnection } from './connection.js'
import { NOT_LOGGED_IN_CODE } from './connection.js'
import { createTradeFaultQueue } from './faults.js'
import { accountHandlers } from './handlers/account.js'
import type { HandlerContext } from './handlers/context.js'
import { marketHandlers } from './handlers/market.js'
import { preLoginHandlers } from './handlers/preLogin.js'
import { sessionHandlers } from './handlers/session.js'
import { tradeHandlers } from './handlers/trade.js'
import { type BrokerLimits, DEFAULT_BROKER_LIMITS } from './limits.js'
import { createLoginThrottle } from './loginThrottle.js'
import { createPasswordTokens } from './passwordTokens.js'
import { groupEvents } from './pushes.js'
import {
  accountBlock,
  bookEntry,
  SIM_SERVER_BUILD,
  type SymbolStats,
  symbolDetails,
  tickRecord,
  type WireSymbol,
} from './wire.js'

/** Commands that need a logged-in session. */
const NEEDS_LOGIN = new Set([3, 4, 5, 6, 7, 9, 11, 12, 18, 20, 22, 24, 34, 42, 44])
/** Commands that need a pre-login (cmd 29) or logged-in session. */
const NEEDS_INIT = new Set([27, 30, 39, 40, 41])

/** Options of {@link createBrokerRuntime}. */
export interface BrokerRuntimeOptions {
  config: BrokerConfig
  clock: Clock
  seed: number
  /** Ms of wall time between two cmd 17 pushes of one symbol to one connection (0 = every tick). */
  detailsIntervalMs: number
  /** Days of M1-spaced tick history generated before the start (for cmd 11), default 3. */
  historyDays: number
  /** Build reported in the account block (default {@link SIM_SERVER_BUILD}). */
  serverBuild?: number
  /** Default {@link DEFAULT_BROKER_LIMITS}. */
  limits?: BrokerLimits
  log(event: string, data: Record<string, unknown>): void
}

/** The runtime of one broker: what its handlers see, plus the connections, the engine and the dispatch. */
export interface BrokerRuntime extends HandlerContext {
  readonly engine: Engine
  readonly connections: Set<SimConnection>
  /** An outage (fault): WebSocket upgrades to this broker are refused with 503 while true. */
  down: boolean
  /** cmd 42 payloads received, newest last. */
  readonly notifications: { login: number; request: NotifyRequest }[]
  /** Invalidates every password token issued to `login`; returns how many there were. */
  revokePasswordTokens(login: number): number
  /** The handler for a command on this connection, with login gating. */
  handler(conn: SimConnection, command: number): CommandHandler | undefined
  /** Pushes engine events (10 then 14 per login) to the logins' connections. */
  dispatch(events: readonly EngineEvent[]): void
  /**
   * Generates the next tick of `symbols` (default all), matches orders, pushes ticks and events.
   * A symbol whose bid and ask did not change gets no tick (as on a real server).
   */
  tick(symbols?: readonly string[]): void
}

/** Creates the runtime of one broker. */
export function createBrokerRuntime(options: BrokerRuntimeOptions): BrokerRuntime {
  const { config, clock } = options
  const engine = createEngine({ broker: config, clock, seed: options.seed })
  const feed = engine.feed
  const symbols: WireSymbol[] = engine.symbols().map((spec, i) => ({ id: i + 1, spec }))
  const byId = new Map(symbols.map((s) => [s.id, s]))
  const byName = new Map(symbols.map((s) => [s.spec.config.name, s]))
  const accounts = new Map(config.accounts.map((a) => [a.login, a]))
  const limits = options.limits ?? DEFAULT_BROKER_LIMITS
  const tokens = createPasswordTokens(limits.maxPasswordTokens)
  let openedAccounts = 0
  const otp = new Map<number, string>()
  const stats = new Map<number, SymbolStats>()
  let transactionId = 0
  let nextLogin = Math.max(10_000, ...config.accounts.map((a) => a.login)) + 1

  const now = clock.now()
  if (options.historyDays > 0) {
    for (const s of symbols)
      feed.backfill(s.spec.config.name, now - options.historyDays * 86_400_000, now, 60_000)
  }
  const track = (id: number, bid: number, ask: number): SymbolStats => {
    let st = stats.get(id)
    if (!st) {
      st = { bidHigh: bid, bidLow: bid, askHigh: ask, askLow: ask, open: bid }
      stats.set(id, st)
    }
    st.bidHigh = Math.max(st.bidHigh, bid)
    st.bidLow = Math.min(st.bidLow, bid)
    st.askHigh = Math.max(st.askHigh, ask)
    st.askLow = Math.min(st.askLow, ask)
    return st
  }
  for (const s of symbols) {
    const q = feed.quote(s.spec.config.name)
    if (q) track(s.id, q.bid, q.ask)
  }

  const { distribute, pushDetails } = createBroadcaster({
    connections: () => rt.connections,
    detailsIntervalMs: options.detailsIntervalMs,
    detailsRecord(symbolId) {
      const s = byId.get(symbolId)
      const q = s && feed.quote(s.spec.config.name)
      const st = stats.get(symbolId)
      return s && q && st
        ? symbolDetailsSchema.encode(
            symbolDetails(symbolId, s.spec.config.digits, q.timeMs, q.bid, q.ask, st),
          )
        : undefined
    },
    pushBooks: (conn, ids) => rt.pushBooks(conn, ids),
  })

  const loggedIn = (login: number): SimConnection[] =>
    [...rt.connections].filter((c) => c.phase === 'loggedIn' && c.login === login)

  const pushAccount = (conn: SimConnection): void => {
    conn.push(14, rt.accountBody(conn.login!, conn.investor))
  }

  const handlers: Record<number, CommandHandler> = {}

  const rt: BrokerRuntime = {
    name: config.name,
    config,
    engine,
    feed,
    clock,
    symbols,
    connections: new Set(),
    tradeFaults: createTradeFaultQueue(),
    limits,
    loginThrottle: createLoginThrottle({
      maxFailures: limits.maxLoginFailures,
      lockoutMs: limits.loginLockoutMs,
    }),
    loginLockoutMs: limits.loginLockoutMs,
    get openedAccounts() {
      return openedAccounts
    },
    requireVerification: false,
    down: false,
    verificationCode: 123456,
    notifications: [],
    symbolById: (id) => byId.get(id),
    symbolByName: (name) => byName.get(name),
    accountConfig: (login) => accounts.get(login),
    issuePasswordToken(login, investor, session) {
      const passwordToken = tokens.issue(login, investor)
      const id = session !== 0n ? session : randomBytes(8).readBigUInt64LE() | 1n
      return { passwordToken, session: id }
    },
    checkPasswordToken: (login, blob) => tokens.check(login, blob),
    revokePasswordTokens: (login) => tokens.revoke(login),
    otpSecret: (login) => otp.get(login),
    setOtpSecret(login, secret) {
      if (secret === undefined) otp.delete(login)
      else otp.set(login, secret)
    },
    accountBody(login, investor = false) {
      const cfg = accounts.get(login)
      if (!cfg) throw new RangeError(`unknown login ${login}`)
      const s = engine.snapshot(login).summary
      return encodeAccount(
        accountBlock(config, cfg, s, symbols, {
          otpStatus: otp.has(login) ? 1 : 0,
          serverBuild: options.serverBuild ?? SIM_SERVER_BUILD,
          investor,
        }),
      )
    },
    positionsAndOrders(login) {
      const snap = engine.snapshot(login)
      return { positions: snap.positions, orders: snap.orders }
    },
    history(login, from, to) {
      const snap = engine.snapshot(login)
      const upper = to > 0 ? to : Number.POSITIVE_INFINITY
      const inRange = (t: number): boolean => t >= from && t <= upper
      return {
        deals: snap.deals.filter((d) => inRange(d.timeCreate)),
        orders: snap.historyOrders.filter((o) => inRange(o.timeDone || o.timeSetup)),
      }
    },
    corporateLinks: () => [
      {
        linkType: 0,
        title: `${config.company} website`,
        url: `https://example.invalid/${encodeURIComponent(config.name)}`,
        flags: 0,
        iconData: new Uint8Array(256),
      },
    ],
    notified(login, request) {
      rt.notifications.push({ login, request })
      rt.log('notify', { login, request: request.layout === 'official' ? request.code : request.message })
    },
    openAccount(form, real) {
      const login = nextLogin++
      openedAccounts += 1
      const cfg = defineAccount({
        login,
        name: `${form.firstName} ${form.secondName}`.trim() || form.fullName || `Demo ${login}`,
        password: `Sim${login}a!`,
        investorPassword: `Inv${login}a!`,
        balance: form.deposit > 0 ? form.deposit : 100_000,
        leverage: form.leverage > 0 ? form.leverage : 100,
        accountType: real ? 0 : 1,
      })
      accounts.set(login, cfg)
      config.accounts.push(cfg)
      engine.addAccount(cfg)
      rt.log('account-opened', { login, real })
      return cfg
    },
    handler(conn, command) {
      const h = handlers[command]
      if (!h) return undefined
      if (NEEDS_LOGIN.has(command) && conn.phase !== 'loggedIn')
        return (c) => c.reply(command, NOT_LOGGED_IN_CODE)
      if (NEEDS_INIT.has(command) && conn.phase !== 'init' && conn.phase !== 'loggedIn') {
        return (c) => c.reply(command, NOT_LOGGED_IN_CODE)
      }
      return h
    },
    trade(login, request, origin, options) {
      const outcome = engine.processRequest(login, request, options)
      rt.log('trade', {
        login,
        actionId: request.actionId,
        action: request.tradeAction,
        symbol: request.tradeSymbol,
        retcode: outcome.result.retcode,
        order: String(outcome.result.tradeOrder),
        deal: String(outcome.result.deal),
      })
      rt.dispatch(outcome.events)
      if (origin) rt.pushResult(origin, request, outcome.result)
      return outcome
    },
    pushResult(conn, request, result) {
      conn.push(
        19,
        encodeTradeResultPush({ status: 0, request, result: { ...result, resTime: result.resTime } }),
      )
    },
    dispatch(events) {
      const groups = groupEvents(events, () => ++transactionId)
      for (const [login, g] of groups) {
        for (const conn of loggedIn(login)) {
          for (const body of g.transactions) conn.push(10, body)
          pushAccount(conn)
        }
      }
    },
    tick(names) {
      const list = names ?? symbols.map((s) => s.spec.config.name)
      const ticks: TickRecord[] = []
      const events: EngineEvent[] = []
      for (const name of list) {
        const s = byName.get(name)
        if (!s) throw new RangeError(`unknown symbol ${name}`)
        const before = feed.quote(name)
        const t = feed.next(name)
        if (t === before) continue // unchanged quote: a real server sends no tick
        track(s.id, t.bid, t.ask)
        ticks.push(tickRecord(s.id, s.spec.config.digits, t.timeMs, t.bid, t.ask))
        events.push(...engine.onTick(name))
      }
      distribute(ticks)
      if (events.length > 0) rt.dispatch(events)
    },
    setPrice(name, bid, ask) {
      const s = byName.get(name)
      if (!s) throw new RangeError(`unknown symbol ${name}`)
      const events = engine.setPrice(name, bid, ask)
      const q = feed.quote(name)!
      track(s.id, q.bid, q.ask)
      distribute([tickRecord(s.id, s.spec.config.digits, q.timeMs, q.bid, q.ask)])
      if (events.length > 0) rt.dispatch(events)
    },
    pushSnapshot(conn, ids) {
      const ticks: TickRecord[] = []
      for (const id of ids) {
        const s = byId.get(id)
        const q = s && feed.quote(s.spec.config.name)
        if (s && q) ticks.push(tickRecord(id, s.spec.config.digits, q.timeMs, q.bid, q.ask))
      }
      if (ticks.length > 0) {
        conn.push(8, encodeTickRecords(ticks))
        pushDetails(conn, ticks, true)
      }
    },
    pushBooks(conn, ids) {
      const entries = []
      for (const id of ids) {
        const s = byId.get(id)
        const q = s && feed.quote(s.spec.config.name)
        if (s && q) entries.push(bookEntry(s, q.timeMs, q.bid, q.ask))
      }
      if (entries.length > 0) conn.push(23, encodeBook(entries))
    },
    log: options.log,
  }

  Object.assign(
    handlers,
    sessionHandlers(rt),
    accountHandlers(rt),
    marketHandlers(rt),
    preLoginHandlers(rt),
    tradeHandlers(rt),
  )
  return rt
}
