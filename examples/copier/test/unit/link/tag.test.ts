import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { TagError } from '../../../src/errors.js'
import { formatTag, parseTag, readTag, type TagScope } from '../../../src/link/tag.js'

const scope: TagScope = { prefix: 'cp', source: '1001' }
const ticketArb = fc.bigInt({ min: 1n, max: (1n << 64n) - 1n })

describe('comment tag', () => {
  it('formats a short documented tag', () => {
    const tag = formatTag(100000000n, scope)
    expect(tag).toMatch(/^cp:1njchs:[0-9a-z]{3}$/)
    expect(formatTag((1n << 64n) - 1n, { prefix: 'copier', source: '18446744073709551615' }).length).toBe(24)
  })

  it('round trips every ticket, and stays within the 31-character comment', () => {
    fc.assert(
      fc.property(ticketArb, (ticket) => {
        const tag = formatTag(ticket, scope)
        expect(tag.length).toBeLessThanOrEqual(31)
        expect(parseTag(tag, scope)).toBe(ticket)
      }),
    )
  })

  it('survives what brokers do to comments', () => {
    const tag = formatTag(987654321n, scope)
    for (const comment of [
      `${tag} [sl]`,
      `${tag}[tp 1.23456]`,
      `#123 ${tag}`,
      `[${tag}]`,
      tag.toUpperCase(),
      `${tag} from terminal`,
    ])
      expect(parseTag(comment, scope), comment).toBe(987654321n)
  })

  it('a truncated tag never names a ticket, let alone a wrong one', () => {
    fc.assert(
      fc.property(ticketArb, fc.nat(), (ticket, cut) => {
        const tag = formatTag(ticket, scope)
        const truncated = tag.slice(0, cut % tag.length)
        expect(parseTag(truncated, scope)).toBeUndefined()
      }),
    )
  })

  it('rejects tags of another source account or prefix, and hand-written look-alikes', () => {
    const tag = formatTag(42n, scope)
    expect(parseTag(tag, { prefix: 'cp', source: '1002' })).toBeUndefined()
    expect(parseTag(tag, { prefix: 'cq', source: '1001' })).toBeUndefined()
    for (const comment of [
      'cp:16',
      'cp:16:',
      'cp:16:aa',
      'xcp:16:aaa',
      'cp:016:aaa',
      'cp:16:aaaa',
      'my order',
      '',
    ])
      expect(parseTag(comment, scope), comment).toBeUndefined()
  })

  it('random comments parse only when they contain a valid tag', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 31 }), (comment) => {
        const ticket = parseTag(comment, scope)
        if (ticket !== undefined) expect(comment.toLowerCase()).toContain(formatTag(ticket, scope))
      }),
    )
  })

  it('readTag (remembered per comment) reads what parseTag reads, per scope, read after read', () => {
    const other: TagScope = { prefix: 'cp', source: '1002' }
    fc.assert(
      fc.property(
        ticketArb,
        fc.string({ maxLength: 8 }),
        fc.string({ maxLength: 31 }),
        (ticket, extra, noise) => {
          for (const comment of [formatTag(ticket, scope) + extra, formatTag(ticket, other), noise])
            for (const s of [scope, other, scope]) expect(readTag(comment, s)).toBe(parseTag(comment, s))
        },
      ),
    )
  })

  it('throws TagError for tickets out of range and bad prefixes', () => {
    expect(() => formatTag(0n, scope)).toThrow(TagError)
    expect(() => formatTag(1n << 64n, scope)).toThrow(/out of range/)
    expect(() => formatTag(1n, { prefix: 'CP', source: '1' })).toThrow(/prefix "CP"/)
    expect(parseTag('cp:1:abc', { prefix: 'C P', source: '1' })).toBeUndefined()
  })
})
