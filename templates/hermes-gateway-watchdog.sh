#!/bin/sh
# hermes-gateway-watchdog.sh: a Hermes "no-agent" cron script that watches every
# Hermes gateway of this user through the running systemd manager.
#
# Hermes' contract for such scripts: empty output is a silent tick, a non-zero
# exit status an alert that carries the output. hermes-unit-lint --live --quiet
# keeps it: nothing and exit 0 when every gateway is healthy; one line per problem
# and exit 1 (crash loop, gave up at its start limit, exit 78, guardrail not
# loaded, a profile without a running gateway); exit 2 and one line naming the
# cause when the manager cannot be asked.
#
# Register it from a profile other than the ones it watches (a profile's cron runs
# inside its gateway and cannot report that gateway's death), see
# hermes-unit-lint(1), WATCHDOG:
#   cp hermes-gateway-watchdog.sh ~/.hermes/profiles/ops/scripts/
#   hermes --profile ops cron create "every 10m" --no-agent \
#       --script hermes-gateway-watchdog.sh --deliver telegram --name gateway-watchdog
#
# HERMES_UNIT_LINT names the linter when it is not on PATH.
lint=${HERMES_UNIT_LINT:-hermes-unit-lint}
command -v "$lint" >/dev/null 2>&1 || {
        echo "hermes-gateway-watchdog: $lint is not installed (or not on PATH: set HERMES_UNIT_LINT)"
        exit 2
}
# The user manager's socket is under XDG_RUNTIME_DIR; a cron job may run without it.
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
        XDG_RUNTIME_DIR=/run/user/$(id -u)
        export XDG_RUNTIME_DIR
fi
# stderr too: when the manager cannot be asked, the cause is the alert's text.
exec "$lint" --live --quiet 2>&1
