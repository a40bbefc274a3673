import { describe, expect, it } from 'vitest'
import { parseCommandLine, rejectPasswordFlag } from '../../../src/cli/args.js'
import { commands } from '../../../src/cli/commandList.js'
import { UsageError } from '../../../src/cli/usageError.js'

const parse = (...argv: string[]) => parseCommandLine(argv, commands)

describe('parseCommandLine', () => {
  it('finds the subcommand after global options and keeps its positionals', () => {
    const p = parse('--server', 'ws://h/', 'rates', 'EURUSD', 'M1', '--count', '5', '--json')
    expect(p.command?.name).toBe('rates')
    expect(p.positionals).toEqual(['EURUSD', 'M1'])
    expect(p.values.count).toBe('5')
    expect(p.values.server).toBe('ws://h/')
    expect(p.json).toBe(true)
  })

  it('reads --yes / -y and --help / -h', () => {
    expect(parse('buy', 'EURUSD', '0.1', '-y').yes).toBe(true)
    expect(parse('close', '5', '--yes').yes).toBe(true)
    expect(parse('rates', '-h').help).toBe(true)
    const none = parse('--help')
    expect(none.command).toBeUndefined()
    expect(none.help).toBe(true)
  })

  it('does not require positionals when --help is given', () => {
    expect(parse('buy', '--help').command?.name).toBe('buy')
  })

  it('rejects unknown commands, unknown options and options of another command', () => {
    expect(() => parse('frobnicate')).toThrow(/unknown command "frobnicate"/)
    expect(() => parse('account', '--bogus')).toThrow(UsageError)
    expect(() => parse('positions', '--count', '3')).toThrow(/--count does not apply to "positions"/)
    expect(() => parse('symbols', '--limit', '1')).toThrow(/does not apply/)
  })

  it('checks the number of positionals', () => {
    expect(() => parse('symbol')).toThrow(/missing arguments: usage: mt5web symbol NAME/)
    expect(() => parse('account', 'extra')).toThrow(/too many arguments/)
    expect(() => parse('buy', 'EURUSD')).toThrow(/missing arguments/)
    expect(parse('ticks', 'EURUSD', 'GBPUSD', 'USDJPY').positionals).toHaveLength(3)
  })

  it('reports a string option without its value as a usage error', () => {
    expect(() => parse('rates', 'EURUSD', 'M1', '--count')).toThrow(UsageError)
  })

  it('never accepts a password on the command line, and never echoes it', () => {
    for (const argv of [
      ['account', '--password', 'hunter2'],
      ['--password=hunter2', 'account'],
      ['account', '--pass=hunter2'],
    ]) {
      let error: unknown
      try {
        parse(...argv)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(UsageError)
      expect(String((error as Error).message)).not.toContain('hunter2')
      expect((error as Error).message).toMatch(/MT5_PASSWORD|--password-file/)
    }
    expect(() => rejectPasswordFlag(['account', '--password-file', '/x'])).not.toThrow()
    expect(() => rejectPasswordFlag(['account', '--', '--password'])).not.toThrow()
  })

  it('takes negative numbers as values and positionals, for the value checks to judge', () => {
    const buy = parse('buy', 'EURUSD', '-1', '--limit', '-5', '--sl', '-.5', '-y')
    expect(buy.positionals).toEqual(['EURUSD', '-1'])
    expect(buy.values.limit).toBe('-5')
    expect(buy.values.sl).toBe('-.5')
    expect(buy.yes).toBe(true)
    expect(parse('rates', 'EURUSD', 'M1', '--count', '-5').values.count).toBe('-5')
    expect(parse('close', '-7', '--volume=-1e3').values.volume).toBe('-1e3')
  })

  it('words parser failures itself, naming the option', () => {
    expect(() => parse('account', '-x')).toThrow(/^unknown option -x \(see mt5web --help\)$/)
    expect(() => parse('account', '--json=1')).toThrow(/^--json takes no value$/)
    expect(() => parse('rates', 'EURUSD', 'M1', '--count')).toThrow(/^--count needs a value$/)
    expect(() => parse('buy', 'EURUSD', '1', '--comment', '-x')).toThrow(
      /^--comment needs a value \(for a value that starts with "-", write --comment=VALUE\)$/,
    )
  })

  it('reads --version / -v with or without a command', () => {
    expect(parse('--version').version).toBe(true)
    expect(parse('-v').version).toBe(true)
    expect(parse('buy', '--version').version).toBe(true)
    expect(parse('account').version).toBe(false)
  })

  it('reads "help [command]" as --help', () => {
    const buy = parse('help', 'buy')
    expect(buy.command?.name).toBe('buy')
    expect(buy.help).toBe(true)
    const all = parse('help')
    expect(all.command).toBeUndefined()
    expect(all.help).toBe(true)
    expect(() => parse('help', 'nope')).toThrow(/unknown command "nope"/)
  })
})
