/**
 * The `run` mode's `schedule`: a cron expression (croner: 5 or 6 fields, seconds first when 6)
 * evaluated in UTC. Reconciles never overlap: a tick that comes while one runs is skipped.
 */
import { Cron } from 'croner'

/**
 * Calls `task` on every tick of `expression`; returns a function that stops the schedule.
 * @throws Error naming the expression when croner cannot parse it
 */
export function startSchedule(
  expression: string,
  task: () => Promise<void> | void,
  onError: (e: unknown) => void,
): () => void {
  const job = new Cron(expression, { timezone: 'UTC', protect: true, catch: onError }, async () => {
    await task()
  })
  return () => job.stop()
}

/** The next `count` run times of `expression` after `from` (UTC), for `check` and tests. */
export function nextRuns(expression: string, count: number, from: Date = new Date()): Date[] {
  return new Cron(expression, { timezone: 'UTC', paused: true }).nextRuns(count, from)
}
