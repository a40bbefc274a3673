/**
 * What the JS heap of one idle logged-in client consists of: heap snapshots before and after
 * `--add` more connections (default 100), aggregated by node type and constructor name; prints the
 * largest per-connection differences. Run:
 * `node --expose-gc --import tsx bench/heapPerConnection.ts [--add 100] [--dist] [raw]`.
 */
import { getHeapSnapshot } from 'node:v8'
import { connector, type Held, inBatches, kindFromArgv, startSimChild } from './_connections.js'

interface Snapshot {
  snapshot: {
    meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }
  }
  nodes: number[]
  edges: number[]
  strings: string[]
}

let previousIds: Float64Array = new Float64Array(0)
let lastChain: string[] = []
/** New nodes of the last snapshot by `type owner.edge` of their first retainer. */
const byRetainer = new Map<string, { count: number; size: number }>()

function has(sorted: Float64Array, id: number): boolean {
  let lo = 0
  let hi = sorted.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const v = sorted[mid]!
    if (v === id) return true
    if (v < id) lo = mid + 1
    else hi = mid - 1
  }
  return false
}

async function aggregate(): Promise<Map<string, { count: number; size: number }>> {
  byRetainer.clear() // the previous snapshot's findings must not show up in this one
  const chunks: Buffer[] = []
  for await (const chunk of getHeapSnapshot()) chunks.push(chunk as Buffer)
  const snap = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Snapshot
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const width = fields.length
  const iType = fields.indexOf('type')
  const iName = fields.indexOf('name')
  const iSize = fields.indexOf('self_size')
  const out = new Map<string, { count: number; size: number }>()
  const iId = fields.indexOf('id')
  const iEdges = fields.indexOf('edge_count')
  const ew = snap.snapshot.meta.edge_fields.length
  const edgeTypes = snap.snapshot.meta.edge_types[0]
  const idList: number[] = []
  const retainer = new Map<number, string>()
  const owner = new Map<number, number>()
  for (let i = 0, e = 0; i < snap.nodes.length; i += width) {
    idList.push(snap.nodes[i + iId]!)
    const ownerType = types[snap.nodes[i + iType]!]!
    const ownerName = snap.strings[snap.nodes[i + iName]!]!.slice(0, 40)
    for (let k = 0; k < snap.nodes[i + iEdges]!; k++, e += ew) {
      const edgeType = edgeTypes[snap.edges[e]!]!
      if (edgeType === 'weak') continue
      const to = snap.edges[e + 2]!
      if (retainer.has(to)) continue
      owner.set(to, i)
      const edgeName =
        edgeType === 'element' || edgeType === 'hidden'
          ? `[${edgeType}]`
          : String(snap.strings[snap.edges[e + 1]!])
      retainer.set(to, `${ownerType} ${ownerName}.${edgeName.slice(0, 30)}`)
    }
  }
  byRetainer.clear()
  for (let i = 0; i < snap.nodes.length; i += width) {
    if (has(previousIds, snap.nodes[i + iId]!)) continue
    const type = types[snap.nodes[i + iType]!]!
    if (type !== 'array' && type !== 'string' && type !== 'concatenated string' && type !== 'bigint') continue
    // Climb rope chains to the first holder that is not a string.
    let at = i
    for (let hops = 0; hops < 50 && types[snap.nodes[at + iType]!]!.includes('string'); hops++) {
      const up = owner.get(at)
      if (up === undefined) break
      if (!types[snap.nodes[up + iType]!]!.includes('string')) break
      at = up
    }
    let key = `${type} ← ${retainer.get(at) ?? '?'}`
    // A Map's or Set's table: name the Map by its own holder.
    const holder = owner.get(at)
    if (type === 'array' && holder !== undefined && /^object (Map|Set)\./.test(retainer.get(at) ?? '')) {
      key += ` ← ${retainer.get(holder) ?? '?'}`
    }
    const entry = byRetainer.get(key) ?? { count: 0, size: 0 }
    entry.count++
    entry.size += snap.nodes[i + iSize]!
    byRetainer.set(key, entry)
  }
  previousIds = Float64Array.from(idList).sort()
  // The chain of holders of the largest new array (what keeps growing with connections).
  let biggest = -1
  for (let i = 0; i < snap.nodes.length; i += width) {
    if (types[snap.nodes[i + iType]!] !== 'array') continue
    if (biggest < 0 || snap.nodes[i + iSize]! > snap.nodes[biggest + iSize]!) biggest = i
  }
  const chain: string[] = []
  for (
    let at: number | undefined = biggest, hops = 0;
    at !== undefined && hops < 8;
    at = owner.get(at), hops++
  ) {
    chain.push(`${retainer.get(at) ?? '?'} (${snap.nodes[at + iSize]} B)`)
  }
  lastChain = chain
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + iType]!]!
    let name =
      type === 'object' || type === 'closure' || type === 'native'
        ? snap.strings[snap.nodes[i + iName]!]!
        : ''
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') name = ''
    const key = `${type} ${name.slice(0, 60)}`
    const entry = out.get(key) ?? { count: 0, size: 0 }
    entry.count++
    entry.size += snap.nodes[i + iSize]!
    out.set(key, entry)
  }
  return out
}

async function main(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!
  const add = Number(process.argv[process.argv.indexOf('--add') + 1] || 100)
  const kind = kindFromArgv(process.argv)
  // --dist: the built package (no tsx wrappers around its functions; `npx tsup` first).
  const sim = await startSimChild()
  const held: Held[] = []
  const connect = inBatches(await connector(sim.url, kind, held), gc)
  await connect(10)
  const before = await aggregate()
  await connect(add)
  const after = await aggregate()
  const rows = [...after].map(([key, a]) => {
    const b = before.get(key) ?? { count: 0, size: 0 }
    return { key, count: (a.count - b.count) / add, bytes: (a.size - b.size) / add }
  })
  rows.sort((x, y) => y.bytes - x.bytes)
  const total = rows.reduce((n, r) => n + r.bytes, 0)
  console.log(`heap per connection: ${Math.round(total)} bytes`)
  for (const r of rows.slice(0, 40))
    console.log(
      `${Math.round(r.bytes).toString().padStart(7)} B ${r.count.toFixed(1).padStart(6)} × ${r.key}`,
    )
  console.log(`\nlargest array, held by: ${lastChain.join(' ← ')}`)
  console.log('\nnew arrays, strings and bigints by first retainer (owner.edge):')
  const retained = [...byRetainer].sort((x, y) => y[1].size - x[1].size).slice(0, 30)
  for (const [key, v] of retained)
    console.log(
      `${Math.round(v.size / add)
        .toString()
        .padStart(7)} B ${(v.count / add).toFixed(1).padStart(6)} × ${key}`,
    )
  for (const c of held) await c.close()
  sim.stop()
  process.exit(0)
}

void main()
