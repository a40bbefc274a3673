// The release workflow takes its notes from the CHANGELOG section of the tagged version (the same
// awk range as .github/workflows/release.yml): that section must exist and not be empty.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const root = new URL('../../', import.meta.url)
const changelog = readFileSync(new URL('CHANGELOG.md', root), 'utf8')
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }

/** The lines between `## [version]` and the next `## [` heading, as release.yml extracts them. */
function notesOf(text: string, v: string): string {
  const out: string[] = []
  let on = false
  for (const line of text.split('\n')) {
    if (line.startsWith(`## [${v}]`)) on = true
    else if (on && line.startsWith('## [')) break
    else if (on) out.push(line)
  }
  return out.join('\n').trim()
}

describe('CHANGELOG.md', () => {
  it('opens with an [Unreleased] section, then the current version with a date', () => {
    const headings = [...changelog.matchAll(/^## \[([^\]]+)\](.*)$/gm)].map((m) => `${m[1]}${m[2]}`)
    expect(headings[0]).toBe('Unreleased')
    expect(headings).toContainEqual(
      expect.stringMatching(new RegExp(`^${version.replace(/\./g, '\\.')} - \\d{4}-\\d{2}-\\d{2}$`)),
    )
  })

  it('has release notes for the version in package.json', () => {
    const notes = notesOf(changelog, version)
    expect(notes).toMatch(/^### Added/)
    expect(notes.length).toBeGreaterThan(1000)
  })
})
