// What `npm publish` would ship: the built `dist/` (JavaScript, declarations, source maps that carry
// their sources) and the top-level documents; no TypeScript sources, tests or tooling.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const root = process.cwd()

interface PackResult {
  files: { path: string; size: number }[]
  unpackedSize: number
}

let pack: PackResult
let files: string[]

beforeAll(() => {
  if (!existsSync(path.join(root, 'dist/index.js'))) {
    execFileSync('npx', ['--no-install', 'tsup'], { cwd: root, stdio: 'ignore' })
  }
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
  })
  pack = (JSON.parse(out) as PackResult[])[0] as PackResult
  files = pack.files.map((f) => f.path).sort()
}, 120_000)

describe('npm tarball', () => {
  it('ships dist, the documents and package.json only', () => {
    const outside = files.filter((f) => !f.startsWith('dist/'))
    expect(outside).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'])
    const kinds = new Set(
      files.filter((f) => f.startsWith('dist/')).map((f) => f.replace(/^.*?(\.d\.ts|\.js\.map|\.js)$/, '$1')),
    )
    expect([...kinds].sort()).toEqual(['.d.ts', '.js', '.js.map'])
  })

  it('has a declaration and a source map for every module, and every entry point', () => {
    const js = files.filter((f) => f.endsWith('.js'))
    expect(js.length).toBeGreaterThan(300)
    for (const f of js) {
      expect(files, f).toContain(`${f}.map`)
      expect(files, f).toContain(f.replace(/\.js$/, '.d.ts'))
    }
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>
      bin: Record<string, string>
    }
    const targets = [
      ...Object.values(manifest.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
      ...Object.values(manifest.bin),
    ]
    for (const t of targets) expect(files, t).toContain(t.replace(/^\.\//, ''))
  })

  it('source maps carry their sources, so a debugger needs no src/ (not shipped)', () => {
    for (const f of ['dist/index.js.map', 'dist/transport/transport.js.map', 'dist/sim/cli.js.map']) {
      const map = JSON.parse(readFileSync(path.join(root, f), 'utf8')) as {
        sources: string[]
        sourcesContent?: (string | null)[]
      }
      expect(map.sources.length, f).toBeGreaterThan(0)
      expect(map.sourcesContent?.length, f).toBe(map.sources.length)
      for (const content of map.sourcesContent ?? []) expect(content?.length ?? 0, f).toBeGreaterThan(0)
    }
    // measured 2.62 MB with this layout (3.61 MB when src/ was shipped next to full maps)
    expect(pack.unpackedSize).toBeLessThan(3_000_000)
  })
})
