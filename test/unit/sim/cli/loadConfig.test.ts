import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ZodError } from 'zod'
import { ValidationError } from '../../../../src/errors.js'
import { loadConfig, parseSimConfig } from '../../../../src/sim/cli/loadConfig.js'
import { ALWAYS_OPEN, INDEX_WEEK } from '../../../../src/sim/engine/config.js'
import { thrown } from '../../../helpers/thrown.js'

function failure(data: unknown): ValidationError {
  return thrown(() => parseSimConfig(data, 'sim.json'), ValidationError)
}

async function fileWith(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'mt5sim-')), name)
  await writeFile(file, text)
  return file
}

describe('mt5web-sim config file', () => {
  it('reports every invalid field with its path and value', () => {
    const e = failure({
      brokers: [
        {
          symbols: [
            { name: 'EURUSD', digits: 'five' },
            { name: 'GBPUSD', volumeMin: 5, volumeMax: 1 },
          ],
          accounts: [{ login: 'abc' }, { login: 7, leverage: 0 }],
        },
      ],
    })
    expect(e.message).toContain('brokers[0].symbols[0].digits')
    expect(e.message).toContain('"five"')
    expect(e.message).toContain('brokers[0].symbols[1].volumeMin')
    expect(e.message).toContain('brokers[0].accounts[0].login')
    expect(e.message).toContain('brokers[0].accounts[1].leverage')
    expect(e.field).toBe('brokers[0].symbols[0].digits')
    expect(e.cause).toBeInstanceOf(ZodError)
  })

  it('rejects unknown (misspelt) fields, duplicates and an empty broker list', () => {
    expect(failure({ brokers: [{ symbols: [{ name: 'EURUSD', initalBid: 1 }] }] }).message).toContain(
      'initalBid',
    )
    expect(failure({ brokers: [{ accounts: [{ login: 1 }, { login: 1 }] }] }).message).toMatch(
      /brokers\[0\]\.accounts\[1\]: duplicate login 1/,
    )
    expect(failure({ brokers: [{ name: 'A' }, { name: 'A' }] }).message).toMatch(/duplicate broker name A/)
    expect(failure({ brokers: [] }).message).toContain('brokers')
    expect(failure([]).message).toContain('(root)')
  })

  it('never echoes a password in an error', () => {
    const e = failure({
      brokers: [{ accounts: [{ login: 1, password: 12345678, investorPassword: 'x', leverage: -1 }] }],
    })
    expect(e.message).toContain('brokers[0].accounts[0].password')
    expect(e.message).not.toContain('12345678')
  })

  it('a symbol or account the default broker has keeps its defaults for fields not given', () => {
    const [b] = parseSimConfig({
      brokers: [
        {
          symbols: [
            { name: 'XAUUSD', initialBid: 2100 },
            { name: 'USDJPY', digits: 2 },
            { name: 'US500', tradeSessions: 'always' },
            { name: 'EURUSD.x', currencyBase: 'EUR', currencyProfit: 'USD' },
          ],
          accounts: [{ login: 10002, balance: 5000 }, { login: 42 }],
        },
      ],
    })
    const [xau, jpy, us500, other] = b!.symbols
    expect(xau).toMatchObject({
      digits: 2,
      contractSize: 100,
      initialBid: 2100,
      tickSize: 0.01,
      tickValue: 1,
    })
    expect(xau!.path).toBe('Metals\\XAUUSD')
    // Changed digits: the tick size follows them, as defineSymbol does.
    expect(jpy).toMatchObject({ digits: 2, initialBid: 150, tickSize: 0.01 })
    expect(us500).toMatchObject({ tradeSessions: ALWAYS_OPEN, quoteSessions: INDEX_WEEK, marginRate: 0.05 })
    expect(other).toMatchObject({ digits: 5, contractSize: 100_000, path: 'Forex\\EURUSD.x' })
    expect(b!.accounts[0]).toMatchObject({ login: 10002, name: 'Demo Netting', marginMode: 0, balance: 5000 })
    expect(b!.accounts[1]).toMatchObject({ login: 42, password: 'Demo1234', balance: 100_000 })
  })

  it('a missing file, a directory and bad JSON/YAML are clear errors, not raw ENOENT', async () => {
    await expect(loadConfig('/nonexistent/mt5sim.json')).rejects.toThrow(
      /--config \/nonexistent\/mt5sim\.json: file not found/,
    )
    await expect(loadConfig(tmpdir())).rejects.toThrow(/cannot read the file \(EISDIR\)/)
    await expect(loadConfig(await fileWith('bad.json', '{ brokers: '))).rejects.toThrow(/not valid JSON/)
    await expect(loadConfig(await fileWith('bad.yaml', 'brokers: [\n'))).rejects.toThrow(/not valid YAML/)
    const e = await loadConfig(
      await fileWith('s.yaml', 'brokers:\n  - symbols:\n      - { name: EURUSD, digits: five }\n'),
    ).catch((error: unknown) => error)
    expect(e).toBeInstanceOf(ValidationError)
    expect((e as Error).message).toMatch(
      /s\.yaml: invalid config:\n {2}brokers\[0\]\.symbols\[0\]\.digits: .*"five"/,
    )
  })

  it('tickets may be numbers or decimal strings', () => {
    const [b] = parseSimConfig({ brokers: [{ firstOrderTicket: '90000000000', firstDealTicket: 7 }] })
    expect(b!.firstOrderTicket).toBe(90_000_000_000n)
    expect(b!.firstDealTicket).toBe(7n)
  })
})
