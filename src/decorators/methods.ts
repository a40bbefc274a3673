/**
 * Feature methods written once, with `this` as the client: `createClient` puts them on one
 * prototype shared by every client of the process (no closure per method per client, ≈ 60 of them:
 * memory per connection, issue #12), and the decorators bind them to one client for
 * `createBaseClient(o).extend(decorator)`, where detached calls (`const { symbols } = client`) work.
 */
import type { BaseClient } from '../client/types.js'

/** A feature's methods, `this` being the client they are called on. */
export type Methods<T> = T & ThisType<BaseClient>

/** `methods` bound to `client`: one function per method, own properties of the returned object. */
export function bindMethods<T extends object>(client: BaseClient, methods: Methods<T>): T {
  const bound: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(methods)) {
    bound[key] = (value as (...args: unknown[]) => unknown).bind(client)
  }
  return bound as T
}
