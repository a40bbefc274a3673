/**
 * The commented example configuration `mt5web-copier init` writes. A unit test parses it, so it
 * always matches the schema.
 */
export const configTemplate = `# mt5web-copier configuration (YAML; JSON works too).
# Passwords are never written here: each one is a reference, env:NAME or file:PATH.
# Overlays: \`--env prod\` merges copier.prod.yaml over this file (targets merge by id).

# The account whose pending orders are copied.
source:
  server: wss://source-broker.example.com/terminal   # Web Terminal WebSocket URL
  login: 1000001
  password: env:SOURCE_PASSWORD                       # or file:./secrets/source (chmod 600)

# The accounts that receive the copies, each at its own broker.
targets:
  - id: prop-1                  # stable name in logs and state (default: the login); never rename
    server: wss://target-broker.example.com/terminal
    login: 2000001
    password: file:./secrets/prop-1
    enabled: true

    lots:
      multiplier: 0.5           # copy volume = source volume x 0.5 ...
      symbols:                  # ... or per source symbol
        XAUUSD: 0.2
      # fixed: 0.1              # a fixed volume instead of a multiplier
      min: 0.01                 # this target's own limits, on top of the symbol's
      max: 5
      belowMin: skip            # skip | raiseToMin
      aboveMax: cap             # cap | skip
      # always rounded down to the symbol's volume step and checked against its min/max

    symbols:                    # source symbol: target symbol
      GOLD: XAUUSD              # an explicit pair
      "*": "*.m"                # a rule: EURUSD -> EURUSD.m (tried after pairs, before the same name)

    orderTypes: [buyLimit, sellLimit, buyStop, sellStop, buyStopLimit, sellStopLimit]
    # maxPendingOrders: 50      # all pending orders on the target, ours and others' (off when absent)

    orphans:                    # a copy whose source order is gone
      policy: kill              # kill | preserve
      checkEvery: 30            # seconds between checks
      confirmations: 3          # consecutive checks before acting

    sourceFilled:               # a copy still pending when its source filled
      policy: cancel            # keep | cancel | market
      maxSlippagePoints: 10     # market: convert within this many points, else cancel

    sltp: copy                  # copy | none | distance (same distance from the copy's own price)
    expiration: copy            # copy | none | shiftToServerTime (between server time zones)
    # tradingHours:             # nothing new is placed outside these windows (target server time)
    #   - days: [mon, tue, wed, thu, fri]
    #     from: "08:00"
    #     to: "20:00"
    marginCheck: true           # place nothing orderCheck says the free margin cannot carry

tagPrefix: cp                   # copies carry "cp:<source ticket>:<check>" in their comment
reconcileSeconds: 30            # full reconcile period (run mode)
# schedule: "*/5 * * * *"       # run mode: reconcile on this cron schedule only, no push copying
concurrency: 8                  # accounts connecting at the same time
state:
  path: copier.db               # SQLite state (links, orphan counters, refusals, history); no password
  historyDays: 30               # settled intents and action lines older than this are deleted (hourly)
  # A fleet of copiers sharing the targets: PostgreSQL instead of SQLite (docs/copier.md, fleet)
  # url: postgres://copier@db.internal:5432/copier   # never the password in the URL
  # password: env:PGPASSWORD
  # leaseSeconds: 15
  # synchronousCommit: true     # false: faster decisions, the last ones forgotten on a database crash
log:
  level: info                   # debug | info | warn | error
  format: text                  # text | json
`
