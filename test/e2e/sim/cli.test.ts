import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { decodeSymbolList } from '../../../src/codec/messages/symbols.js'
import { loadConfig, main, parseArgs } from '../../../src/sim/cli.js'
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
    const sim = await main(['--port', '0', '--config', file, '--tick-ms', '0', '--password', 'Other123'])
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
})
