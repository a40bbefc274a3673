/**
 * Vitest setup file: during `npm run coverage` (which sets MT5WEB_CHILD_COVERAGE), every process a
 * test spawns (the CLI through tsx, the simulator CLI, a consumer of the built package) inherits
 * NODE_V8_COVERAGE and writes its V8 coverage there on exit. The worker itself is unaffected: Node
 * reads the variable at startup only. `scripts/coverage.ts` maps and merges those files.
 */
import { resolve } from 'node:path'

const dir = process.env.MT5WEB_CHILD_COVERAGE
if (dir) process.env.NODE_V8_COVERAGE = resolve(dir)
