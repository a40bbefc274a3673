// The published ESM bundled for browsers (esbuild, platform 'browser', the package's `browser`
// field applied): no Node built-in is reached from the root entry or from `mt5web/compat`.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleForBrowser, PACKAGE_ROOT, packageEntry } from '../../../examples/browser/bundle.js'

beforeAll(() => {
  if (!existsSync(join(PACKAGE_ROOT, 'dist/index.js')))
    execFileSync('npx', ['--no-install', 'tsup'], { cwd: PACKAGE_ROOT, stdio: 'ignore' })
}, 120_000)

describe('browser bundle of the published package', () => {
  for (const entry of ['dist/index.js', 'dist/compat/index.js']) {
    it(`${entry} reaches no Node built-in`, async () => {
      const bundle = await bundleForBrowser(packageEntry(entry))
      expect(bundle.inputs.filter((input) => input.startsWith('node:'))).toEqual([])
      expect(bundle.code).not.toMatch(/from ["']node:/)
      // the node:crypto fast path is cut by the `browser` field, the pure-JS AES stays
      expect(bundle.inputs).toContain('(disabled):dist/protocol/cipherNode.js')
      expect(bundle.inputs).toContain('node_modules/@noble/ciphers/aes.js')
    })
  }

  it('the guard fails on a Node built-in, naming the importer', async () => {
    // the simulator runs on Node only: bundling it must be refused
    await expect(bundleForBrowser(packageEntry('dist/sim/index.js'))).rejects.toThrow(
      /Node built-in "node:[a-z_/]+" reached from dist\/sim\//,
    )
  })
})
