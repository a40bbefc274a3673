/**
 * Source symbol → target symbol. Explicit pairs (`GOLD: XAUUSD`) win; then the `*` rules in the
 * order written (`'*': '*.m'` adds a suffix, `'*.raw': '*'` strips one, `'x*': 'y*'` swaps a prefix),
 * keeping the first name the target has; then the same name. A pair naming a symbol the target
 * lacks is not second-guessed: the copy is refused.
 */

/** A compiled `symbols` map of one target. */
export interface SymbolMapper {
  /** The target symbol for `source`, given the names the target has; undefined when none exists. */
  map(source: string, has: (name: string) => boolean): string | undefined
  /** What was tried, for a refusal's detail. */
  candidates(source: string): string[]
}

interface Rule {
  fromPrefix: string
  fromSuffix: string
  toPrefix: string
  toSuffix: string
}

function apply(rule: Rule, source: string): string | undefined {
  if (source.length < rule.fromPrefix.length + rule.fromSuffix.length) return undefined
  if (!source.startsWith(rule.fromPrefix) || !source.endsWith(rule.fromSuffix)) return undefined
  const stem = source.slice(rule.fromPrefix.length, source.length - rule.fromSuffix.length)
  if (stem.length === 0) return undefined
  return `${rule.toPrefix}${stem}${rule.toSuffix}`
}

const mappers = new WeakMap<Readonly<Record<string, string>>, SymbolMapper>()

/** {@link createSymbolMapper}, compiled once per `symbols` config object (a push plans every target). */
export function symbolMapperOf(config: Readonly<Record<string, string>>): SymbolMapper {
  let mapper = mappers.get(config)
  if (mapper === undefined) {
    mapper = createSymbolMapper(config)
    mappers.set(config, mapper)
  }
  return mapper
}

/** Compiles a target's `symbols` config (validated by the schema: one `*` on both sides of a rule). */
export function createSymbolMapper(config: Readonly<Record<string, string>>): SymbolMapper {
  const pairs = new Map<string, string>()
  const rules: Rule[] = []
  for (const [from, to] of Object.entries(config)) {
    const f = from.indexOf('*')
    const t = to.indexOf('*')
    if (f < 0 || t < 0) pairs.set(from, to)
    else
      rules.push({
        fromPrefix: from.slice(0, f),
        fromSuffix: from.slice(f + 1),
        toPrefix: to.slice(0, t),
        toSuffix: to.slice(t + 1),
      })
  }
  const candidates = (source: string): string[] => {
    const pair = pairs.get(source)
    if (pair !== undefined) return [pair]
    const out: string[] = []
    for (const rule of rules) {
      const name = apply(rule, source)
      if (name !== undefined && !out.includes(name)) out.push(name)
    }
    if (!out.includes(source)) out.push(source)
    return out
  }
  const cache = new Map<string, string[]>()
  return {
    candidates,
    map(source, has) {
      let list = cache.get(source)
      if (list === undefined) {
        list = candidates(source)
        cache.set(source, list)
      }
      for (const name of list) if (has(name)) return name
      return undefined
    },
  }
}
