import { spawnSync } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { loadConfig, main, parseArgs } from '../../../src/sim/cli.js'
import { ALWAYS_OPEN } from '../../../src/sim/index.js'
import { loginRaw } from './_rawClient.js'

describe('mt5web-sim CLI', () => {
  it('parses flags', () => {
    expect(parseArgs([])).toMatchObject({ port: 8228, host: '127.0.0.1', seed: 1 })
    expect(parseArgs(['--port', '0', '--seed=5', '--login', '123', '--password', 'Pw123456'])).toMatchObject({
      port: 0,
      seed: 5,
      login: 123,
      password: 'Pw123456',
    })
    expect(() => parseArgs(['--nope'])).toThrow(/unknown flag/)
  })

  it('loads a YAML config and serves it, printing one JSON line first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mt5sim-'))
    const file = join(dir, 'sim.yaml')
    await writeFile(
      file,
      'brokers:\n  - name: YBroker\n    symbols:\n      - { name: EURUSD, initialBid: 1.1 }\n    accounts:\n      - { login: 555, password: Yaml1234 }\n',
    )
    expect((await loadConfig(file))[0]!.symbols[0]!.digits).toBe(5)
    const lines: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk))
      return true
    })
    const sim = (await main(['--port', '0', '--config', file, '--tick-ms', '0', '--password', 'Other123']))!
    try {
      const first = JSON.parse(lines[0]!)
      expect(first.event).toBe('listening')
      expect(first.brokers[0].accounts[0]).toMatchObject({ login: 555, password: 'Other123' })
      const c = await loginRaw(first.url, 555, 'Other123')
      expect(decodeSymbolList((await c.request(6)).body).map((s) => s.tradeSymbol)).toEqual(['EURUSD'])
      c.close()
      expect(lines.some((l) => l.includes('"event":"login"'))).toBe(true)
    } finally {
      spy.mockRestore()
      await sim.close()
    }
  })

  it('--help prints the usage and starts nothing', async () => {
    const out: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk))
      return true
    })
    try {
      expect(await main(['--help'])).toBeUndefined()
    } finally {
      spy.mockRestore()
    }
    expect(out.join('')).toContain('Usage: mt5web-sim')
  })

  it('--sessions always opens every symbol around the clock', async () => {
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const sim = (await main(['--port', '0', '--tick-ms', '0', '--sessions', 'always']))!
    try {
      for (const name of ['EURUSD', 'US500']) {
        const spec = sim.control.engine.symbol(name)!
        expect(spec.config.tradeSessions, name).toEqual(ALWAYS_OPEN)
        expect(spec.config.quoteSessions, name).toEqual(ALWAYS_OPEN)
      }
    } finally {
      spy.mockRestore()
      await sim.close()
    }
  })

  it('as a process: -h exits 0 with the usage; a bad flag or a missing config exits 1 with one clear line', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/sim/cli.ts', ...args], {
        encoding: 'utf8',
        timeout: 20_000,
      })
    const help = run('-h')
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--sessions MODE')
    const bad = run('--tick-ms', 'abc')
    expect(bad.status).toBe(1)
    expect(bad.stderr).toBe('mt5web-sim: --tick-ms must be 0 or 10–3600000, got "abc"\n')
    const missing = run('--config', 'no-such-file.yaml')
    expect(missing.status).toBe(1)
    expect(missing.stderr).toBe('mt5web-sim: --config no-such-file.yaml: file not found\n')
  })
})
