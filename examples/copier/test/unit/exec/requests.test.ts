import fc from 'fast-check'
import { toJSON } from 'mt5web'
import { describe, expect, it } from 'vitest'
import { pendingOrderTypes } from '../../../src/config/schema.js'
import { cancelRequest, modifyRequest, placeRequest, requestJson } from '../../../src/exec/requests.js'
import type { TradeRequestParameters } from '../../../src/exec/trader.js'
import { order } from '../../helpers/planInput.js'

const ticket = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })

describe('trade requests', () => {
  it("writes a request's JSON exactly as the SDK's toJSON does, tickets as decimal strings", () => {
    fc.assert(
      fc.property(
        fc.record({
          type: fc.constantFrom(...pendingOrderTypes),
          price: fc.double({ min: 0, max: 1e6, noNaN: true }),
          expirationMs: fc.integer({ min: 0, max: 4e12 }),
          timeType: fc.constantFrom(
            'gtc' as const,
            'day' as const,
            'specified' as const,
            'specifiedDay' as const,
          ),
        }),
        ticket,
        ticket,
        (fields, t, p) => {
          const o = { ...order(), ...fields, comment: 'cp:abc:def' }
          const requests: TradeRequestParameters[] = [
            placeRequest(o),
            modifyRequest(t, o),
            cancelRequest(t, o.symbol),
            {
              ...cancelRequest(t, o.symbol),
              position: p,
              positionBy: t,
              expiration: new Date(fields.expirationMs),
            },
          ]
          for (const r of requests) expect(requestJson(r)).toBe(toJSON(r))
        },
      ),
      { numRuns: 200, seed: 12 },
    )
  })
})
