/**
 * Ratios measured with paired rounds (bench/paired.ts), robust to a loaded machine:
 * `npx tsx bench/ratios.ts [receive]`. Prints markdown tables for bench/RESULTS.md.
 */
import { pairedMedians, printPaired } from './paired.js'
import { receiveTasks, TICKS, wire } from './receivePath.js'

const which = new Set(process.argv.slice(2))
const all = which.size === 0

if (all || which.has('receive')) {
  printPaired(
    `receive one ${TICKS}-tick push (${wire.length} B on the wire)`,
    pairedMedians(receiveTasks),
    'hand-written, one kept decipher context (reference)',
  )
}
