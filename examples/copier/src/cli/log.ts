/**
 * The copier's log: one line per action a person would want to read (placed, modified, cancelled,
 * refused…, with target, symbols, lots and reason), as text or JSON (`--log-format json`). Events
 * carry no secret, and nothing else is logged.
 */
import { jsonReplacer } from 'mt5web'
import type { AccountStatus, ActionEvent, ReconcileSummary } from '../service/events.js'

/** Log line format. */
export type LogFormat = 'text' | 'json'

/** Log level. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Writes log lines. */
export interface CopierLog {
  action(e: ActionEvent): void
  account(account: string, status: AccountStatus, detail: string): void
  reconciled(s: ReconcileSummary): void
  error(error: Error): void
  info(message: string): void
}

const levelOf = (e: ActionEvent): LogLevel =>
  e.action === 'failed' || e.action === 'unknown'
    ? 'error'
    : e.action === 'refused' || e.action === 'orphan'
      ? 'warn'
      : e.action === 'skipped' || e.action === 'linked'
        ? 'debug'
        : 'info'

/** The text of one action line (without time). */
export function actionText(e: ActionEvent): string {
  const parts = [e.dryRun ? `would be ${e.action}` : e.action, `[${e.target}]`]
  if (e.sourceTicket !== 0n) parts.push(`source #${e.sourceTicket}`)
  if (e.copyTicket !== undefined) parts.push(`copy #${e.copyTicket}`)
  if (e.symbol !== undefined) parts.push(e.symbol)
  if (e.volume !== undefined) parts.push(`${e.volume} lots`)
  parts.push(`(${e.reason}${e.retcode !== undefined ? ` ${e.retcode}` : ''}):`, e.detail)
  return parts.join(' ')
}

/** A log writing to `write` (one call per line, newline included). */
export function createLog(write: (line: string) => void, format: LogFormat, level: LogLevel): CopierLog {
  const line = (lvl: LogLevel, text: string, fields: Record<string, unknown>) => {
    if (rank[lvl] < rank[level]) return
    const time = new Date().toISOString()
    write(
      format === 'json'
        ? `${JSON.stringify({ time, level: lvl, ...fields, message: text }, jsonReplacer)}\n`
        : `${time} ${lvl.toUpperCase().padEnd(5)} ${text}\n`,
    )
  }
  return {
    action: (e) => line(levelOf(e), actionText(e), { event: 'action', ...e, atMs: undefined }),
    account: (account, status, detail) =>
      line(
        status === 'failed' || status === 'disconnected' ? 'warn' : 'info',
        `account ${account} ${status}: ${detail}`,
        {
          event: 'account',
          account,
          status,
        },
      ),
    reconciled: (s) =>
      line(
        s.inSync ? 'debug' : 'info',
        `reconcile: ${s.inSync ? 'in sync' : 'not in sync'}${s.sourceSynced === false ? ' (the source is not synced: nothing decided)' : ''}, ${s.actions} actions, ${s.problems} problems${s.skippedTargets.length > 0 ? `, skipped ${s.skippedTargets.join(', ')}` : ''} (${s.durationMs} ms)`,
        { event: 'reconciled', ...s },
      ),
    error: (error) =>
      line('error', error.message, { event: 'error', code: (error as { code?: unknown }).code }),
    info: (message) => line('info', message, { event: 'info' }),
  }
}
