/**
 * Everything the CLI touches outside itself (streams, environment, files, signals), so that `run()`
 * can be driven by tests. Only `src/cli/**` writes to the console.
 */
import { readFile } from 'node:fs/promises'

/** A writable text sink. */
export interface TextSink {
  write(text: string): unknown
}

/** The CLI's view of its process. */
export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  env: Readonly<Record<string, string | undefined>>
  /** True when a human can answer a prompt: stdin and stderr are terminals. */
  interactive: boolean
  /** Asks a question on stderr and resolves with the line typed on stdin. */
  prompt(question: string): Promise<string>
  /** Reads a UTF-8 file. */
  readFile(path: string): Promise<string>
  /** Calls `handler` on SIGINT or SIGTERM; returns a function that removes it. */
  onSignal(handler: (signal: 'SIGINT' | 'SIGTERM') => void): () => void
  /**
   * Calls `handler` once stdout can take no more (the reader left: `mt5web ticks | head -2`);
   * returns a function that removes it.
   */
  onOutputClosed(handler: () => void): () => void
}

/** True for the errors of a pipe or socket whose reader went away. */
export function isClosedPipe(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ECONNRESET'
}

/** The real process. */
export function processIo(): CliIo {
  const closedHandlers = new Set<() => void>()
  let outputClosed = false
  // A reader that leaves early (`| head`) makes the next write fail with EPIPE, emitted as an
  // 'error' event: without a listener Node prints a stack trace and dies. The listeners stay for
  // the life of the process, since the failure may come after the command has finished writing.
  process.stdout.on('error', (error: unknown) => {
    if (!isClosedPipe(error)) process.stderr.write(`mt5web: cannot write the output: ${String(error)}\n`)
    if (outputClosed) return
    outputClosed = true
    for (const handler of closedHandlers) handler()
  })
  // Nowhere left to report a failing stderr: the exit code still tells.
  process.stderr.on('error', () => undefined)
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    async prompt(question) {
      const { createInterface } = await import('node:readline/promises')
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
      // Ctrl-C at the prompt means no (readline catches it in raw mode; without this it would hang).
      const abort = new AbortController()
      rl.on('SIGINT', () => abort.abort())
      try {
        return await rl.question(question, { signal: abort.signal })
      } catch {
        process.stderr.write('\n')
        return ''
      } finally {
        rl.close()
      }
    },
    readFile: (path) => readFile(path, 'utf8'),
    onSignal(handler) {
      const onInt = (): void => handler('SIGINT')
      const onTerm = (): void => handler('SIGTERM')
      process.on('SIGINT', onInt)
      process.on('SIGTERM', onTerm)
      return () => {
        process.off('SIGINT', onInt)
        process.off('SIGTERM', onTerm)
      }
    },
    onOutputClosed(handler) {
      if (outputClosed) handler()
      else closedHandlers.add(handler)
      return () => {
        closedHandlers.delete(handler)
      }
    },
  }
}
