/**
 * Headless Chromium for browser tests: Debian's package (`/usr/bin/chromium`, or `CHROMIUM_PATH`)
 * driven by playwright-core, in a throw-away profile. `.ci/run` installs Chromium when missing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type BrowserContext, chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** A running browser; `close()` also removes its profile. */
export interface HeadlessChromium {
  context: BrowserContext
  close(): Promise<void>
}

/** Launches headless Chromium with a fresh profile (no sandbox, no background networking). */
export async function launchChromium(viewport = { width: 1100, height: 900 }): Promise<HeadlessChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'mt5web-chromium-'))
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    return {
      context,
      async close() {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
}
