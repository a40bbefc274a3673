import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as copier from '../../../src/index.js'

const guide = readFileSync(fileURLToPath(new URL('../../../../../docs/copier.md', import.meta.url)), 'utf8')
const section = guide.slice(guide.indexOf('## Errors'), guide.indexOf('## Security'))

describe('copier error codes in docs/copier.md', () => {
  it('lists every code with its exported class, and no other', () => {
    const rows = [...section.matchAll(/^\| `(COPIER_[A-Z_]+)` \| `(\w+)` \|/gm)].map(
      (m) => [m[1] ?? '', m[2] ?? ''] as const,
    )
    expect(rows.map(([code]) => code).sort()).toEqual([...copier.copierErrorCodes].sort())
    for (const [code, name] of rows) {
      const ErrorClass = (copier as Record<string, unknown>)[name]
      expect(typeof ErrorClass, `${name} is exported`).toBe('function')
      expect((ErrorClass as { prototype: unknown }).prototype).toBeInstanceOf(copier.CopierError)
      expect(code).toMatch(/^COPIER_/)
    }
  })
})
