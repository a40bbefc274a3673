/**
 * The status page in a real browser: headless Chromium (Debian's package, driven by playwright-core)
 * loads the page while the copier runs against the simulator, and sees a copy appear, change and
 * disappear live (no reload), and a target going down.
 * `COPIER_SCREENSHOT=path.png` also saves a screenshot of the page with a few copies on it.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HeadlessChromium, launchChromium } from '../../../../test/helpers/chromium.js'
import { serveStatus } from '../../src/http/serve.js'
import { HEDGING, placeSource, SOURCE_LOGIN, T } from './_env.js'
import { type StatusEnv, startStatusEnv, takeDown } from './_status.js'

describe('copier e2e: the status page in Chromium', () => {
  let s: StatusEnv
  let chromium: HeadlessChromium
  let browser: BrowserContext
  let page: Page
  beforeAll(async () => {
    s = await startStatusEnv()
    chromium = await launchChromium()
    browser = chromium.context
    page = await browser.newPage()
    await page.goto(`${s.url}/`)
  })
  afterAll(async () => {
    await chromium?.close()
    await s?.close()
  })

  const cell = (ticket: bigint, target: string) =>
    page.locator(`tr[data-order="${ticket}"] td[data-target="${target}"]`)

  it('shows every account connected and the page live', async () => {
    await expect.poll(() => page.locator('#live').textContent(), { timeout: 10_000 }).toBe('live')
    for (const id of ['source', 'suffix', 'coarse', 'limits'])
      await expect
        .poll(() => page.locator(`tr[data-account="${id}"]`).getAttribute('data-state'))
        .toBe('synced')
    await expect.poll(() => page.locator('#ready').getAttribute('data-ready')).toBe('true')
  })

  it('fits a phone screen: only the tables scroll sideways, never the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 })
    try {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      expect(await page.locator('tr[data-account="limits"]').isVisible()).toBe(true)
    } finally {
      await page.setViewportSize({ width: 1100, height: 900 })
    }
  })

  it('shows a copy appear, change and disappear without a reload', async () => {
    const ticket = placeSource(s.env, { symbol: 'EURUSD', type: T.buyLimit, lots: 0.3, price: 1.08 })
    for (const target of ['suffix', 'coarse', 'limits'])
      await expect
        .poll(() => cell(ticket, target).getAttribute('data-state'), { timeout: 10_000 })
        .toBe('inSync')
    expect(await cell(ticket, 'suffix').textContent()).toContain('EURUSD.m 0.6 @ 1.08')
    // a stop order the limit-only target does not take: shown as not eligible, with the reason
    const stop = placeSource(s.env, { symbol: 'EURUSD', type: T.buyStop, lots: 0.2, price: 1.09 })
    await expect
      .poll(() => cell(stop, 'limits').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('notEligible')
    expect(await cell(stop, 'limits').textContent()).toContain('orderTypeNotAllowed')
    await expect
      .poll(() => cell(stop, 'suffix').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('inSync')

    s.env.sim.control.modifyOrder(SOURCE_LOGIN, ticket, { price: 1.079 })
    await expect.poll(() => cell(ticket, 'coarse').textContent(), { timeout: 10_000 }).toContain('@ 1.079')
    await expect
      .poll(() => page.locator('#actions tr[data-action="modified"]').count(), { timeout: 10_000 })
      .toBe(3)
    const screenshot = process.env.COPIER_SCREENSHOT
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true })

    // cancelled on the source: its copies become orphans, cancelled after 3 checks (policy kill)
    s.env.sim.control.cancelOrder(SOURCE_LOGIN, ticket)
    await expect.poll(() => page.locator(`tr[data-order="${ticket}"]`).count(), { timeout: 10_000 }).toBe(0)
    for (let check = 1; check <= 3; check++) {
      s.env.sim.control.advanceClock(31_000)
      await s.c.copier.reconcileOnce()
      if (check < 3)
        await expect
          .poll(() => page.locator('#orphans tbody tr').allTextContents(), { timeout: 10_000 })
          .toEqual(expect.arrayContaining([expect.stringContaining(`#${ticket}`)]))
    }
    await expect.poll(() => page.locator('#orphans tbody tr').count(), { timeout: 10_000 }).toBe(0)
    await expect
      .poll(() => page.locator('#actions tr[data-action="cancelled"]').count(), { timeout: 10_000 })
      .toBe(3)
  })

  it('asks for the bearer token when the server has one, then goes live', async () => {
    const token = 'browser-test-token-0123'
    const guarded = await serveStatus(s.c.copier, { listen: '127.0.0.1:0', token, processMetrics: false })
    const tab = await browser.newPage()
    try {
      await tab.goto(`${guarded.url}/`)
      await expect
        .poll(() => tab.locator('#live').textContent(), { timeout: 10_000 })
        .toBe('a token is required')
      expect(await tab.locator('#token').isVisible()).toBe(true)
      await tab.fill('#token-input', token)
      await tab.click('#token button')
      await expect.poll(() => tab.locator('#live').textContent(), { timeout: 10_000 }).toBe('live')
      await expect
        .poll(() => tab.locator('tr[data-account="suffix"]').getAttribute('data-state'))
        .toBe('synced')
    } finally {
      await tab.close()
      await guarded.close()
    }
  })

  it('shows a target whose password changed as failed, with the reason', async () => {
    takeDown(s.env, 'LimitBroker', HEDGING)
    await expect
      .poll(() => page.locator('tr[data-account="limits"]').getAttribute('data-state'), { timeout: 10_000 })
      .toBe('failed')
    await expect
      .poll(() => page.locator('#ready').textContent())
      .toContain('target limits failed, not retried')
    expect(await page.locator('tr[data-account="limits"] .gave-up').textContent()).toMatch(
      /invalid account or password/,
    )
    expect(await page.locator('tr[data-account="suffix"]').getAttribute('data-state')).toBe('synced')
  })
})
