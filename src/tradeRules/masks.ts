/**
 * Mask matching. Two dialects exist:
 *
 * - {@link matchesPathMask}: the official client's group-override rule
 * (docs/architecture.md#symbols-and-trade-settings): split on
 *   `,`, trim; any `!pattern` that matches excludes; otherwise any pattern that matches includes.
 *   Only `*` is a wildcard (any run of characters, `\` included).
 * - {@link matchesGroupMask}: the MetaTrader5-style `group` filter (docs/compat.md): `*`, `?` and
 *   `[…]` wildcards; a name matches when it matches any positive pattern (or there is none) and no
 *   negative pattern.
 *
 * Both are case-sensitive (as pymt5's `fnmatchcase`).
 */

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

const pathCache = new Map<string, RegExp>()

function starPattern(pattern: string): RegExp {
  let re = pathCache.get(pattern)
  if (re === undefined) {
    re = new RegExp(`^${pattern.split('*').map(escapeRegex).join('[\\s\\S]*')}$`)
    if (pathCache.size > 1000) pathCache.clear()
    pathCache.set(pattern, re)
  }
  return re
}

function splitMask(mask: string): string[] {
  return mask
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
}

/** Official path-mask rule for account trade-settings overrides (only `*`, `!` excludes). */
export function matchesPathMask(mask: string, path: string): boolean {
  const patterns = splitMask(mask)
  for (const p of patterns) {
    if (p.startsWith('!') && starPattern(p.slice(1)).test(path)) return false
  }
  return patterns.some((p) => !p.startsWith('!') && starPattern(p).test(path))
}

const globCache = new Map<string, RegExp>()

/** fnmatch-style glob → RegExp (`*`, `?`, `[seq]`, `[!seq]`). */
export function globToRegExp(glob: string): RegExp {
  let re = globCache.get(glob)
  if (re !== undefined) return re
  let out = ''
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!
    if (c === '*') out += '[\\s\\S]*'
    else if (c === '?') out += '[\\s\\S]'
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end < 0) {
        out += '\\['
        continue
      }
      let body = glob.slice(i + 1, end)
      const negate = body.startsWith('!')
      if (negate) body = body.slice(1)
      out += `[${negate ? '^' : ''}${body.replace(/[\\^\]]/g, '\\$&')}]`
      i = end
    } else out += escapeRegex(c)
  }
  re = new RegExp(`^${out}$`)
  if (globCache.size > 1000) globCache.clear()
  globCache.set(glob, re)
  return re
}

/** MetaTrader5-style group filter (`*`, `?`, `[…]`; `!` excludes). An empty mask matches everything. */
export function matchesGroupMask(mask: string, name: string): boolean {
  const patterns = splitMask(mask)
  const positive = patterns.filter((p) => !p.startsWith('!'))
  const negative = patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1))
  if (negative.some((p) => globToRegExp(p).test(name))) return false
  return positive.length === 0 || positive.some((p) => globToRegExp(p).test(name))
}
