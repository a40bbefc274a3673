/** True under Node (not in a browser, a worker or Deno's browser-compatible globals). */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process
  return typeof process?.versions?.node === 'string'
}
