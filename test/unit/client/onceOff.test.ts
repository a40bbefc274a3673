import { describe, expect, it } from 'vitest'
import { createBaseClient } from '../../../src/client/createBaseClient.js'

describe('client.once / client.off', () => {
  it('off removes a listener added with once', () => {
    const client = createBaseClient({ server: 'ws://127.0.0.1:1/terminal', login: 1, password: 'x' })
    let calls = 0
    const listener = (): void => {
      calls += 1
    }
    client.once('status', listener)
    client.off('status', listener)
    client.events.emit('status', 'connecting')
    expect(calls).toBe(0)
    expect(client.events.listenerCount('status')).toBe(0)
  })

  it('a once listener still fires once, and on + once of the same function both fire', () => {
    const client = createBaseClient({ server: 'ws://127.0.0.1:1/terminal', login: 1, password: 'x' })
    const seen: string[] = []
    client.once('status', (s) => seen.push(`once:${s}`))
    client.events.emit('status', 'connecting')
    client.events.emit('status', 'connected')
    expect(seen).toEqual(['once:connecting'])
  })
})
