/**
 * The JSON form of SDK results. `JSON.stringify(await client.positions())` throws ("Do not know
 * how to serialize a BigInt") because tickets, logins and deal/order ids are `bigint` (u64 on the
 * wire, beyond 2^53 in general). The documented JSON form writes every `bigint` as a **decimal
 * string** (`"123456789012"`) — exact in `jq`, JavaScript and every JSON reader; read it back with
 * `BigInt(text)`. `Date`s take their usual ISO-8601 form. The CLI's `--json` uses the same form.
 */

/**
 * A value's JSON form, as a type: `bigint` → `string`, `Date` → `string`, functions dropped,
 * recursively through arrays and objects.
 */
export type JsonForm<T> = T extends bigint
  ? string
  : T extends Date
    ? string
    : T extends (...args: never[]) => unknown
      ? never
      : T extends readonly (infer U)[]
        ? JsonForm<U>[]
        : T extends object
          ? { [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]: JsonForm<T[K]> }
          : T

/**
 * `JSON.stringify` replacer writing every `bigint` as a decimal string.
 * @example JSON.stringify(await client.positions(), jsonReplacer)
 * @param _key the property name (unused)
 * @param value the value being written
 * @returns the value, a `bigint` as its decimal string
 */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}

/**
 * JSON text of any SDK result (positions, orders, deals, trade results, ticks, the account) with
 * every `bigint` as a decimal string.
 * @example
 * ```ts
 * console.log(toJSON(await client.positions(), 2))
 * ```
 * @param value the value to write
 * @param space indentation, as for `JSON.stringify`
 * @returns the JSON text
 */
export function toJSON(value: unknown, space?: number | string): string {
  return JSON.stringify(value, jsonReplacer, space)
}

/**
 * A JSON-safe plain copy of a result (bigints as decimal strings), e.g. for `postMessage`,
 * a structured logger or a database driver that rejects `bigint`.
 * @example const row = toJsonValue(position) // row.ticket is a string
 * @param value the value to convert
 * @returns the value as `JSON.parse(toJSON(value))` gives it
 */
export function toJsonValue<T>(value: T): JsonForm<T> {
  const text = toJSON(value)
  return (text === undefined ? undefined : JSON.parse(text)) as JsonForm<T>
}
