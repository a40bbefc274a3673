import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { reasonCodes } from '../../../src/plan/types.js'

const guide = readFileSync(fileURLToPath(new URL('../../../../../docs/copier.md', import.meta.url)), 'utf8')
const troubleshooting = guide.slice(
  guide.indexOf('## Troubleshooting by symptom'),
  guide.indexOf('## Errors'),
)

describe('refusal reasons in docs/copier.md (troubleshooting)', () => {
  it('explains every refusal reason of the planner and the executor, and no other', () => {
    const listed = [...troubleshooting.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1])
    // the refusals are the run of reason codes from orderTypeNotAllowed to rejected
    const refusals = reasonCodes.slice(
      reasonCodes.indexOf('orderTypeNotAllowed'),
      reasonCodes.indexOf('rejected') + 1,
    )
    expect(refusals.length).toBeGreaterThan(10)
    expect([...listed].sort()).toEqual([...refusals].sort())
  })
})
