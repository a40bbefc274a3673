import type { Tick } from '../src/model/types.js'

/** See `rawTickReader.mjs`. */
export function createRawTickReader(options: {
  key: Uint8Array
  symbols: Map<number, { name: string; digits: number }>
  unscale: (raw: number, digits: number) => number
  onTick: (tick: Tick) => void
}): (message: Uint8Array) => void
