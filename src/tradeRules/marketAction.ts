/**
 * Which trade action a market order uses, by the symbol's execution mode
 * (docs/architecture.md#trade-requests): request → 1 (0 = price request when no price), instant → 2 (1 when
 * the volume exceeds a
 * non-zero `tradeInstantVolume`), market → 3, exchange → 4.
 */
import { ExecutionMode, TradeAction } from '../enums.js'

/** Inputs of {@link marketAction}. */
export interface MarketActionParameters {
  /** `tradeExemode` of the symbol. */
  exemode: number
  /** Request volume, lots × 10^8. */
  volumeUnits: bigint
  /** `tradeInstantVolume`, lots × 10^8 (0 = no limit). */
  instantVolumeUnits: bigint
  /** Whether the request carries a price (request execution: false → quote request, action 0). */
  hasPrice: boolean
}

/** The official market-order action for a symbol's execution mode. */
export function marketAction(p: MarketActionParameters): TradeAction {
  switch (p.exemode) {
    case ExecutionMode.Request:
      return p.hasPrice ? TradeAction.Request : TradeAction.Price
    case ExecutionMode.Instant:
      return p.instantVolumeUnits === 0n || p.instantVolumeUnits >= p.volumeUnits
        ? TradeAction.Instant
        : TradeAction.Request
    case ExecutionMode.Exchange:
      return TradeAction.Exchange
    default:
      return TradeAction.Market
  }
}
