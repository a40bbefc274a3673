/** `mt5web --version`: the version of the installed package. */
import { readFileSync } from 'node:fs'

/** The `version` of the package's `package.json` (two levels up from `src/cli/` and `dist/cli/`). */
export function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  const version = (JSON.parse(text) as { version?: unknown }).version
  if (typeof version !== 'string') throw new Error('package.json has no version')
  return version
}
