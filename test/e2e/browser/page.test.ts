/**
 * The SDK in a real browser: headless Chromium loads examples/browser (the SDK bundled for
 * browsers, the page's own WebSocket, AES-192 session keys on the pure-JS cipher), logs in to the
 * simulator and shows the account and live ticks.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BrowserExample, serveBrowserExample } from '../../../examples/browser/serve.js'
import { type HeadlessChromium, launchChromium } from '../../helpers/chromium.js'

describe('browser: examples/browser in headless Chromium', () => {
  let example: BrowserExample
  let chromium: HeadlessChromium
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    example = await serveBrowserExample({ tickIntervalMs: 100 })
    chromium = await launchChromium()
    page = await chromium.context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(example.url)
  })
  afterAll(async () => {
    await chromium?.close()
    await example?.close()
  })

  it('logs in with the page WebSocket and shows the account', async () => {
    await expect.poll(() => page.inputValue('#server')).toBe(example.sim.url())
    await page.fill('#password', 'Demo1234')
    await page.click('#login button')
    await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toBe('connected')
    await expect.poll(() => page.locator('#account').getAttribute('data-loaded')).toBe('true')
    expect(await page.locator('#account [data-field="login"]').textContent()).toBe('10001')
    expect(await page.locator('#account [data-field="currency"]').textContent()).toBe('USD')
    expect(await page.locator('#account [data-field="balance"]').textContent()).toMatch(/^\d+\.\d{2}$/)
  })

  it('sees live ticks arrive for every symbol', async () => {
    await expect
      .poll(async () => Number(await page.locator('#tick-count').getAttribute('data-count')), {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(6)
    const first = Number(await page.locator('#tick-count').getAttribute('data-count'))
    await expect
      .poll(async () => Number(await page.locator('#tick-count').getAttribute('data-count')), {
        timeout: 15_000,
      })
      .toBeGreaterThan(first)
    for (const symbol of ['EURUSD', 'GBPUSD', 'USDJPY']) {
      const bid = await page.locator(`tr[data-symbol="${symbol}"] td`).nth(1).textContent()
      expect(Number(bid)).toBeGreaterThan(0)
    }
    expect(pageErrors).toEqual([])
  })

  it('the page ran on the pure-JS cipher with a 24-byte session key', async () => {
    // The simulator only hands out 24-byte keys here; WebCrypto's AES-CBC refuses them, so ticks
    // on the page prove the noble path decrypts AES-192.
    const keySizes = example.sim.control.connections().map((c) => c.keySize)
    expect(keySizes.length).toBeGreaterThan(0)
    expect(new Set(keySizes)).toEqual(new Set([24]))
  })

  it('a wrong password is shown as an error on the page', async () => {
    await page.fill('#password', 'wrong-password')
    await page.click('#login button')
    await expect
      .poll(() => page.locator('#status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('error')
    expect(await page.locator('#status').textContent()).not.toContain('wrong-password')
  })
})
