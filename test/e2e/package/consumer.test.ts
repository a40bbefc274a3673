// The built package as a user gets it: `import` and `require()` (Node >= 20.19 loads ESM from require).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = process.cwd()
let dir: string

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/index.js'))) {
    execFileSync('npx', ['--no-install', 'tsup'], { cwd: root, stdio: 'ignore' })
  }
  // A consumer project with mt5web installed as a dependency (a link to this checkout).
  dir = mkdtempSync(path.join(tmpdir(), 'mt5web-consumer-'))
  mkdirSync(path.join(dir, 'node_modules'))
  symlinkSync(root, path.join(dir, 'node_modules', 'mt5web'), 'dir')
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }))
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function run(file: string, source: string): string {
  writeFileSync(path.join(dir, file), source)
  return execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }).trim()
}

describe('published package', () => {
  it('loads with import', () => {
    const out = run(
      'esm.mjs',
      `import * as mt5 from 'mt5web'
       import * as sim from 'mt5web/sim'
       const e = new mt5.ValidationError('bad', { field: 'volume', value: 1 })
       console.log(JSON.stringify({ code: e.code, tick: mt5.tickSchema.size, sim: Object.keys(sim).length > 0 }))`,
    )
    expect(JSON.parse(out)).toEqual({ code: 'MT5_VALIDATION', tick: 50, sim: true })
  })

  it('loads with require()', () => {
    const out = run(
      'cjs.cjs',
      `const mt5 = require('mt5web')
       const sim = require('mt5web/sim')
       console.log(JSON.stringify({ code: new mt5.SessionError('x').code, tick: mt5.tickSchema.size, sim: Object.keys(sim).length > 0 }))`,
    )
    expect(JSON.parse(out)).toEqual({ code: 'MT5_SESSION', tick: 50, sim: true })
  })
})
