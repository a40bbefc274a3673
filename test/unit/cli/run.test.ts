import { describe, expect, it } from 'vitest'
import type { CliIo } from '../../../src/cli/io.js'
import { run } from '../../../src/cli/run.js'

function fakeIo(env: Record<string, string> = {}, interactive = false) {
  const out: string[] = []
  const err: string[] = []
  const io: CliIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env,
    interactive,
    prompt: async () => 'n',
    readFile: async () => {
      throw new Error('no files here')
    },
    onSignal: () => () => {},
    onOutputClosed: () => () => {},
  }
  return { io, out, err }
}

describe('run without a server', () => {
  it('--help prints the command list on stdout and exits 0', async () => {
    const { io, out, err } = fakeIo()
    expect(await run(['--help'], io)).toBe(0)
    expect(out.join('')).toMatch(/Usage: mt5web <command>/)
    expect(out.join('')).toContain('positions')
    expect(err).toEqual([])
  })

  it('every command has --help', async () => {
    for (const name of [
      'account',
      'symbols',
      'symbol',
      'rates',
      'ticks',
      'book',
      'positions',
      'orders',
      'history',
      'buy',
      'sell',
      'modify',
      'cancel',
      'close',
    ]) {
      const { io, out } = fakeIo()
      expect(await run([name, '--help'], io)).toBe(0)
      expect(out.join('')).toContain(`Usage: mt5web ${name}`)
    }
  })

  it('--version prints the package version on stdout and exits 0', async () => {
    const { io, out, err } = fakeIo()
    const { readFile } = await import('node:fs/promises')
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string }
    expect(await run(['--version'], io)).toBe(0)
    expect(out.join('')).toBe(`mt5web ${pkg.version}\n`)
    expect(err).toEqual([])
  })

  it("negative numbers get our own message, not the parser's", async () => {
    for (const [argv, message] of [
      [['buy', 'EURUSD', '-1', '--yes'], 'mt5web: LOTS must be greater than 0, got "-1"\n'],
      [['rates', 'EURUSD', 'M1', '--count', '-5'], 'mt5web: --count must be a whole number, got "-5"\n'],
      [
        ['buy', 'EURUSD', '0.1', '--limit', '-5', '--yes'],
        'mt5web: --limit must be greater than 0, got "-5"\n',
      ],
    ] as const) {
      const { io, err } = fakeIo()
      expect(await run(argv, io)).toBe(2)
      expect(err).toEqual([message])
    }
  })

  it('no command prints help on stderr and exits 2', async () => {
    const { io, out, err } = fakeIo()
    expect(await run([], io)).toBe(2)
    expect(out).toEqual([])
    expect(err.join('')).toMatch(/Usage/)
  })

  it('usage errors are one stderr line with exit code 2', async () => {
    const { io, err } = fakeIo()
    expect(await run(['rates', 'EURUSD', 'M1', '--count', 'x'], io)).toBe(2)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/^mt5web: --count must be a whole number/)
  })

  it('missing credentials are a usage error', async () => {
    const { io, err } = fakeIo()
    expect(await run(['account'], io)).toBe(2)
    expect(err.join('')).toMatch(/missing server/)
  })

  it('a trade without a terminal and without --yes is refused before connecting', async () => {
    // The server URL points nowhere: reaching the connection step would fail differently.
    const { io, err } = fakeIo({ MT5_SERVER: 'ws://127.0.0.1:1/', MT5_LOGIN: '1', MT5_PASSWORD: 'pw' })
    expect(await run(['buy', 'EURUSD', '0.1'], io)).toBe(2)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/refusing to trade without confirmation.*--yes/)
  })

  it('a password flag is refused without echoing it', async () => {
    const { io, err } = fakeIo()
    expect(await run(['account', '--password', 'topsecret'], io)).toBe(2)
    expect(err.join('')).not.toContain('topsecret')
  })
})

describe('history bounds', () => {
  it('rejects dates the wire cannot carry as a usage error', async () => {
    const { io, err } = fakeIo()
    expect(await run(['history', '--to', '2100-01-01'], io)).toBe(2)
    expect(err[0]).toMatch(/--to must be before 2038/)
    const second = fakeIo()
    expect(await run(['history', '--from', '2026-02-01', '--to', '2026-01-01'], second.io)).toBe(2)
    expect(second.err[0]).toMatch(/--from must not be after --to/)
  })
})
