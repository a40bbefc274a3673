/**
 * The status page: one HTML document and one script, served as they are (no build step, no
 * dependency), readable on a phone. The script reads `/api/events` with `fetch` (not EventSource,
 * which cannot send the bearer token) and renders every value with `textContent`, never as HTML:
 * symbols, comments and reasons come from brokers.
 */

export const pageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mt5web-copier status</title>
<style>
:root { color-scheme: light dark; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --muted: #6e7781; --line: #d0d7de88; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 12px; max-width: 1200px; margin-inline: auto; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; }
h1 { font-size: 18px; margin: 0; }
h2 { font-size: 15px; margin: 20px 0 6px; }
.muted { color: var(--muted); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; white-space: nowrap; }
th { font-weight: 600; font-size: 12px; color: var(--muted); }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.s-synced, .s-inSync, .s-ready, .s-placed, .s-modified, .s-cancelled, .s-converted, .s-linked { color: var(--ok); }
.s-connected, .s-connecting, .s-pendingChange, .s-placing, .s-waiting, .s-kept, .s-orphan, .s-skipped { color: var(--warn); }
.s-disconnected, .s-refused, .s-failed, .s-unknown, .s-notReady { color: var(--bad); }
.s-notEligible, .s-disabled, .s-elsewhere { color: var(--muted); }
.copy { font-size: 12px; }
.reason { font-size: 12px; color: var(--muted); white-space: normal; max-width: 240px; }
#token { display: none; margin: 12px 0; padding: 8px; border: 1px solid var(--line); }
ul { margin: 0; padding-left: 18px; }
</style>
</head>
<body>
<header>
  <h1>mt5web-copier</h1>
  <span id="ready" class="badge">…</span>
  <span id="live" class="muted">connecting…</span>
</header>
<form id="token"><label>Bearer token <input id="token-input" type="password" autocomplete="off"></label> <button>Use</button></form>
<section><h2>Accounts</h2><div class="scroll"><table id="accounts"><thead><tr>
  <th>Account</th><th>Role</th><th>State</th><th>Login</th><th>Ping</th><th>Last message</th><th>Reconnects</th>
</tr></thead><tbody></tbody></table></div></section>
<section id="fleet-section" hidden><h2>Fleet</h2><p id="fleet-self" class="muted"></p>
  <div class="scroll"><table id="fleet-instances"><thead><tr>
  <th>Instance</th><th>Host</th><th>Alive</th><th>Heartbeat</th><th>Leases</th>
</tr></thead><tbody></tbody></table></div>
  <div class="scroll"><table id="fleet-leases"><thead><tr><th>Target</th><th>Owner</th><th>Epoch</th><th>Expires in</th></tr></thead><tbody></tbody></table></div></section>
<section><h2>Source orders and their copies</h2><div class="scroll"><table id="orders"><thead></thead><tbody></tbody></table></div>
  <p id="no-orders" class="muted">No pending orders on the source.</p></section>
<section><h2>Orphans</h2><div class="scroll"><table id="orphans"><thead><tr>
  <th>Target</th><th>Source</th><th>Copy</th><th>Seen</th><th>Policy</th>
</tr></thead><tbody></tbody></table></div><p id="no-orphans" class="muted">None.</p></section>
<section><h2>Refusals by reason</h2><ul id="refusals"></ul><p id="no-refusals" class="muted">None.</p></section>
<section><h2>Last actions</h2><div class="scroll"><table id="actions"><thead><tr>
  <th>Time</th><th>Action</th><th>Target</th><th>Detail</th><th>Latency</th>
</tr></thead><tbody></tbody></table></div></section>
<script src="/app.js"></script>
</body>
</html>
`

export const pageScript = `'use strict'
;(function () {
  var MAX_ACTIONS = 50
  var token = sessionStorage.getItem('copierToken') || ''
  var actions = []
  var lastStatusAt = 0

  function $(id) { return document.getElementById(id) }
  function el(tag, attrs, children) {
    var node = document.createElement(tag)
    for (var k in attrs || {}) {
      if (k === 'text') node.textContent = attrs[k]
      else if (k === 'class') node.className = attrs[k]
      else node.setAttribute(k, attrs[k])
    }
    ;(children || []).forEach(function (c) { if (c) node.appendChild(c) })
    return node
  }
  function badge(state, text) { return el('span', { class: 'badge s-' + state, 'data-state': state, text: text || state }) }
  function ms(v) { return v === null || v === undefined ? '–' : v < 1000 ? Math.round(v) + ' ms' : (v / 1000).toFixed(1) + ' s' }
  function time(t) { return new Date(t).toLocaleTimeString() }
  function headers() { return token ? { Authorization: 'Bearer ' + token } : {} }
  function fill(tbody, rows) { tbody.replaceChildren.apply(tbody, rows) }

  function renderFleet(f) {
    $('fleet-section').hidden = !f
    if (!f) return
    var secs = function (ms) { return ms === null ? '-' : (ms / 1000).toFixed(1) + ' s' }
    $('fleet-self').textContent = 'This instance: ' + f.instance + ', acting on ' + f.held.length + ' target(s).'
    fill($('fleet-instances').tBodies[0], f.instances.map(function (i) {
      return el('tr', { 'data-instance': i.id }, [el('td', { text: i.id }), el('td', { text: i.host + ' (pid ' + i.pid + ')' }),
        el('td', {}, [badge(i.alive ? 'ready' : 'notReady', i.alive ? 'alive' : 'gone')]), el('td', { text: secs(i.heartbeatAgeMs) + ' ago' }),
        el('td', { text: String(i.leases) })])
    }))
    fill($('fleet-leases').tBodies[0], f.leases.map(function (l) {
      var live = l.owner !== null && l.expiresInMs !== null && l.expiresInMs > 0
      return el('tr', { 'data-lease': l.target, 'data-owner': live ? l.owner : '' }, [el('td', { text: l.target }),
        el('td', { text: live ? l.owner : 'free' }), el('td', { text: String(l.epoch) }), el('td', { text: live ? secs(l.expiresInMs) : '-' })])
    }))
  }

  function renderAccounts(list) {
    fill($('accounts').tBodies[0], list.map(function (a) {
      return el('tr', { 'data-account': a.id, 'data-state': a.state }, [
        el('td', { text: a.id }), el('td', { text: a.role }), el('td', {}, [badge(a.state), a.gaveUp ? el('div', { class: 'muted gave-up', text: a.gaveUp.message }) : null]),
        el('td', { text: a.login }), el('td', { class: 'num', text: ms(a.pingMs) }),
        el('td', { class: 'num', text: ms(a.lastMessageAgeMs) }), el('td', { class: 'num', text: String(a.reconnects) })
      ])
    }))
  }

  function copyCell(c) {
    var parts = [badge(c.state)]
    if (c.copyTicket) parts.push(el('div', { class: 'copy', text: '#' + c.copyTicket + ' ' + (c.symbol || '') + ' ' + (c.volume === null ? '' : c.volume) + ' @ ' + (c.price === null ? '' : c.price) }))
    else if (c.symbol && c.state === 'placing') parts.push(el('div', { class: 'copy', text: c.symbol + ' ' + c.volume + ' @ ' + c.price }))
    if (c.reason) parts.push(el('div', { class: 'reason', text: c.reason + (c.detail ? ': ' + c.detail : '') }))
    return el('td', { 'data-target': c.target, 'data-state': c.state }, parts)
  }

  function renderOrders(orders, targets) {
    var head = $('orders').tHead
    fill(head, [el('tr', {}, [el('th', { text: 'Source order' })].concat(targets.map(function (t) { return el('th', { text: t }) })))])
    fill($('orders').tBodies[0], orders.map(function (o) {
      var desc = '#' + o.ticket + ' ' + o.type + ' ' + o.symbol + ' ' + o.volume + ' @ ' + o.price
      return el('tr', { 'data-order': o.ticket }, [el('td', { text: desc })].concat(o.copies.map(copyCell)))
    }))
    $('no-orders').style.display = orders.length ? 'none' : ''
  }

  function renderOrphans(list) {
    fill($('orphans').tBodies[0], list.map(function (o) {
      return el('tr', { 'data-orphan': o.copyTicket || '' }, [
        el('td', { text: o.target }), el('td', { text: '#' + o.sourceTicket }), el('td', { text: o.copyTicket ? '#' + o.copyTicket : '–' }),
        el('td', { text: o.preserved ? 'preserved' : o.count + ' / ' + o.confirmations }), el('td', { text: o.policy })
      ])
    }))
    $('no-orphans').style.display = list.length ? 'none' : ''
  }

  function renderRefusals(byReason) {
    var keys = Object.keys(byReason).sort()
    fill($('refusals'), keys.map(function (k) { return el('li', { 'data-reason': k, text: k + ': ' + byReason[k] }) }))
    $('no-refusals').style.display = keys.length ? 'none' : ''
  }

  function renderActions() {
    fill($('actions').tBodies[0], actions.map(function (a) {
      return el('tr', { 'data-action': a.action }, [
        el('td', { text: time(a.atMs) }), el('td', {}, [badge(a.action)]), el('td', { text: a.target }),
        el('td', { class: 'reason', text: a.detail }), el('td', { class: 'num', text: ms(a.latencyMs) })
      ])
    }))
  }

  function onStatus(s) {
    lastStatusAt = Date.now()
    var ready = $('ready')
    ready.className = 'badge s-' + (s.ready ? 'ready' : 'notReady')
    ready.textContent = s.ready ? 'ready' : 'not ready: ' + s.notReady.join('; ')
    ready.setAttribute('data-ready', String(s.ready))
    var targets = s.accounts.filter(function (a) { return a.role === 'target' }).map(function (a) { return a.id })
    renderAccounts(s.accounts)
    renderFleet(s.fleet)
    renderOrders(s.orders, targets)
    renderOrphans(s.orphans)
    renderRefusals(s.refusals)
    actions = s.actions.slice(0, MAX_ACTIONS)
    renderActions()
  }

  function onAction(a) {
    actions.unshift(a)
    if (actions.length > MAX_ACTIONS) actions.length = MAX_ACTIONS
    renderActions()
  }

  function handle(block) {
    var event = 'message', data = ''
    block.split('\\n').forEach(function (line) {
      if (line.indexOf('event: ') === 0) event = line.slice(7)
      else if (line.indexOf('data: ') === 0) data += line.slice(6)
    })
    if (!data) return
    var value = JSON.parse(data)
    if (event === 'status') onStatus(value)
    else if (event === 'action') onAction(value)
  }

  function askToken() {
    $('token').style.display = 'block'
    $('live').textContent = 'a token is required'
  }
  $('token').addEventListener('submit', function (e) {
    e.preventDefault()
    token = $('token-input').value.trim()
    sessionStorage.setItem('copierToken', token)
    $('token').style.display = 'none'
    connect()
  })

  function retry() {
    $('live').textContent = 'disconnected, retrying…'
    setTimeout(connect, 1000)
  }

  function connect() {
    fetch('/api/events', { headers: headers(), cache: 'no-store' }).then(function (res) {
      if (res.status === 401) return askToken()
      if (!res.ok || !res.body) return retry()
      $('live').textContent = 'live'
      var reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      var buffer = ''
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) return retry()
          buffer += r.value
          var i
          while ((i = buffer.indexOf('\\n\\n')) >= 0) {
            handle(buffer.slice(0, i))
            buffer = buffer.slice(i + 2)
          }
          return pump()
        })
      }
      return pump()
    }).catch(retry)
  }

  setInterval(function () {
    if (lastStatusAt && Date.now() - lastStatusAt > 10000) $('live').textContent = 'stale: no update for ' + Math.round((Date.now() - lastStatusAt) / 1000) + ' s'
  }, 1000)
  connect()
})()
`
