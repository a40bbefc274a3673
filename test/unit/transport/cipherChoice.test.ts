import { describe, expect, it } from 'vitest'
import { createNobleCipher } from '../../../src/protocol/cipher.js'
import { createNodeCipher } from '../../../src/protocol/cipherNode.js'
import { resolveCipher } from '../../../src/transport/cipherChoice.js'

describe('cipher choice', () => {
  it('auto picks the node:crypto fast path under Node', async () => {
    expect(await resolveCipher()).toBe(createNodeCipher)
    expect(await resolveCipher('auto')).toBe(createNodeCipher)
    expect(await resolveCipher('node')).toBe(createNodeCipher)
  })
  it('honours noble and custom factories', async () => {
    expect(await resolveCipher('noble')).toBe(createNobleCipher)
    const custom = (key: Uint8Array) => createNobleCipher(key)
    expect(await resolveCipher(custom)).toBe(custom)
  })
})
