#!/bin/sh
# The point of it all, in a real systemd --user: a gateway that exits 1 at once
# (a revoked token, say) stops for good under the guardrails, and cycles for
# ever with the stock Hermes settings and no generator.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
e2e_init hgt-crash

UNIT=hermes-gateway-crash.service
mkdir -p "$E2E_UNITS"
# The stock Hermes unit's restart settings (docs/systemd-notes.md,
# "The stock Hermes unit"), with RestartSec=1 so the test
# is quick: Restart=always, no start limit.
cat > "$E2E_UNITS/$UNIT" <<'EOF'
[Unit]
Description=Hermes Agent Gateway - fake, fails at once
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=/bin/sh -c 'exit 1'
Restart=always
RestartSec=1
RestartForceExitStatus=75
EOF
mkdir -p "$E2E_HOME/.config/hermes-guardrails"
cat > "$E2E_HOME/.config/hermes-guardrails/policy.conf" <<'EOF'
[guardrails]
RestartSec=1s
StartLimitBurst=3
StartLimitIntervalSec=1min
EOF

state() { e2e_show $UNIT ActiveState; }
restarts() { e2e_show $UNIT NRestarts; }
is_failed() { [ "$(state)" = failed ]; }

echo "--- with the generator: the loop stops"
e2e_install_generator
e2e_start
e2e_reload
e2e_userctl start $UNIT 2>/dev/null
e2e_ok "ActiveState=failed within 15s" e2e_wait_for 150 is_failed
e2e_expect "NRestarts equals the burst" 3 "$(restarts)"
sleep 3
e2e_expect "still failed 3s later" failed "$(state)"
e2e_expect "NRestarts no longer grows" 3 "$(restarts)"
# systemd 252 keeps Result=exit-code here, and so the refused start's message
# speaks of the exit code (docs/systemd-notes.md,
# "A unit stopped by its start limit"): that it was the start limit shows in that no
# new run began (same InvocationID, no new ExecMainStartTimestamp).
inv=$(e2e_show $UNIT InvocationID)
started=$(e2e_show $UNIT ExecMainStartTimestampMonotonic)
out=$(e2e_userctl start $UNIT 2>&1)
rc=$?
e2e_ok "a manual start inside the interval is refused (exit $rc)" [ "$rc" -ne 0 ]
e2e_expect "no new run began (InvocationID)" "$inv" "$(e2e_show $UNIT InvocationID)"
e2e_expect "no new run began (ExecMainStartTimestamp)" "$started" "$(e2e_show $UNIT ExecMainStartTimestampMonotonic)"
e2e_expect "not running" failed "$(state)"
# A failed unit can be started again by hand; what refused it is the start limit,
# which reset-failed clears (the user manager cannot log it here: it has no journal
# and /dev/console is root's).
e2e_userctl reset-failed $UNIT 2>/dev/null
e2e_userctl start $UNIT 2>/dev/null
e2e_ok "after reset-failed a manual start runs it again" [ "$(e2e_show $UNIT InvocationID)" != "$inv" ]
e2e_userctl stop $UNIT

echo "--- stock settings, no generator: it cycles for ever"
e2e_remove_generator
e2e_reload
e2e_userctl reset-failed $UNIT 2>/dev/null
e2e_expect "no generator: StartLimitIntervalUSec" 0 "$(e2e_show $UNIT StartLimitIntervalUSec)"
e2e_userctl start $UNIT 2>/dev/null
past_burst() { [ "$(restarts)" -gt 4 ]; }
e2e_ok "NRestarts passes the burst (>4 within 15s)" e2e_wait_for 150 past_burst
n1=$(restarts)
sleep 2.5
n2=$(restarts)
e2e_ok "NRestarts keeps growing ($n1 -> $n2)" [ "$n2" -gt "$n1" ]
in_auto_restart() { [ "$(e2e_show $UNIT ActiveState)/$(e2e_show $UNIT SubState)" = activating/auto-restart ]; }
e2e_ok "it waits in activating/auto-restart between runs" e2e_wait_for 30 in_auto_restart
case $(state) in
failed) e2e_ok "never failed for good" false ;;
*)      e2e_ok "never failed for good" true ;;
esac
e2e_userctl stop $UNIT

e2e_finish
