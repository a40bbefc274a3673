#!/bin/sh
# Entry point of the mt5web-copier image: checks what a bad mount would break, then runs the copier
# with the given command (the image's CMD: `run --http 0.0.0.0:9464`; `run` when none) and the mounted config. The copier gets PID 1's place
# (exec), so SIGTERM from `docker stop` reaches it and it shuts down gracefully.
set -eu

main=${COPIER_MAIN:-/app/examples/copier/dist/cli/main.js}
config=${COPIER_CONFIG:-/config/copier.yaml}
state=${COPIER_STATE_DIR:-/state}

die() {
  echo "mt5web-copier-entrypoint: $*" >&2
  exit 2
}

if [ "$(id -u)" = "0" ] && [ "${COPIER_ALLOW_ROOT:-}" != "1" ]; then
  die "refusing to run as root; run the image as its default user (node) or pass --user"
fi
[ -f "$main" ] || die "copier not found at $main (COPIER_MAIN)"

if [ "$#" -eq 0 ]; then set -- run; fi
case "$1" in
  init | -h | --help)
    exec node "$main" "$@"
    ;;
esac

[ -r "$config" ] || die "no readable config at $config: mount it (-v \"\$PWD/config:/config:ro\") or set COPIER_CONFIG"
[ -d "$state" ] || die "state folder $state is missing: mount a volume there (-v copier-state:$state)"
[ -w "$state" ] || die "state folder $state is not writable by uid $(id -u): chown the volume to this user"

cd "$state"
exec node "$main" "$@" --config "$config"
