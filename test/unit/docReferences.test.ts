/**
 * Every documentation reference resolves inside this repository: a `docs/<page>.md#<anchor>` cited
 * by a source comment or a doc page names an existing page and heading, and no file cites sections
 * of the external protocol spec (`README §n`, `behaviour.md`, `commands.md`, `records.md`,
 * `enums.md`) any more.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'fixtures') continue
    if (statSync(path).isDirectory()) files(path, out)
    else if (/\.(ts|md)$/.test(name)) out.push(path)
  }
  return out
}

/** GitHub's heading slug: lower case, punctuation dropped, spaces to dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-')
}

const sources = ['src', 'docs', 'test', 'bench']
  .flatMap((d) => files(join(root, d)))
  .filter((file) => !file.endsWith('docReferences.test.ts'))
sources.push(join(root, 'README.md'))

describe('documentation references', () => {
  it('every docs/<page>.md#<anchor> names an existing heading', () => {
    const anchors = new Map<string, Set<string>>()
    const headingsOf = (page: string): Set<string> => {
      let set = anchors.get(page)
      if (!set) {
        const text = readFileSync(join(root, 'docs', page), 'utf8')
        set = new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] ?? '')))
        anchors.set(page, set)
      }
      return set
    }
    const broken: string[] = []
    let checked = 0
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      const inDocs = relative(root, file).startsWith('docs')
      // `docs/page.md#anchor` anywhere; `](page.md#anchor)` links between doc pages
      const refs = [
        ...text.matchAll(/docs\/([a-z-]+\.md)#([a-z0-9-]+)/g),
        ...(inDocs ? text.matchAll(/\]\(([a-z-]+\.md)#([a-z0-9-]+)\)/g) : []),
      ]
      for (const [, page = '', anchor = ''] of refs) {
        checked++
        if (!headingsOf(page).has(anchor)) broken.push(`${relative(root, file)}: docs/${page}#${anchor}`)
      }
    }
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(50)
  })

  it('no file cites the external protocol spec', () => {
    const external = /README §|behaviour\.md|commands\.md|records\.md|enums\.md/
    const citing = sources
      .filter((file) => external.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
    expect(citing).toEqual([])
  })
})
