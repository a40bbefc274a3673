/**
 * Fault injection state. Connection faults (drop, delay, silence, corrupt frame, forced logout)
 * act on the sockets a selector picks; trade faults (reject, requote) act on the next trade
 * request of an account (or of any account of the broker).
 */

/** Per-connection fault switches, read by the connection on every frame. */
export interface ConnectionFaultState {
  /** Delay every outgoing frame by this many ms (order is kept). */
  delayMs: number
  /** Stop answering requests (they time out); pushes still flow. */
  silent: boolean
  /** Drop the socket (no close frame) after this many more outgoing frames. */
  dropAfterFrames: number | undefined
}

/** A fresh, fault-free state. */
export function createConnectionFaults(): ConnectionFaultState {
  return { delayMs: 0, silent: false, dropAfterFrames: undefined }
}

/** What the next trade request of an account should run into. */
export type TradeFault =
  /** Fail with `retcode`: in the cmd 12 reply (`via: 'reply'`) or as the cmd 19 result (default). */
  | { kind: 'reject'; retcode: number; via: 'reply' | 'result' }
  /** Answer with 10004 (requote) and these new prices in the cmd 19 result. */
  | { kind: 'requote'; bid: number; ask: number }
  /**
   * Drop the socket on this request, with no reply: before running it (the request is lost) or
   * after (`after: true`: the trade happened, its reply and result are lost).
   */
  | { kind: 'drop'; after: boolean }
  /** Run the request now, but send its cmd 12 reply and cmd 19 result only after `ms` (pushes flow). */
  | { kind: 'hold'; ms: number }

/** Queued trade faults of a broker, per login (0 = any login). */
export interface TradeFaultQueue {
  push(login: number, fault: TradeFault): void
  /** Takes the next fault for `login` (its own first, then the broker-wide one). */
  take(login: number): TradeFault | undefined
  clear(): void
}

/** Creates an empty trade-fault queue. */
export function createTradeFaultQueue(): TradeFaultQueue {
  const queues = new Map<number, TradeFault[]>()
  return {
    push(login, fault) {
      const q = queues.get(login) ?? []
      q.push(fault)
      queues.set(login, q)
    },
    take(login) {
      return queues.get(login)?.shift() ?? queues.get(0)?.shift()
    },
    clear() {
      queues.clear()
    },
  }
}

/** Which connections a connection fault applies to. */
export interface ConnectionSelector {
  /** Only connections logged into this account. */
  login?: number
  /** Only this connection id (see `BrokerControl.connections()`). */
  id?: number
}
