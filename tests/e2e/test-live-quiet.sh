#!/bin/sh
# The watchdog contract, hermes-unit-lint --live --quiet, against a real systemd
# --user (issue 7, "What it must show" 2), also through
# templates/hermes-gateway-watchdog.sh as a Hermes no-agent cron job would run it:
#  - every gateway healthy: empty stdout, exit 0, although the host still has on-disk
#    findings (linger is off: HG017, which the plain --live run reports, exit 1);
#  - one gateway crash-looping: exactly one line, exit 1;
#  - no socket, and a manager stopped with SIGSTOP: exit 2 within 3 s, one line on
#    stderr naming the cause, nothing on stdout.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
. tests/e2e/live-lib.sh
e2e_init hgt-quiet
live_setup
install -m 0755 templates/hermes-gateway-watchdog.sh "$E2E_TMP/hermes-gateway-watchdog.sh"

live_profile default 333333:CCCCquietquietquietquietquietquietq
live_profile coder 444444:DDDDcodercodercodercodercodercodercod
GUARD='[Unit]\nStartLimitIntervalSec=10min\nStartLimitBurst=5\n\n[Service]\nRestart=on-failure\nRestartSec=10s\nRestartPreventExitStatus=78\nRestartForceExitStatus=75\n'
live_unit hermes-gateway.service "/bin/sleep 1000"
mkdir -p "$E2E_UNITS/hermes-gateway.service.d"
printf "$GUARD" > "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"
live_unit hermes-gateway-coder.service "/bin/sleep 1000"
mkdir -p "$E2E_UNITS/hermes-gateway-coder.service.d"
printf "$GUARD" > "$E2E_UNITS/hermes-gateway-coder.service.d/10-restart-guardrails.conf"
e2e_start
e2e_reload
e2e_userctl start hermes-gateway.service hermes-gateway-coder.service

ms() { echo $(($(date +%s%N) / 1000000)); }
watchdog() {   # as Hermes runs a no-agent script: its output (stdout+stderr) and status
        e2e_as_user env HERMES_UNIT_LINT="$E2E_TMP/hermes-unit-lint" HERMES_GUARDRAILS_POLICY="$E2E_TMP/policy.conf" \
                HERMES_HOME="$E2E_HOME/.hermes/profiles/coder" "$E2E_TMP/hermes-gateway-watchdog.sh" > "$E2E_TMP/wd" 2>&1
        echo $?
}

echo "--- all healthy"
e2e_expect "plain --live: the on-disk linger finding (exit 1)" 1 "$(live_lint --live --format=json)"
e2e_expect "plain --live: HG017 is there" 1 "$(live_count HG017 hermes-gateway.service)"
e2e_expect "plain --live: no live finding" 0 "$(live_count LIVE)" || live_list
e2e_expect "--live --quiet: exit 0" 0 "$(live_lint --live --quiet)"
e2e_expect "--live --quiet: empty stdout" "" "$(cat "$E2E_TMP/out")"
e2e_expect "--live --quiet: empty stderr" "" "$(cat "$E2E_TMP/err")"
e2e_expect "the watchdog script: exit 0" 0 "$(watchdog)"
e2e_expect "the watchdog script: no output" "" "$(cat "$E2E_TMP/wd")"

echo "--- one gateway crash-looping"
live_unit hermes-gateway-coder.service "/bin/sh -c 'exit 1'" Restart=always RestartSec=300ms StartLimitIntervalSec=0
rm -rf "$E2E_UNITS/hermes-gateway-coder.service.d"
e2e_reload
e2e_userctl restart hermes-gateway-coder.service 2>/dev/null
looping() { [ "$(e2e_show hermes-gateway-coder.service SubState)" = auto-restart ] &&
            [ "$(e2e_show hermes-gateway-coder.service NRestarts)" -gt 1 ]; }
e2e_ok "coder is crash-looping" e2e_wait_for 100 looping
e2e_expect "--live --quiet: exit 1" 1 "$(live_lint --live --quiet)"
e2e_expect "--live --quiet: one line" 1 "$(wc -l < "$E2E_TMP/out")"
line=$(cat "$E2E_TMP/out")
case $line in
"hermes-gateway-coder.service: crash loop, "*" restarts, no start limit — see hermes-unit-lint --live")
        e2e_ok "the line: unit, restarts, no start limit, where to look" true ;;
*)      e2e_ok "the line: unit, restarts, no start limit, where to look: $line" false ;;
esac
e2e_expect "the watchdog script: exit 1" 1 "$(watchdog)"
e2e_expect "the watchdog script: one line" 1 "$(wc -l < "$E2E_TMP/wd")"
e2e_userctl stop hermes-gateway-coder.service

echo "--- no manager to ask"
mkdir -p "$E2E_TMP/empty-rt"
t0=$(ms)
rc=$(e2e_as_user env XDG_RUNTIME_DIR="$E2E_TMP/empty-rt" "$E2E_TMP/hermes-unit-lint" --live --quiet \
        > "$E2E_TMP/out" 2> "$E2E_TMP/err"; echo $?)
t=$(($(ms) - t0))
e2e_expect "socket absent: exit 2" 2 "$rc"
e2e_ok "socket absent: within 3 s (${t} ms)" [ "$t" -lt 3000 ]
e2e_expect "socket absent: nothing on stdout" "" "$(cat "$E2E_TMP/out")"
e2e_expect "socket absent: one line on stderr" 1 "$(wc -l < "$E2E_TMP/err")"
e2e_ok "socket absent: the line names the socket" grep -q "$E2E_TMP/empty-rt/systemd/private" "$E2E_TMP/err"
kill -STOP "$E2E_MGR_PID"
t0=$(ms)
rc=$(live_lint --live --quiet)
t=$(($(ms) - t0))
rc_status=$(live_lint status)
kill -CONT "$E2E_MGR_PID"
e2e_expect "manager stopped: exit 2" 2 "$rc"
e2e_ok "manager stopped: within 3 s (${t} ms)" [ "$t" -lt 3000 ]
e2e_ok "manager stopped: the line says it does not answer" grep -q "does not answer" "$E2E_TMP/err"
e2e_expect "manager stopped: status exits 2 too" 2 "$rc_status"
e2e_expect "the manager answers again" active "$(e2e_show hermes-gateway.service ActiveState)"

echo "--- no token in any output"
if grep -q -e CCCCquiet -e DDDDcoder "$E2E_TMP/out" "$E2E_TMP/err" "$E2E_TMP/wd"; then
        e2e_ok "no token in the output" false
fi
e2e_finish
