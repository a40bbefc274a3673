/**
 * The chaos campaign's scenarios: one seed → one scenario (fast-check's generator, so a seed replays
 * exactly). A scenario is 2–5 target setups and a script of 20–200 steps: source actions on the
 * simulator, faults, clock moves and at most one `kill -9` of the copier process. Steps name orders
 * by index into the live source orders (`pick`), resolved at run time: the source's state only
 * depends on the script, never on what the copier did.
 */
import fc from 'fast-check'

/** The six pending types, as the copier config names them. */
export const PENDING_TYPES = [
  'buyLimit',
  'sellLimit',
  'buyStop',
  'sellStop',
  'buyStopLimit',
  'sellStopLimit',
] as const
export type PendingType = (typeof PENDING_TYPES)[number]

/** Source symbols of the campaign (all brokers derive from the simulator's default broker). */
export const SYMBOLS = ['EURUSD', 'GBPUSD', 'USDJPY'] as const

/** One target: its broker's setup and its copier config. */
export interface TargetSetup {
  id: string
  /** Broker name in the simulator (one broker per target). */
  broker: string
  /** Appended to every symbol name on the target's broker (the config maps `*` → `*<suffix>`). */
  suffix: '' | '.m' | '.pro'
  /** Volume step = volume min of the broker's symbols; volume max. */
  volumeStep: 0.01 | 0.1
  volumeMax: number
  /** A symbol the target's broker does not have (never copied). */
  missingSymbol: (typeof SYMBOLS)[number] | undefined
  netting: boolean
  orderTypes: readonly PendingType[]
  maxPendingOrders: number | undefined
  orphans: { policy: 'kill' | 'preserve'; checkEvery: number; confirmations: number }
  sourceFilled: 'keep' | 'cancel'
  lots: {
    multiplier: number
    min: number | undefined
    max: number | undefined
    belowMin: 'skip' | 'raiseToMin'
    aboveMax: 'cap' | 'skip'
  }
  /** `open`: a window covering the whole run; `closed`: a window excluding the run's weekday. */
  tradingHours: 'none' | 'open' | 'closed'
  marginCheck: boolean
  /** Orders the target's owner placed by hand (untagged; one may carry a fake tag). */
  untagged: { symbol: (typeof SYMBOLS)[number]; fakeTag: boolean }[]
  /** SL/TP policy (a {@link Variations} draw). */
  sltp: 'copy' | 'distance' | 'none'
  /** Expiration policy (a {@link Variations} draw). */
  expiration: 'copy' | 'none'
}

/** Which order a step acts on: `index mod count` of the live source orders sorted by ticket. */
type Pick = number

export type Step =
  | {
      kind: 'place'
      type: PendingType
      symbol: (typeof SYMBOLS)[number]
      lots: number
      /** Distance from the market, points. */
      offset: number
      /** Stop-limit: limit distance from the trigger, points. */
      limit: number
      /** SL/TP distance from the entry, points (0 = none). */
      sl: number
      tp: number
      /** Minutes until a specified expiry (0 = GTC, or the day with `day`). */
      expiryMinutes: number
      /** With `expiryMinutes` 0: good for the day instead of GTC (a {@link Variations} draw). */
      day?: boolean
    }
  | { kind: 'modifyPrice'; pick: Pick; offset: number }
  | { kind: 'modifyStopLimit'; pick: Pick; limit: number }
  | { kind: 'modifySl'; pick: Pick; sl: number }
  | { kind: 'modifyTp'; pick: Pick; tp: number }
  | { kind: 'modifyExpiry'; pick: Pick; expiryMinutes: number; day?: boolean }
  | { kind: 'cancel'; pick: Pick }
  /** Move the source's price through the order (and back): it fills (a stop-limit triggers, then fills). */
  | { kind: 'fill'; pick: Pick }
  /** Advance the manual clock (expires orders whose time came). */
  | { kind: 'advance'; seconds: number }
  /** Let the copier work for a while (wall-clock ms). */
  | { kind: 'pause'; ms: number }
  | { kind: 'fault'; fault: Fault }
  /** `kill -9` of the copier process; it is restarted after `downSteps` more steps. */
  | { kind: 'kill'; downSteps: number; deleteState: boolean }

export type Fault =
  | { kind: 'drop'; target: number }
  | { kind: 'dropMidRequest'; target: number; after: boolean }
  | { kind: 'holdReply'; target: number }
  | { kind: 'rejectTransient'; target: number; retcode: number; times: number }
  | { kind: 'rejectFinal'; target: number; retcode: number }
  | { kind: 'down'; target: number; steps: number }
  | { kind: 'sourceDrop' }

/** Fault kinds, for the campaign's counts. */
export const FAULT_KINDS = [
  'drop',
  'dropMidRequest',
  'holdReply',
  'rejectTransient',
  'rejectFinal',
  'down',
  'sourceDrop',
] as const satisfies readonly Fault['kind'][]

export interface Scenario {
  seed: number
  targets: TargetSetup[]
  steps: Step[]
  /** Run the copier as a child process (killed with SIGKILL when a `kill` step comes). */
  child: boolean
}

/** Options of the generator. */
export interface GenerateOptions {
  /** Share of seeds run as a child process with a `kill -9` (default 0.2). */
  killShare?: number
  /** Steps per script (default 20…200). */
  minSteps?: number
  maxSteps?: number
  /**
   * Draw the script's length uniformly in [minSteps, maxSteps] (default true). `false` (`--short`)
   * keeps fast-check's first draw alone, which leans short: no seed of 1…1000 gets more than 51
   * steps. The full script keeps the short one as its prefix: a seed found failing with the short
   * generator still replays the steps it failed with, then goes on.
   */
  fullLength?: boolean
}

const symbol = fc.constantFrom(...SYMBOLS)
const pick = fc.nat({ max: 1000 })

function targetArb(index: number): fc.Arbitrary<Omit<TargetSetup, keyof TargetVariation>> {
  return fc.record({
    id: fc.constant(`t${index + 1}`),
    broker: fc.constant(`Target${index + 1}`),
    suffix: fc.constantFrom('' as const, '.m' as const, '.pro' as const),
    volumeStep: fc.constantFrom(0.01 as const, 0.1 as const),
    volumeMax: fc.constantFrom(2, 100),
    missingSymbol: fc.option(fc.constantFrom(...SYMBOLS), { nil: undefined, freq: 4 }),
    netting: fc.boolean(),
    orderTypes: fc.oneof(
      { weight: 3, arbitrary: fc.constant([...PENDING_TYPES]) },
      { weight: 2, arbitrary: fc.subarray([...PENDING_TYPES], { minLength: 1 }) },
    ),
    maxPendingOrders: fc.option(fc.integer({ min: 2, max: 8 }), { nil: undefined, freq: 3 }),
    orphans: fc.record({
      policy: fc.constantFrom('kill' as const, 'preserve' as const),
      checkEvery: fc.integer({ min: 1, max: 5 }),
      confirmations: fc.integer({ min: 1, max: 3 }),
    }),
    sourceFilled: fc.constantFrom('keep' as const, 'cancel' as const),
    lots: fc.record({
      multiplier: fc.constantFrom(0.5, 1, 1, 2, 3),
      min: fc.option(fc.constant(0.2), { nil: undefined, freq: 3 }),
      max: fc.option(fc.constant(1), { nil: undefined, freq: 3 }),
      belowMin: fc.constantFrom('skip' as const, 'raiseToMin' as const),
      aboveMax: fc.constantFrom('cap' as const, 'skip' as const),
    }),
    tradingHours: fc.constantFrom('none' as const, 'none' as const, 'open' as const, 'closed' as const),
    marginCheck: fc.boolean(),
    untagged: fc.array(fc.record({ symbol, fakeTag: fc.boolean() }), { maxLength: 2 }),
  })
}

const placeArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('place' as const),
  type: fc.constantFrom(...PENDING_TYPES),
  symbol,
  lots: fc.constantFrom(0.01, 0.02, 0.05, 0.1, 0.15, 0.3, 0.5, 1.2),
  offset: fc.integer({ min: 100, max: 2000 }),
  limit: fc.integer({ min: 20, max: 500 }),
  sl: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 1000 })),
  tp: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 1000 })),
  expiryMinutes: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 240 })),
})

function faultArb(targets: number): fc.Arbitrary<Fault> {
  const target = fc.nat({ max: targets - 1 })
  return fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), target }),
    fc.record({ kind: fc.constant('dropMidRequest' as const), target, after: fc.boolean() }),
    fc.record({ kind: fc.constant('holdReply' as const), target }),
    fc.record({
      kind: fc.constant('rejectTransient' as const),
      target,
      // requote, prices changed, too many requests, no connection
      retcode: fc.constantFrom(10004, 10020, 10024, 10031),
      times: fc.integer({ min: 1, max: 3 }),
    }),
    // rejected, no money: final, the copy is refused and reported
    fc.record({ kind: fc.constant('rejectFinal' as const), target, retcode: fc.constantFrom(10006, 10019) }),
    fc.record({ kind: fc.constant('down' as const), target, steps: fc.integer({ min: 1, max: 15 }) }),
    fc.record({ kind: fc.constant('sourceDrop' as const) }),
  )
}

function stepArb(targets: number): fc.Arbitrary<Step> {
  return fc.oneof(
    { weight: 30, arbitrary: placeArb },
    {
      weight: 8,
      arbitrary: fc.record({
        kind: fc.constant('modifyPrice' as const),
        pick,
        offset: fc.integer({ min: 100, max: 2000 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('modifyStopLimit' as const),
        pick,
        limit: fc.integer({ min: 20, max: 500 }),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('modifySl' as const),
        pick,
        sl: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 1000 })),
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('modifyTp' as const),
        pick,
        tp: fc.oneof(fc.constant(0), fc.integer({ min: 50, max: 1000 })),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('modifyExpiry' as const),
        pick,
        expiryMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 240 })),
      }),
    },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('fill' as const), pick }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('advance' as const),
        seconds: fc.integer({ min: 1, max: 3600 }),
      }),
    },
    {
      weight: 8,
      arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 1, max: 60 }) }),
    },
    { weight: 10, arbitrary: fc.record({ kind: fc.constant('fault' as const), fault: faultArb(targets) }) },
  )
}

/** The scenario before its {@link Variations}. */
type Drawn = Omit<Scenario, 'targets'> & { targets: Omit<TargetSetup, keyof TargetVariation>[] }

function scenarioArb(seed: number, options: GenerateOptions): fc.Arbitrary<Drawn> {
  const minSteps = options.minSteps ?? 20
  const maxSteps = options.maxSteps ?? 200
  return fc.integer({ min: 2, max: 5 }).chain((count) =>
    fc
      .record({
        targets: fc.tuple(...Array.from({ length: count }, (_, i) => targetArb(i))),
        steps: fc.array(stepArb(count), { minLength: minSteps, maxLength: maxSteps }),
        // unbiased: fast-check leans towards small values, which would kill in most seeds, early
        killDraw: fc.noBias(fc.integer({ min: 0, max: 999 })),
        killAt: fc.noBias(fc.integer({ min: 0, max: 999 })),
        kill: fc.record({
          kind: fc.constant('kill' as const),
          downSteps: fc.integer({ min: 0, max: 20 }),
          deleteState: fc.boolean(),
        }),
      })
      .map(({ targets, steps, killDraw, killAt, kill }) => {
        const child = killDraw < (options.killShare ?? 0.2) * 1000
        const script = [...steps]
        if (child) script.splice(Math.floor((killAt / 1000) * (script.length + 1)), 0, kill)
        return { seed, targets, steps: script, child }
      }),
  )
}

/** A target's policies drawn as {@link Variations}. */
interface TargetVariation {
  sltp: TargetSetup['sltp']
  expiration: TargetSetup['expiration']
}

/**
 * Variations drawn from a stream of their own (seed + VARIATIONS_SALT), laid over the scenario: the
 * targets and steps a seed drew before these existed stay what they were (its regression meaning),
 * and the variations add SL/TP and expiration policies and day orders.
 */
interface Variations {
  targets: TargetVariation[]
  /** Per step index: a GTC place or expiry change is a day order instead. */
  day: boolean[]
}

const VARIATIONS_SALT = 0x5eed

function variationsArb(targets: number, steps: number): fc.Arbitrary<Variations> {
  return fc.record({
    targets: fc.array(
      fc.record({
        sltp: fc.constantFrom('copy' as const, 'copy' as const, 'distance' as const, 'none' as const),
        expiration: fc.constantFrom('copy' as const, 'copy' as const, 'copy' as const, 'none' as const),
      }),
      { minLength: targets, maxLength: targets },
    ),
    day: fc.array(
      fc.noBias(fc.integer({ min: 0, max: 9 })).map((n) => n < 2),
      {
        minLength: steps,
        maxLength: steps,
      },
    ),
  })
}

const LENGTH_SALT = 0x1e46

/**
 * The script's length, drawn uniformly in [minSteps, maxSteps] from a stream of its own (seed +
 * LENGTH_SALT). fast-check's arrays lean towards short ones (the first draw never gave more than
 * 51 steps in 1,000 seeds): a longer length appends steps, so the script a seed drew before stays
 * its prefix (a regression seed still replays the steps it failed with, then goes on).
 */
function extendedSteps(seed: number, drawn: Drawn, options: GenerateOptions): Drawn['steps'] {
  const minSteps = options.minSteps ?? 20
  const maxSteps = options.maxSteps ?? 200
  const arb = fc.noBias(fc.integer({ min: minSteps, max: maxSteps })).chain((length) =>
    fc.array(stepArb(drawn.targets.length), {
      minLength: Math.max(0, length - drawn.steps.length),
      maxLength: Math.max(0, length - drawn.steps.length),
    }),
  )
  const [more] = fc.sample(arb, { seed: seed + LENGTH_SALT, numRuns: 1 })
  return more && more.length > 0 ? [...drawn.steps, ...more] : drawn.steps
}

/** The scenario of `seed` (the same seed always gives the same scenario). */
export function generateScenario(seed: number, options: GenerateOptions = {}): Scenario {
  const [first] = fc.sample(scenarioArb(seed, options), { seed, numRuns: 1 })
  if (!first) throw new Error(`no scenario for seed ${seed}`)
  const drawn: Drawn =
    (options.fullLength ?? true) ? { ...first, steps: extendedSteps(seed, first, options) } : first
  const [v] = fc.sample(variationsArb(drawn.targets.length, drawn.steps.length), {
    seed: seed + VARIATIONS_SALT,
    numRuns: 1,
  })
  if (!v) throw new Error(`no variations for seed ${seed}`)
  return {
    ...drawn,
    targets: drawn.targets.map((t, i) => ({ ...t, ...(v.targets[i] as TargetVariation) })),
    steps: drawn.steps.map((step, i) =>
      (step.kind === 'place' || step.kind === 'modifyExpiry') && step.expiryMinutes === 0 && v.day[i]
        ? { ...step, day: true }
        : step,
    ),
  }
}
