/**
 * The floor under `bench/simLoad.ts`: what one socket write per session per broadcast costs on
 * this machine with nothing else — N loopback TCP sockets (no WebSocket, no cipher, no protocol)
 * read by a child process, every socket written `--bytes` bytes every 100 ms, as the simulator
 * writes each session one frame per tick broadcast. Prints the writer's CPU per write (user and
 * system), its CPU share, the rounds held (of 10 per second) and the load average: if one round of
 * N writes alone takes more than the lateness budget, no simulator on one thread meets it.
 * Run: `npx tsx bench/simLoadFloor.ts [--clients 6000] [--seconds 5] [--bytes 560]`
 * (560 B: a cmd 8 frame of 10 ticks with its headers).
 */
import { fork } from 'node:child_process'
import { connect, createServer, type Socket } from 'node:net'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}

const clients = arg('clients', 6000)

/** The reader: opens the sockets, counts bytes, reports when told. */
async function reader(port: number): Promise<void> {
  let bytes = 0
  // In batches: thousands of connects at once overflow the listen queue, and every dropped SYN
  // waits out TCP's retransmit backoff (1, 3, 7 … s), which once made 6,000 clients hang here.
  const batch = 250
  for (let first = 0; first < clients; first += batch) {
    const count = Math.min(batch, clients - first)
    await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<void>((resolve, reject) => {
            const socket = connect(port, '127.0.0.1', resolve)
            socket.once('error', reject)
            socket.on('data', (data) => {
              bytes += data.length
            })
          }),
      ),
    )
  }
  process.send?.({ type: 'ready' })
  process.on('message', () => {
    process.send?.({ type: 'bytes', bytes })
    process.exit(0)
  })
}

async function writer(): Promise<void> {
  const seconds = arg('seconds', 5)
  const size = arg('bytes', 560)
  const sockets: Socket[] = []
  const server = createServer((socket) => {
    socket.setNoDelay(true) // as `ws` does
    sockets.push(socket)
  })
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve))
  const { port } = server.address() as { port: number }
  const child = fork(
    fileURLToPath(import.meta.url),
    ['--reader', String(port), '--clients', String(clients)],
    {
      execArgv: ['--import', 'tsx'],
    },
  )
  await new Promise((resolve) => child.once('message', resolve))
  // The reader saw every connect; the listener may not have accepted them all yet.
  while (sockets.length < clients) await new Promise((resolve) => setTimeout(resolve, 10))
  const payload = Buffer.alloc(size, 7)
  const loadBefore = loadavg()[0]!
  const cpu0 = process.cpuUsage()
  const t0 = Date.now()
  let rounds = 0
  const roundMs: number[] = []
  const timer = setInterval(() => {
    const began = performance.now()
    // A fresh buffer per write, as each session's frame is its own.
    for (const socket of sockets) socket.write(Buffer.from(payload))
    roundMs.push(performance.now() - began)
    rounds += 1
  }, 100)
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  clearInterval(timer)
  const cpu = process.cpuUsage(cpu0)
  const wallMs = Date.now() - t0
  const writes = rounds * sockets.length
  roundMs.sort((a, b) => a - b)
  process.stdout.write(
    `${JSON.stringify({
      clients: sockets.length,
      bytes: size,
      rounds,
      roundsDue: Math.floor(wallMs / 100),
      roundMsP50: Number(roundMs[Math.floor(roundMs.length / 2)]?.toFixed(1)),
      roundMsMax: Number(roundMs[roundMs.length - 1]?.toFixed(1)),
      userUsPerWrite: Number((cpu.user / writes).toFixed(2)),
      systemUsPerWrite: Number((cpu.system / writes).toFixed(2)),
      cpuPercentOfOneCore: Number(((cpu.user + cpu.system) / 10 / wallMs).toFixed(1)),
      loadAverageBefore: Number(loadBefore.toFixed(1)),
      loadAverage: Number(loadavg()[0]!.toFixed(1)),
    })}\n`,
  )
  child.send({ type: 'stop' })
  await new Promise((resolve) => child.once('exit', resolve))
  for (const socket of sockets) socket.destroy()
  server.close()
}

const at = process.argv.indexOf('--reader')
if (at >= 0) void reader(Number(process.argv[at + 1]))
else void writer()
