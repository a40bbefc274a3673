import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCycles, importGraph } from '../../helpers/importGraph.js'

const root = path.resolve(import.meta.dirname, '../../..')

describe('import graph of src/', () => {
  const graph = importGraph(path.join(root, 'src'), root)

  it('reads the source tree', () => {
    expect(graph.size).toBeGreaterThan(200)
    // the broker registers its handlers; the handlers see it only through their context interface
    expect(graph.get('src/sim/server/broker.ts')).toContain('src/sim/server/handlers/trade.ts')
    expect(graph.get('src/sim/server/handlers/trade.ts')).toContain('src/sim/server/handlers/context.ts')
  })

  it('has no import cycle (type-only imports included)', () => {
    expect(importCycles(graph)).toEqual([])
  })
})

describe('importCycles', () => {
  it('finds a cycle and a self-import, and nothing in a chain', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
      ['f', ['d']],
    ])
    expect(importCycles(g)).toEqual([['a', 'b', 'c'], ['e']])
    expect(
      importCycles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([])
  })
})
