/**
 * The default simulator broker with every symbol quoting and trading around the clock, so that a
 * test does not depend on the weekday it runs on.
 */
import { ALWAYS_OPEN, type BrokerConfig, defaultBroker, deriveBroker } from '../../src/sim/index.js'

export function alwaysOpenBroker(): BrokerConfig {
  return deriveBroker(defaultBroker(), {
    name: 'SimBroker',
    symbolOverrides: { quoteSessions: ALWAYS_OPEN, tradeSessions: ALWAYS_OPEN },
  })
}
