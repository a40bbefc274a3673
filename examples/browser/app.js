// The page's script: plain ESM, no build step. `./mt5web.js` is the SDK bundled for browsers
// (see bundle.ts); with your own bundler write `import { createClient } from 'mt5web'` instead.
import { createClient } from './mt5web.js'

const $ = (selector) => document.querySelector(selector)
const config = await (await fetch('./config.json')).json()
$('#server').value = config.server
$('#account-login').value = String(config.login)

let client
let ticks = 0

function setStatus(text, state) {
  $('#status').textContent = text
  $('#status').dataset.state = state
}

function showAccount(account) {
  const dl = $('#account')
  const shown = {
    login: String(account.login),
    name: account.name,
    balance: account.balance.toFixed(account.currencyDigits),
    equity: account.equity.toFixed(account.currencyDigits),
    currency: account.currency,
  }
  for (const [field, text] of Object.entries(shown))
    dl.querySelector(`[data-field="${field}"]`).textContent = text
  dl.dataset.loaded = 'true'
}

function showTick(tick) {
  const body = $('#ticks tbody')
  let row = body.querySelector(`tr[data-symbol="${tick.symbol}"]`)
  if (!row) {
    row = document.createElement('tr')
    row.dataset.symbol = tick.symbol
    for (let i = 0; i < 4; i++) row.append(document.createElement('td'))
    body.append(row)
  }
  const cells = row.children
  cells[0].textContent = tick.symbol
  cells[1].textContent = String(tick.bid)
  cells[2].textContent = String(tick.ask)
  cells[3].textContent = new Date(tick.timeMs).toISOString().slice(11, 23)
  ticks += 1
  $('#tick-count').textContent = String(ticks)
  $('#tick-count').dataset.count = String(ticks)
}

$('#login').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.currentTarget)
  await client?.close()
  // No WebSocket option: outside Node the SDK uses the page's own WebSocket.
  client = createClient({
    server: String(form.get('server')),
    login: String(form.get('login')),
    password: String(form.get('password')),
  })
  client.events.on('tick', showTick)
  client.events.on('disconnect', () => setStatus('disconnected', 'idle'))
  client.events.on('reconnecting', () => setStatus('reconnecting…', 'connecting'))
  client.events.on('connect', () => setStatus('connected', 'connected'))
  setStatus('connecting…', 'connecting')
  try {
    await client.connect()
    setStatus('connected', 'connected')
    showAccount(await client.accountInfo())
    await client.subscribeTicks(config.symbols)
  } catch (error) {
    setStatus(`${error.code ?? 'error'}: ${error.message}`, 'error')
  }
})
