/**
 * The copier's typed events: one per action a person would want to read, so a bot embedding the
 * copier (and the CLI's log lines) see exactly what it did and why.
 */

/** What happened to one copy. */
export type ActionKind =
  | 'placed'
  | 'modified'
  | 'cancelled'
  | 'converted'
  | 'refused'
  | 'failed'
  | 'unknown'
  | 'orphan'
  | 'linked'
  | 'skipped'

/** One action (or refusal) on one target. */
export interface ActionEvent {
  action: ActionKind
  target: string
  sourceTicket: bigint
  copyTicket?: bigint | undefined
  symbol?: string | undefined
  /** Lots. */
  volume?: number | undefined
  /** Machine reason (the planner's reason code, or a retcode name). */
  reason: string
  /** One line for a person. */
  detail: string
  /** Trade server retcode, when the action was a request. */
  retcode?: number | undefined
  /** When the source push (or the reconcile) that led to this action began (latency = `atMs` - this). */
  triggerAtMs?: number | undefined
  /** When its request was written to the target's socket, when the executor reports it. */
  sentAtMs?: number | undefined
  /** `once --dry-run`: planned, not done. */
  dryRun?: boolean | undefined
  atMs: number
}

/** Result of one full reconcile pass. */
export interface ReconcileSummary {
  /** Every target connected, synced and without a refused, failed or unknown copy. */
  inSync: boolean
  /** Intents acted on (placed, modified, cancelled, converted). */
  actions: number
  /** Copies refused, failed or left unknown in this pass (or still refused from before). */
  problems: number
  /** Targets skipped in this pass (disabled, down, not synced). */
  skippedTargets: string[]
  /** The skipped targets that are enabled: down or not synced. */
  downTargets?: string[] | undefined
  /** The source was synced: false means nothing could be decided in this pass (every target skipped). */
  sourceSynced?: boolean | undefined
  durationMs: number
}

/** State of one account's connection. */
export type AccountStatus = 'connecting' | 'connected' | 'disconnected' | 'failed'

/** A fleet member's leases changed (PostgreSQL state; issue #14). */
export interface FleetEvent {
  /** This instance's id. */
  instance: string
  /** `acquired` (free or taken over), `lost` (expired or taken), `released` (rebalancing). */
  kind: 'acquired' | 'lost' | 'released'
  targets: string[]
  detail: string
}

/** Every event of a copier; `copier.on('placed', e => …)`. */
export interface CopierEvents {
  /** Every action below, in one stream. */
  action: [event: ActionEvent]
  placed: [event: ActionEvent]
  modified: [event: ActionEvent]
  cancelled: [event: ActionEvent]
  converted: [event: ActionEvent]
  refused: [event: ActionEvent]
  failed: [event: ActionEvent]
  unknown: [event: ActionEvent]
  orphan: [event: ActionEvent]
  linked: [event: ActionEvent]
  skipped: [event: ActionEvent]
  reconciled: [summary: ReconcileSummary]
  /** Fleet leases taken, lost or released. */
  fleet: [event: FleetEvent]
  /** `account` is `source` or a target id. */
  accountStatus: [account: string, status: AccountStatus, detail: string]
  /** An error that did not stop the copier (it is also logged). */
  error: [error: Error]
}
