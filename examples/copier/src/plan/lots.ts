/**
 * Copy volume: the source volume × the target's multiplier (or a fixed volume), rounded DOWN to the
 * symbol's volume step (a copy never carries more risk than configured), then fitted between the
 * target's and the symbol's limits by the `belowMin` / `aboveMax` rules.
 */
import { roundVolumeToStep } from 'mt5web'
import type { LotsConfig } from '../config/schema.js'
import type { ReasonCode, SymbolSpec } from './types.js'

/** The volume to place, or why there is none. */
export type VolumeDecision =
  | { ok: true; volume: number }
  | { ok: false; reason: ReasonCode; detail: string; fingerprint: string }

/** The smallest and largest volumes on a symbol's step grid that a target accepts. */
export interface VolumeLimits {
  step: number
  low: number
  high: number
  /** `low..high step s`, for details and fingerprints. */
  text: string
}

/** Limits already computed, per lots config and specification object (neither is changed in place). */
const known = new WeakMap<LotsConfig, WeakMap<SymbolSpec, VolumeLimits>>()

/** {@link volumeLimits}, computed once per lots config and specification object. */
export function volumeLimitsOf(lots: LotsConfig, spec: SymbolSpec): VolumeLimits {
  let bySpec = known.get(lots)
  if (bySpec === undefined) {
    bySpec = new WeakMap()
    known.set(lots, bySpec)
  }
  let limits = bySpec.get(spec)
  if (limits === undefined) {
    limits = volumeLimits(lots, spec)
    bySpec.set(spec, limits)
  }
  return limits
}

/** The limits of a target on a symbol: the larger minimum and the smaller maximum of the two, on the step grid. */
export function volumeLimits(lots: LotsConfig, spec: SymbolSpec): VolumeLimits {
  const step = Math.max(spec.volumeStep, 0)
  const min = Math.max(lots.min ?? 0, spec.volumeMin)
  const max = Math.min(
    lots.max ?? Number.POSITIVE_INFINITY,
    spec.volumeMax > 0 ? spec.volumeMax : Number.POSITIVE_INFINITY,
  )
  const low = roundVolumeToStep(Math.max(min, step, 1e-8), step, 'up')
  const high = Number.isFinite(max) ? roundVolumeToStep(max, step, 'down') : Number.POSITIVE_INFINITY
  return { step, low, high, text: `${fmt(low)}..${fmt(high)} step ${fmt(step)}` }
}

/** Decides the volume of a copy of `sourceVolume` lots of `sourceSymbol` on a target symbol. */
export function copyVolume(
  sourceVolume: number,
  sourceSymbol: string,
  lots: LotsConfig,
  spec: SymbolSpec,
  limits: VolumeLimits = volumeLimits(lots, spec),
): VolumeDecision {
  const { step, low, high, text } = limits
  const wanted = lots.fixed ?? sourceVolume * (lots.symbols[sourceSymbol] ?? lots.multiplier)
  const refuse = (reason: ReasonCode, detail: string): VolumeDecision => ({
    ok: false,
    reason,
    detail,
    fingerprint: `${reason}|${spec.name}|${wanted}|${text}|${lots.belowMin}|${lots.aboveMax}`,
  })
  if (!(low <= high)) return refuse('volumeOutOfRange', `no volume fits ${text} on ${spec.name}`)
  let volume = roundVolumeToStep(wanted, step, 'down')
  if (volume < low) {
    if (lots.belowMin === 'skip')
      return refuse('volumeBelowMin', `${fmt(wanted)} lots is below the minimum (${text}) on ${spec.name}`)
    volume = low
  }
  if (volume > high) {
    if (lots.aboveMax === 'skip')
      return refuse('volumeAboveMax', `${fmt(wanted)} lots is above the maximum (${text}) on ${spec.name}`)
    volume = high
  }
  return { ok: true, volume }
}

function fmt(lots: number): string {
  return Number.isFinite(lots) ? String(Number(lots.toFixed(8))) : '∞'
}
