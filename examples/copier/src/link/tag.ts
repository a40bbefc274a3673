/**
 * The comment tag that links a copy to its source order: the web trade request has no magic field,
 * so the link travels in the order comment (31 characters usable).
 *
 * Format: `<prefix>:<ticket base36>:<check>`, e.g. `cp:1njchs:k3x` for source ticket 100000000.
 * - `prefix`: `cp` unless configured (`tagPrefix`), so two copiers can share a target account;
 * - `ticket`: the source ticket in base 36, lowercase, no leading zero (at most 13 characters);
 * - `check`: 3 base-36 characters of FNV-1a over prefix, source login and ticket: a tag written for
 *   another source account (or typed by hand) fails it, with a 1 in 46,656 chance of a false match.
 * At most 6 + 1 + 13 + 1 + 3 = 24 characters.
 *
 * Parsing is strict where it must be (prefix, digits, check) and tolerant of what brokers do to
 * comments: case changes, text appended or prepended after a separator (` [sl]`, `[tp 1.1]`,
 * `#123 …`). A truncated tag has a shortened ticket or check and fails, so it can never name a
 * wrong ticket: such an order is simply not ours.
 */
import { TagError } from '../errors.js'

/** Who writes the tags: the prefix and the source account they belong to. */
export interface TagScope {
  /** 1-6 lowercase letters or digits, starting with a letter. Default `cp`. */
  prefix: string
  /** Source account login (decimal string). */
  source: string
}

const MAX_TICKET = (1n << 64n) - 1n
const CHECK_LENGTH = 3
const CHECK_RANGE = 36 ** CHECK_LENGTH

/** Valid tag prefixes. */
export const TAG_PREFIX_PATTERN = /^[a-z][a-z0-9]{0,5}$/

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

function check(scope: TagScope, ticket36: string): string {
  return (fnv1a(`${scope.prefix}:${scope.source}:${ticket36}`) % CHECK_RANGE)
    .toString(36)
    .padStart(CHECK_LENGTH, '0')
}

function assertScope(scope: TagScope): void {
  if (!TAG_PREFIX_PATTERN.test(scope.prefix))
    throw new TagError(
      `tag prefix "${scope.prefix}" must be 1-6 lowercase letters or digits, starting with a letter`,
      scope.prefix,
    )
}

/**
 * The comment tag of a copy of `ticket`.
 * @throws TagError when the ticket is not in 1..2^64-1 or the prefix is invalid
 */
export function formatTag(ticket: bigint, scope: TagScope): string {
  assertScope(scope)
  if (ticket <= 0n || ticket > MAX_TICKET)
    throw new TagError(`source ticket ${ticket} is out of range 1..2^64-1`, ticket)
  const ticket36 = ticket.toString(36)
  return `${scope.prefix}:${ticket36}:${check(scope, ticket36)}`
}

const patterns = new Map<string, RegExp>()

function patternOf(prefix: string): RegExp {
  let pattern = patterns.get(prefix)
  if (pattern === undefined) {
    // Preceded by the start or a non-alphanumeric character; followed by the end or one.
    pattern = new RegExp(
      `(?:^|[^0-9a-z])${prefix}:([1-9a-z][0-9a-z]{0,12}):([0-9a-z]{${CHECK_LENGTH}})(?![0-9a-z])`,
      'g',
    )
    patterns.set(prefix, pattern)
  }
  return pattern
}

function ticketOf36(text: string): bigint {
  let value = 0n
  for (const char of text) value = value * 36n + BigInt(Number.parseInt(char, 36))
  return value
}

/**
 * The source ticket a comment's tag names, or `undefined` when the comment carries no valid tag of
 * this scope (an order without one is never ours). Never throws.
 */
export function parseTag(comment: string, scope: TagScope): bigint | undefined {
  if (comment.length === 0 || !TAG_PREFIX_PATTERN.test(scope.prefix)) return undefined
  const text = comment.toLowerCase()
  if (!text.includes(`${scope.prefix}:`)) return undefined
  const pattern = patternOf(scope.prefix)
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const ticket36 = match[1] as string
    if (match[2] !== check(scope, ticket36)) continue
    const ticket = ticketOf36(ticket36)
    if (ticket <= MAX_TICKET) return ticket
  }
  return undefined
}

/** Comments read per scope (`prefix` NUL `source`); cleared past {@link MAX_READ} entries. */
const reads = new Map<string, Map<string, bigint | undefined>>()
const MAX_READ = 100_000

/**
 * {@link parseTag}, remembered per comment: a scoped plan reads every copy's comment on every
 * target at each source push, and the same comments come back push after push (the checksum and
 * base-36 parse were the planner's largest cost with a few hundred copies per target).
 */
export function readTag(comment: string, scope: TagScope): bigint | undefined {
  const key = `${scope.prefix}\u0000${scope.source}`
  let known = reads.get(key)
  if (known === undefined) {
    known = new Map()
    reads.set(key, known)
  }
  if (known.has(comment)) return known.get(comment)
  const ticket = parseTag(comment, scope)
  if (known.size >= MAX_READ) known.clear()
  known.set(comment, ticket)
  return ticket
}
