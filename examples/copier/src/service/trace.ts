/**
 * Stage marks of the push path, for profiling the copy latency (the latency benchmark, an operator
 * chasing a slow tail): published on the `diagnostics_channel` {@link PUSH_TRACE_CHANNEL} only while
 * someone subscribes, so the hot path pays one boolean read when nobody listens.
 *
 * Stages, in order, for one source change: `orders` (the source's order push decoded, changes
 * found), `planned` (the scoped plan made), `committed` (the decision's intents durable), `request`
 * (one per trade request, just before the SDK encodes and writes it: `target` set), `dispatched`
 * (every target's first request handed to its socket).
 */
import { channel } from 'node:diagnostics_channel'

/** Name of the channel the stage marks are published on. */
export const PUSH_TRACE_CHANNEL = 'mt5web-copier:push'

/** A stage of the push path. */
export type PushStage = 'orders' | 'planned' | 'committed' | 'request' | 'dispatched'

/** One mark: the stage, `performance.now()` when it was reached, the target of a `request`. */
export interface PushMark {
  stage: PushStage
  atMs: number
  target?: string
}

const trace = channel(PUSH_TRACE_CHANNEL)

/** Publishes a stage mark when someone listens. */
export function markStage(stage: PushStage, target?: string): void {
  if (!trace.hasSubscribers) return
  const mark: PushMark =
    target === undefined ? { stage, atMs: performance.now() } : { stage, atMs: performance.now(), target }
  trace.publish(mark)
}
