/** The error `fn` throws, checked to be an instance of `type`; fails the test when nothing is thrown. */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn()
  } catch (error) {
    if (error instanceof type) return error
    throw new Error(`expected a ${type.name}, got ${String(error)}`, { cause: error })
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`)
}
