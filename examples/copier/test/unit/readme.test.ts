import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { copierErrorCodes } from '../../src/errors.js'
import { reasonCodes } from '../../src/plan/types.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const rows = (section: string) => {
  const start = readme.indexOf(section)
  const next = readme.indexOf('\n## ', start + section.length)
  const text = readme.slice(start, next < 0 ? undefined : next)
  return [...text.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((m) => m[1])
}

describe('package README', () => {
  it('lists every error code, and no other', () => {
    expect(rows('## Errors').sort()).toEqual([...copierErrorCodes].sort())
  })

  it('explains every reason code, and no other', () => {
    expect(rows('### Reason codes').sort()).toEqual([...reasonCodes].sort())
  })
})
