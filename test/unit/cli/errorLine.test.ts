import { describe, expect, it } from 'vitest'
import { errorReport, redact } from '../../../src/cli/errorLine.js'
import { UsageError } from '../../../src/cli/usageError.js'
import {
  MT5ConnectionError,
  MT5TimeoutError,
  ServerError,
  SymbolNotFoundError,
  TradeError,
} from '../../../src/errors.js'
import { tradeResultFromRetcode } from '../../../src/model/toTradeResult.js'

describe('errorReport', () => {
  it('usage errors exit 2, everything else 1', () => {
    expect(errorReport(new UsageError('bad')).exitCode).toBe(2)
    expect(errorReport(new Error('x')).exitCode).toBe(1)
  })

  it('one line, prefixed, no stack', () => {
    const { line } = errorReport(new Error('first\nsecond'))
    expect(line).toBe('mt5web: first second')
    expect(line).not.toContain('at ')
  })

  it('names the server and the root cause of a connection failure', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })
    const { line, exitCode } = errorReport(new MT5ConnectionError('socket closed', { cause }), {
      server: 'ws://127.0.0.1:1/',
    })
    expect(line).toBe('mt5web: cannot connect to ws://127.0.0.1:1/: connect ECONNREFUSED 127.0.0.1:1')
    expect(exitCode).toBe(1)
  })

  it('keeps the login failure message and explains retcodes', () => {
    expect(
      errorReport(new ServerError(1, 3, 'login failed: invalid account or password (code 3)')).line,
    ).toBe('mt5web: login failed: invalid account or password (code 3)')
    expect(errorReport(new TradeError(10018, 'x')).line).toMatch(/^mt5web: trade rejected: retcode 10018 \S/)
  })

  it('redacts the password', () => {
    expect(errorReport(new Error('oops s3cret!')).line).toContain('s3cret!')
    expect(errorReport(new Error('oops s3cret!'), { password: 's3cret!' }).line).toBe('mt5web: oops ***')
    expect(redact('ab', 'a')).toBe('ab')
  })

  const server = 'ws://127.0.0.1:9/'
  const bootstrapTimeout = () =>
    new MT5ConnectionError('bootstrap not completed within 1500 ms', {
      cause: new MT5TimeoutError(0, 1500),
    })

  it('says whether the WebSocket handshake completed, never an internal code', () => {
    const none = errorReport(bootstrapTimeout(), { server, handshake: false }).line
    expect(none).toBe(
      'mt5web: cannot connect to ws://127.0.0.1:9/: the server accepted the connection but did not complete the WebSocket handshake within 1500 ms (is this the address of a Web Terminal?)',
    )
    const opened = errorReport(bootstrapTimeout(), { server, handshake: true }).line
    expect(opened).toMatch(
      /the WebSocket opened but the server did not answer the Web Terminal greeting within 1500 ms/,
    )
    for (const line of [none, opened, errorReport(new MT5TimeoutError(5, 100)).line])
      expect(line).not.toMatch(/MT5_[A-Z]/)
  })

  it('names a TLS mismatch both ways', () => {
    const eproto = Object.assign(new Error('write EPROTO ...:wrong version number:...'), { code: 'EPROTO' })
    expect(
      errorReport(new MT5ConnectionError('socket closed during bootstrap (code 1006)', { cause: eproto }), {
        server: 'wss://h:8228/',
      }).line,
    ).toBe(
      'mt5web: cannot connect to wss://h:8228/: the server does not speak TLS on this port (try ws://h:8228/)',
    )
    const http = Object.assign(new Error('Parse Error: Expected HTTP/'), { code: 'HPE_INVALID_CONSTANT' })
    expect(
      errorReport(new MT5ConnectionError('socket closed', { cause: http }), { server: 'ws://h:443/' }).line,
    ).toMatch(/did not answer in HTTP; it may expect TLS \(try wss:\/\/h:443\/\)$/)
  })

  it('a connection failure after login is a lost connection', () => {
    const drop = new MT5ConnectionError('socket closed (code 1006)')
    const lost = new MT5ConnectionError('tick stream ended: connection lost', { cause: drop })
    expect(errorReport(lost, { server, connected: true }).line).toBe(
      'mt5web: connection to ws://127.0.0.1:9/ lost: socket closed (code 1006)',
    )
  })

  it('prints the reason of a rejection after the retcode', () => {
    const result = tradeResultFromRetcode(10014, 1, {
      comment: 'volume 0.015 lots is not a multiple of the step 0.01 lots',
    })
    expect(errorReport(new TradeError(10014, 'x', result)).line).toBe(
      'mt5web: trade rejected: retcode 10014 invalid volume: volume 0.015 lots is not a multiple of the step 0.01 lots',
    )
    // The local check's comment starts with the meaning: it is not printed twice.
    const local = tradeResultFromRetcode(10018, 1, {
      comment: 'market closed: no trade session at this time',
    })
    expect(errorReport(new TradeError(10018, 'x', local)).line).toBe(
      'mt5web: trade rejected: retcode 10018 market closed: no trade session at this time',
    )
    const bare = tradeResultFromRetcode(10018, 1, { comment: 'Market closed' })
    expect(errorReport(new TradeError(10018, 'x', bare)).line).toBe(
      'mt5web: trade rejected: retcode 10018 market closed',
    )
  })

  it('an unknown symbol hints that names are case-sensitive', () => {
    expect(errorReport(new SymbolNotFoundError('eurusd')).line).toBe(
      'mt5web: unknown symbol "eurusd" (names are case-sensitive; mt5web symbols lists them)',
    )
  })

  it('a refused or cut WebSocket upgrade, and a rejected certificate', () => {
    const failed = (cause: Error, server = 'ws://h:443/') =>
      errorReport(new MT5ConnectionError('socket closed during bootstrap (code 1006)', { cause }), {
        server,
        handshake: false,
      }).line
    expect(failed(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(
      'mt5web: cannot connect to ws://h:443/: the server closed the connection during the WebSocket handshake (a TLS port? try wss://h:443/)',
    )
    expect(failed(new Error('Unexpected server response: 404'), 'ws://h/x')).toBe(
      'mt5web: cannot connect to ws://h/x: the server refused the WebSocket handshake with HTTP 404 (is the path of the URL right?)',
    )
    expect(failed(new Error('Unexpected server response: 400'))).toMatch(
      /HTTP 400 \(a TLS port\? try wss:\/\/h:443\/\)$/,
    )
    const cert = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    expect(failed(cert, 'wss://h/')).toBe(
      "mt5web: cannot connect to wss://h/: the server's TLS certificate was rejected (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate)",
    )
  })
})
