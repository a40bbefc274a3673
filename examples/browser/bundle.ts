/**
 * The SDK as one browser file: esbuild bundles the published ESM (`dist/index.js`, the package's
 * `browser` field applied) for `platform: 'browser'` and fails on any Node built-in it reaches, so
 * the bundle doubles as the proof that the browser entry never needs `node:*`.
 * Run `npx tsup` first (the bundle is made from `dist/`).
 */
import { existsSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

/** The repository root (the `mt5web` package). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A built entry of the package, e.g. `dist/index.js` or `dist/compat/index.js`. */
export function packageEntry(path: string): string {
  const file = join(PACKAGE_ROOT, path)
  if (!existsSync(file)) throw new Error(`${path} is missing: run \`npx tsup\` first`)
  return file
}

const builtins = new Set(builtinModules)

/** Fails the build on `node:*` or a bare Node built-in (`crypto`, `fs`, …), naming the importer. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!args.path.startsWith('node:') && !builtins.has(args.path)) return undefined
      return {
        errors: [
          { text: `Node built-in "${args.path}" reached from ${relative(PACKAGE_ROOT, args.importer)}` },
        ],
      }
    })
  },
}

/** What {@link bundleForBrowser} produced. */
export interface BrowserBundle {
  /** The ESM bundle. */
  code: string
  /** Every input file, relative to the package root. */
  inputs: string[]
}

/**
 * Bundles an entry of the package for browsers (ESM, minified-whitespace off, so a page's errors
 * stay readable).
 * @throws when a Node built-in is reached or the entry does not build
 */
export async function bundleForBrowser(entry = packageEntry('dist/index.js')): Promise<BrowserBundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [noNodeBuiltins],
  })
  const code = result.outputFiles[0]?.text
  if (code === undefined) throw new Error('esbuild produced no output')
  return { code, inputs: Object.keys(result.metafile.inputs) }
}
