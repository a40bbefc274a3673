import { describe, expect, it } from 'vitest'
import { type ConfigSources, DEFAULT_TIMEOUT_MS, resolveConfig } from '../../../src/cli/config.js'
import { UsageError } from '../../../src/cli/usageError.js'

function sources(partial: Partial<ConfigSources> = {}): ConfigSources {
  return {
    flags: {},
    env: {},
    readFile: async (path) => {
      if (path === '/secret') return 'file-pass\nignored second line\n'
      if (path === '/empty') return '\n'
      throw Object.assign(new Error('nope'), { code: 'ENOENT' })
    },
    ...partial,
  }
}

const env = { MT5_SERVER: 'ws://env/', MT5_LOGIN: '10001', MT5_PASSWORD: 'env-pass' }

describe('resolveConfig', () => {
  it('reads the environment', async () => {
    expect(await resolveConfig(sources({ env }))).toEqual({
      server: 'ws://env/',
      login: '10001',
      password: 'env-pass',
      timeoutMs: DEFAULT_TIMEOUT_MS,
    })
  })

  it('lets flags win over the environment', async () => {
    const c = await resolveConfig(
      sources({
        env,
        flags: { server: 'wss://flag/terminal', login: '777', passwordFile: '/secret', timeout: '500' },
      }),
    )
    expect(c).toEqual({ server: 'wss://flag/terminal', login: '777', password: 'file-pass', timeoutMs: 500 })
  })

  it('reads only the first line of the password file', async () => {
    const c = await resolveConfig(
      sources({ env: { ...env, MT5_PASSWORD: undefined }, flags: { passwordFile: '/secret' } }),
    )
    expect(c.password).toBe('file-pass')
  })

  it('names everything that is missing', async () => {
    const error = await resolveConfig(sources()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(
      /server .*MT5_SERVER.*login .*MT5_LOGIN.*password .*MT5_PASSWORD/,
    )
  })

  it('rejects a bad URL, a bad login, a bad timeout and unreadable or empty password files', async () => {
    await expect(resolveConfig(sources({ env: { ...env, MT5_SERVER: 'http://x/' } }))).rejects.toThrow(
      /ws:\/\/ or wss:\/\//,
    )
    await expect(resolveConfig(sources({ env: { ...env, MT5_LOGIN: 'abc' } }))).rejects.toThrow(
      /login must be/,
    )
    await expect(resolveConfig(sources({ env, flags: { timeout: '-1' } }))).rejects.toThrow(/timeout/)
    await expect(resolveConfig(sources({ env, flags: { passwordFile: '/missing' } }))).rejects.toThrow(
      /cannot read password file \/missing \(ENOENT\)/,
    )
    await expect(resolveConfig(sources({ env, flags: { passwordFile: '/empty' } }))).rejects.toThrow(
      /is empty/,
    )
  })

  it('never puts the password in an error message', async () => {
    const error = await resolveConfig(sources({ env: { ...env, MT5_LOGIN: 'x' } })).catch((e: unknown) => e)
    expect((error as Error).message).not.toContain('env-pass')
  })
})
