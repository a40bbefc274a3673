/**
 * The import graph of a source tree, read with the TypeScript compiler's own pre-processor (every
 * `import`, `import type`, `export … from` and `import()` counts: a type-only cycle still couples
 * two files), and its cycles (Tarjan's strongly connected components).
 */
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import * as ts from 'typescript'

/** Repository-relative `.ts` file → the `.ts` files it imports (relative specifiers only). */
export type ImportGraph = Map<string, string[]>

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
}

/** Reads every `.ts` file under `dir` (absolute) and resolves its relative imports to files. */
export function importGraph(dir: string, root: string): ImportGraph {
  const graph: ImportGraph = new Map()
  for (const file of listTs(dir)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')))
    graph.set(
      path.relative(root, file),
      [...new Set(targets)].map((t) => path.relative(root, t)),
    )
  }
  return graph
}

/** Every cycle of the graph, as a strongly connected component of more than one file (or a self-import). */
export function importCycles(graph: ImportGraph): string[][] {
  let index = 0
  const indices = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const connect = (v: string): void => {
    indices.set(v, index)
    low.set(v, index)
    index += 1
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!indices.has(w)) {
        connect(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!))
    }
    if (low.get(v) !== indices.get(v)) return
    const component: string[] = []
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w)
      component.push(w)
      if (w === v) break
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort())
  }
  for (const v of [...graph.keys()].sort()) if (!indices.has(v)) connect(v)
  return cycles
}
