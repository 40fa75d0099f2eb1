#!/bin/sh
# hermes-unit-lint status against a real systemd --user (issue 7, "What it must
# show" 3): a Hermes home with the default profile and two named ones, and a
# gateway unit left behind by a deleted profile. States are chosen to stay put
# (a long sleep; a unit its start limit stopped after 2 restarts; no unit; a unit
# never started), so that text and JSON compare with tests/e2e/expected/status.*:
#   default  running, enabled, guardrail loaded
#   coder    failed after its start limit, last exit 1, guardrail loaded
#   writer   a bot token but no unit: "not installed"
#   (none)   hermes-gateway-old.service, guardrail written after the last reload
# The --live run on the same tree reports what status shows, per profile, and no
# token appears in any output.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
. tests/e2e/live-lib.sh
e2e_init hgt-status
live_setup

live_profile default 555555:FFFFstatusstatusstatusstatusstatus
live_profile coder 666666:GGGGcodercodercodercodercodercoderco
live_profile writer 777777:HHHHwriterwriterwriterwriterwriterwr
GUARD='[Unit]\nStartLimitIntervalSec=10min\nStartLimitBurst=5\n\n[Service]\nRestart=on-failure\nRestartSec=10s\nRestartPreventExitStatus=78\nRestartForceExitStatus=75\n'
live_unit hermes-gateway.service "/bin/sleep 1000"
mkdir -p "$E2E_UNITS/hermes-gateway.service.d"
printf "$GUARD" > "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"
live_unit hermes-gateway-coder.service "/bin/sh -c 'exit 1'"
mkdir -p "$E2E_UNITS/hermes-gateway-coder.service.d"
printf '[Unit]\nStartLimitIntervalSec=10min\nStartLimitBurst=2\n\n[Service]\nRestart=on-failure\nRestartSec=200ms\n' \
        > "$E2E_UNITS/hermes-gateway-coder.service.d/10-restart-guardrails.conf"
live_unit hermes-gateway-old.service "/bin/sleep 1000" "Environment=HERMES_HOME=$E2E_HOME/.hermes/profiles/old"
# The manager reads the units and starts the enabled ones as it comes up. No
# daemon-reload after that: with a reload during coder's loop, its NRestarts
# varied from run to run (2, 3 and 4 seen with StartLimitBurst=2).
e2e_start
mkdir -p "$E2E_UNITS/hermes-gateway-old.service.d"
printf "$GUARD" > "$E2E_UNITS/hermes-gateway-old.service.d/10-restart-guardrails.conf"
# No start by hand either: it would race the restarts the same way.
coder_failed() { [ "$(e2e_show hermes-gateway-coder.service ActiveState)" = failed ]; }
e2e_ok "coder gave up" e2e_wait_for 100 coder_failed

compare() {   # compare NAME EXPECTED-FILE ACTUAL-FILE
        if diff -u "$2" "$3" > "$E2E_TMP/diff"; then e2e_ok "$1" true
        else cat "$E2E_TMP/diff"; e2e_ok "$1" false; fi
}

echo "--- text"
e2e_expect "status: exit 0" 0 "$(live_lint status)"
compare "status: the text table" tests/e2e/expected/status.txt "$E2E_TMP/out"
e2e_expect "status: nothing on stderr" "" "$(cat "$E2E_TMP/err")"
e2e_expect "status --color=always: exit 0" 0 "$(live_lint status --color=always)"
e2e_ok "status --color=always: the failed state in red" grep -q "$(printf '\033')\[1;31mfailed/failed" "$E2E_TMP/out"
e2e_expect "status, not a tty: no colour" 0 "$(live_lint status >/dev/null; grep -c "$(printf '\033')" "$E2E_TMP/out")"

echo "--- JSON"
e2e_expect "status --format=json: exit 0" 0 "$(live_lint status --format=json)"
python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); d.pop("tool_version")
print(json.dumps(d, indent=2, sort_keys=True))' "$E2E_TMP/out" > "$E2E_TMP/status.json"
compare "status: the JSON" tests/e2e/expected/status.json "$E2E_TMP/status.json"

echo "--- --live on the same tree"
e2e_expect "--live: exit 1" 1 "$(live_lint --live --format=json)"
e2e_expect "coder gave up (HG031)" 1 "$(live_count HG031 hermes-gateway-coder.service)"
e2e_expect "HG031 is about profile coder" coder "$(live_field HG031 hermes-gateway-coder.service profile)"
e2e_expect "writer has no gateway (HG034)" 1 "$(live_count HG034 hermes-gateway-writer.service)"
e2e_expect "HG034 at writer's .env" "$E2E_HOME/.hermes/profiles/writer/.env" \
        "$(live_field HG034 hermes-gateway-writer.service file)"
e2e_expect "the old unit's guardrail is not loaded (HG033)" 1 "$(live_count HG033 hermes-gateway-old.service)"
e2e_expect "the old unit runs a profile that is gone (HG035)" 1 "$(live_count HG035 hermes-gateway-old.service)"
e2e_expect "nothing live about the default profile" 0 "$(live_count LIVE hermes-gateway.service)"

echo "--- no token in any output"
for args in status "status --format=json" "--live" "--live --format=json" "--live --format=sarif" "--live --quiet"; do
        # shellcheck disable=SC2086
        rc=$(live_lint $args)
        e2e_ok "$args answered (exit $rc)" [ "$rc" -le 1 ]
        e2e_lacks "no token in $args" "$E2E_TMP/out" "$E2E_TMP/err" -- FFFFstatus GGGGcoder HHHHwriter
done
e2e_finish
