/**
 * Where the memory of one idle logged-in client goes, by RETAINED size: a heap snapshot after
 * `--base` clients (default 10: the code compiled and optimised while they connect is not counted) and another after `--add` more (default 50); the objects new in the
 * second snapshot are grouped by the dominator-tree subtree they belong to, named by where that
 * subtree hangs in the old heap (`holder.edge → new object`). So a per-client object (the client,
 * its Transport, a ws socket held by a libuv handle) shows with everything only it keeps alive,
 * native ArrayBuffer backing stores included, while anything shared between clients (interned
 * tables) is not counted per client. The largest groups are broken down one and two levels
 * further. Figures are per added client.
 *
 * Run: `node --expose-gc --import tsx bench/heapRetained.ts [--dist] [--raw] [--base 10] [--add 50] [--min 100] [--rows 12] [--depth 2]`
 * (`--dist`: the built package, `npx tsup` first; `--raw`: ws + cipher connections only).
 */
import { getHeapSnapshot } from 'node:v8'
import { connector, type Held, inBatches, kindFromArgv, startSimChild } from './_connections.js'

interface RawSnapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

/** A parsed snapshot with its dominator tree (node ordinals, 0 = the synthetic root). */
interface Heap {
  count: number
  ids: Float64Array
  selfSize: Float64Array
  retained: Float64Array
  idom: Int32Array
  label: (n: number) => string
  /** Name of an edge `from → to`, or `…` when `from` does not reference `to` directly. */
  edgeName: (from: number, to: number) => string
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

async function takeSnapshot(): Promise<RawSnapshot> {
  const chunks: Buffer[] = []
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as RawSnapshot
}

/**
 * Copies the ids of `snap` into `into` (allocated before the first snapshot, so it is not new in
 * the second one) and counts its Node embedder nodes by name: Node re-creates those (ModuleWrap,
 * resolve_cache, MessagePort…) with fresh ids in every snapshot, so they are new only where their
 * count grew.
 */
function idsOf(snap: RawSnapshot, into: Float64Array): { ids: Float64Array; natives: Map<string, number> } {
  const fields = snap.snapshot.meta.node_fields
  const iId = fields.indexOf('id')
  const iType = fields.indexOf('type')
  const iName = fields.indexOf('name')
  const native = snap.snapshot.meta.node_types[0].indexOf('native')
  const natives = new Map<string, number>()
  let n = 0
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    into[n++] = snap.nodes[i + iId]!
    if (snap.nodes[i + iType] !== native) continue
    const name = snap.strings[snap.nodes[i + iName]!]!
    natives.set(name, (natives.get(name) ?? 0) + 1)
  }
  return { ids: into.subarray(0, n).sort(), natives }
}

/** Dominators by the iterative algorithm of Cooper, Harvey and Kennedy (weak edges ignored). */
function analyse(snap: RawSnapshot): Heap {
  const meta = snap.snapshot.meta
  const nw = meta.node_fields.length
  const ew = meta.edge_fields.length
  const types = meta.node_types[0]
  const edgeTypes = meta.edge_types[0]
  const [iType, iName, iId, iSize, iEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    meta.node_fields.indexOf(f),
  ) as [number, number, number, number, number]
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) =>
    meta.edge_fields.indexOf(f),
  ) as [number, number, number]
  const weak = edgeTypes.indexOf('weak')
  const count = snap.nodes.length / nw
  const firstEdge = new Int32Array(count + 1)
  for (let n = 0, e = 0; n < count; n++) {
    firstEdge[n] = e
    e += snap.nodes[n * nw + iEdges]! * ew
  }
  firstEdge[count] = snap.edges.length
  const target = (e: number): number => snap.edges[e + eTo]! / nw
  // Depth-first postorder from the root.
  const post = new Int32Array(count).fill(-1)
  const order: number[] = []
  const stack: number[] = [0]
  const cursor = new Int32Array(count)
  const seen = new Uint8Array(count)
  seen[0] = 1
  cursor[0] = firstEdge[0]!
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!
    let pushed = false
    while (cursor[n]! < firstEdge[n + 1]!) {
      const e = cursor[n]!
      cursor[n] = e + ew
      if (snap.edges[e + eType] === weak) continue
      const t = target(e)
      if (seen[t]) continue
      seen[t] = 1
      cursor[t] = firstEdge[t]!
      stack.push(t)
      pushed = true
      break
    }
    if (!pushed) {
      stack.pop()
      post[n] = order.length
      order.push(n)
    }
  }
  // Predecessors of reachable nodes.
  const predCount = new Int32Array(count + 1)
  for (let n = 0; n < count; n++) {
    if (!seen[n]) continue
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += ew) {
      if (snap.edges[e + eType] !== weak) predCount[target(e) + 1]!++
    }
  }
  for (let n = 0; n < count; n++) predCount[n + 1]! += predCount[n]!
  const preds = new Int32Array(predCount[count]!)
  const fill = predCount.slice()
  for (let n = 0; n < count; n++) {
    if (!seen[n]) continue
    for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += ew) {
      if (snap.edges[e + eType] !== weak) preds[fill[target(e)]!++] = n
    }
  }
  const idom = new Int32Array(count).fill(-1)
  idom[0] = 0
  const intersect = (a: number, b: number): number => {
    while (a !== b) {
      while (post[a]! < post[b]!) a = idom[a]!
      while (post[b]! < post[a]!) b = idom[b]!
    }
    return a
  }
  for (let changed = true; changed; ) {
    changed = false
    for (let k = order.length - 2; k >= 0; k--) {
      const n = order[k]!
      let next = -1
      for (let p = predCount[n]!; p < predCount[n + 1]!; p++) {
        const pred = preds[p]!
        if (idom[pred] === -1) continue
        next = next === -1 ? pred : intersect(pred, next)
      }
      if (next !== -1 && idom[n] !== next) {
        idom[n] = next
        changed = true
      }
    }
  }
  const selfSize = new Float64Array(count)
  const ids = new Float64Array(count)
  for (let n = 0; n < count; n++) {
    selfSize[n] = snap.nodes[n * nw + iSize]!
    ids[n] = snap.nodes[n * nw + iId]!
  }
  const retained = Float64Array.from(selfSize)
  for (const n of order) if (n !== 0 && idom[n]! >= 0) retained[idom[n]!]! += retained[n]!
  const label = (n: number): string => {
    const type = types[snap.nodes[n * nw + iType]!]!
    const name = type.includes('string') ? '' : ` ${snap.strings[snap.nodes[n * nw + iName]!]!.slice(0, 40)}`
    return `${type}${name}`
  }
  const edgeName = (from: number, to: number): string => {
    for (let e = firstEdge[from]!; e < firstEdge[from + 1]!; e += ew) {
      if (target(e) !== to) continue
      const type = edgeTypes[snap.edges[e + eType]!]!
      if (type === 'element' || type === 'hidden') return `[${type}]`
      return String(snap.strings[snap.edges[e + eName]!]).slice(0, 30)
    }
    return '…'
  }
  return { count, ids, selfSize, retained, idom, label, edgeName }
}

interface Group {
  bytes: number
  count: number
  children: Map<string, Group>
}

function add(groups: Map<string, Group>, key: string, bytes: number): Group {
  let g = groups.get(key)
  if (!g) {
    g = { bytes: 0, count: 0, children: new Map() }
    groups.set(key, g)
  }
  g.bytes += bytes
  g.count += 1
  return g
}

/** Levels of the dominator tree printed below each new subtree (`--depth`, default 2). */
const DEPTH = option('depth', 2)

/** Smallest group printed, in bytes per client (`--min`, default 100). */
const MIN_BYTES = option('min', 100)

function print(groups: Map<string, Group>, per: number, depth: number, limit: number, indent = ''): void {
  const rows = [...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, limit)
  for (const [key, g] of rows) {
    if (g.bytes / per < MIN_BYTES) continue
    console.log(
      `${indent}${Math.round(g.bytes / per)
        .toString()
        .padStart(7)} B ${(g.count / per).toFixed(1).padStart(5)} × ${key}`,
    )
    if (depth > 0) print(g.children, per, depth - 1, limit, `${indent}    `)
  }
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('run with node --expose-gc')
  const base = option('base', 10)
  const added = option('add', 50)
  const kind = kindFromArgv(process.argv)
  const sim = await startSimChild()
  const held: Held[] = []
  const idBuffer = new Float64Array(4_000_000)
  const connect = inBatches(await connector(sim.url, kind, held), gc)
  try {
    await connect(base)
    // Only the ids of the first snapshot are kept (its graph would show up in the second).
    const { ids: old, natives } = idsOf(await takeSnapshot(), idBuffer)
    await connect(added)
    const after = analyse(await takeSnapshot())
    const nativeCount = new Map<string, number>()
    for (let n = 0; n < after.count; n++) {
      const label = after.label(n)
      if (label.startsWith('native ')) nativeCount.set(label, (nativeCount.get(label) ?? 0) + 1)
    }
    const isOld = (n: number): boolean => {
      const label = after.label(n)
      if (label.startsWith('native ') && nativeCount.get(label) === natives.get(label.slice(7))) return true
      const id = after.ids[n]!
      let lo = 0
      let hi = old.length - 1
      while (lo <= hi) {
        const mid = (lo + hi) >> 1
        if (old[mid] === id) return true
        if (old[mid]! < id) lo = mid + 1
        else hi = mid - 1
      }
      return false
    }
    const dominated = new Map<number, number[]>()
    for (let n = 1; n < after.count; n++) {
      const d = after.idom[n]!
      if (d < 0) continue
      const list = dominated.get(d)
      if (list) list.push(n)
      else dominated.set(d, [n])
    }
    const children = (n: number): number[] => dominated.get(n) ?? []
    // The top of every new subtree: a new node whose immediate dominator is old (or the root).
    const groups = new Map<string, Group>()
    let total = 0
    let unreachable = 0
    for (let n = 1; n < after.count; n++) {
      const parent = after.idom[n]!
      if (parent < 0) {
        if (!isOld(n)) unreachable += after.selfSize[n]!
        continue
      }
      if (isOld(n) || !(parent === 0 || isOld(parent))) continue
      total += after.retained[n]!
      const top = add(
        groups,
        `${after.label(parent)} .${after.edgeName(parent, n)} → ${after.label(n)}`,
        after.retained[n]!,
      )
      // `--depth` levels down the dominator tree (default 2).
      const down = (node: number, into: Group, levels: number): void => {
        if (levels === 0) return
        for (const c of children(node)) {
          const child = add(
            into.children,
            `.${after.edgeName(node, c)} → ${after.label(c)}`,
            after.retained[c]!,
          )
          down(c, child, levels - 1)
        }
      }
      down(n, top, DEPTH)
    }
    console.log(
      `${kind === 'raw' ? 'raw ws + cipher' : kind === 'dist' ? 'dist' : 'source (tsx)'}: ` +
        `${added} clients added to ${base}; retained by new objects per added client: ` +
        `${Math.round(total / added)} B (+ ${Math.round(unreachable / added)} B unreachable garbage)\n`,
    )
    print(groups, added, DEPTH, option('rows', 12))
  } finally {
    for (const c of held) await c.close()
    sim.stop()
  }
  process.exit(0)
}

void main()
