#!/bin/sh
# hermes-unit-lint --live against a real systemd --user (issue 7, "What it must show" 1):
#  - a gateway crashing without a start limit: gateway-crash-looping (HG030), "no start limit";
#  - one crashing under a start limit, once it stopped: gateway-gave-up (HG031), with
#    reset-failed advice and the last exit status (systemd 252 keeps Result=exit-code);
#  - one exiting 78 while its token's lock file names another profile:
#    gateway-config-fatal (HG032) naming that profile, by fingerprint, never the token;
#  - a guardrail drop-in written without daemon-reload: guardrail-not-loaded (HG033),
#    gone after daemon-reload; again when only a value is edited without reload;
#  - a healthy gateway (a long sleep) with its guardrail loaded: no finding at all;
#  - the generator's guardrail loaded, then its output gone without a reload:
#    guardrail-not-loaded saying the generator is not installed or did not run.
# Every finding has a file (code scanning drops results without a location) and the
# JSON profile member.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
. tests/e2e/live-lib.sh
e2e_init hgt-live
live_setup

TOKEN_FATAL=111111:AAAAfatalfatalfatalfatalfatalfatalf
TOKEN_OK=222222:BBBBhealthyhealthyhealthyhealthyhe
live_profile default "$TOKEN_OK"
live_profile loop
live_profile limit
live_profile fatal "$TOKEN_FATAL"
live_profile coder

live_unit hermes-gateway.service "/bin/sleep 1000" Restart=on-failure RestartSec=1s
live_unit hermes-gateway-loop.service "/bin/sh -c 'exit 1'" Restart=always RestartSec=300ms StartLimitIntervalSec=0
live_unit hermes-gateway-limit.service "/bin/sh -c 'exit 3'" Restart=always RestartSec=200ms \
        StartLimitIntervalSec=1min StartLimitBurst=3
live_unit hermes-gateway-fatal.service "/bin/sh -c 'exit 78'" Restart=always RestartSec=200ms \
        RestartPreventExitStatus=78 "Environment=HERMES_HOME=$E2E_HOME/.hermes/profiles/fatal"
# The lock the coder profile's gateway holds on the fatal profile's token.
locks=$E2E_HOME/.local/state/hermes/gateway-locks
mkdir -p "$locks"
printf '{"pid": 4242, "kind": "hermes-gateway", "scope": "telegram-bot-token", "profile": "coder", "hermes_home": "%s/.hermes/profiles/coder"}\n' \
        "$E2E_HOME" > "$locks/telegram-bot-token-$(live_fp "$TOKEN_FATAL").lock"
chown -R "$E2E_USER:" "$E2E_HOME/.local"

e2e_start
e2e_reload
for u in hermes-gateway hermes-gateway-loop hermes-gateway-limit hermes-gateway-fatal; do
        e2e_userctl start $u.service 2>/dev/null
done
is() { [ "$(e2e_show "$1" ActiveState)/$(e2e_show "$1" SubState)" = "$2" ]; }
looping() { is hermes-gateway-loop.service activating/auto-restart && [ "$(e2e_show hermes-gateway-loop.service NRestarts)" -gt 1 ]; }
e2e_ok "the loop unit is in auto-restart" e2e_wait_for 100 looping
e2e_ok "the limit unit failed" e2e_wait_for 100 is hermes-gateway-limit.service failed/failed
e2e_ok "the fatal unit failed" e2e_wait_for 100 is hermes-gateway-fatal.service failed/failed

echo "--- the live rules"
e2e_expect "exit status with findings" 1 "$(live_lint --live --format=json)"
e2e_expect "HG030 for the loop" 1 "$(live_count HG030 hermes-gateway-loop.service)"
case $(live_field HG030 hermes-gateway-loop.service message) in
*"no start limit will ever stop it"*) e2e_ok "HG030 says no start limit will stop it" true ;;
*) e2e_ok "HG030 says no start limit will stop it: $(live_field HG030 hermes-gateway-loop.service message)" false ;;
esac
e2e_expect "HG030 only for the loop" 1 "$(live_count HG030)"
e2e_expect "HG031 for the limit unit" 1 "$(live_count HG031 hermes-gateway-limit.service)"
msg=$(live_field HG031 hermes-gateway-limit.service message)
case $msg in
*"last exit 3"*"reset-failed hermes-gateway-limit.service"*) e2e_ok "HG031: last exit and reset-failed" true ;;
*) e2e_ok "HG031: last exit and reset-failed: $msg" false ;;
esac
e2e_expect "HG031 only for the limit unit" 1 "$(live_count HG031)"
e2e_expect "HG032 for the fatal unit" 1 "$(live_count HG032 hermes-gateway-fatal.service)"
msg=$(live_field HG032 hermes-gateway-fatal.service message)
case $msg in
*"locked by profile coder (pid 4242)"*"$(live_fp "$TOKEN_FATAL")"*) e2e_ok "HG032 names profile coder and the fingerprint" true ;;
*) e2e_ok "HG032 names profile coder and the fingerprint: $msg" false ;;
esac
e2e_expect "HG032 at the .env" "$E2E_HOME/.hermes/profiles/fatal/.env" "$(live_field HG032 hermes-gateway-fatal.service file)"
e2e_expect "HG032 profile member" fatal "$(live_field HG032 hermes-gateway-fatal.service profile)"
e2e_expect "the healthy gateway: no live finding" 0 "$(live_count LIVE hermes-gateway.service)"
nofile=$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["findings"] if not f["file"]))' "$E2E_TMP/out")
e2e_expect "every finding has a file" 0 "$nofile"
e2e_lacks "no token in the output" "$E2E_TMP/out" "$E2E_TMP/err" -- AAAAfatal BBBBhealthy
# A hostile lock file: its profile field holds a token and a terminal escape.
printf '{"pid": 4242, "profile": "evil\\u001b[31m 555555:EEEEleakleakleakleakleakleakleakle", "scope": "telegram-bot-token"}\n' \
        > "$locks/telegram-bot-token-$(live_fp "$TOKEN_FATAL").lock"
e2e_expect "hostile lock: exit status" 1 "$(live_lint --live --color=always)"
e2e_ok "hostile lock: HG032 still names the holder" grep -q "locked by profile evil" "$E2E_TMP/out"
e2e_ok "hostile lock: the token is redacted" grep -q "redacted:" "$E2E_TMP/out"
e2e_lacks "hostile lock: no token in the output" "$E2E_TMP/out" "$E2E_TMP/err" -- EEEEleak
esc=$(printf '\033')
grep "locked by" "$E2E_TMP/out" | sed 's/\x1b\[[0-9;]*m\[HG/[HG/' > "$E2E_TMP/locked-by"
e2e_lacks "hostile lock: no raw escape from the lock file" "$E2E_TMP/locked-by" -- "evil$esc"
e2e_expect "SARIF: exit status" 1 "$(live_lint --live --format=sarif)"
e2e_ok "SARIF: the profile property" python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert any(r.get("properties", {}).get("profile") == "fatal" and r["ruleId"] == "HG032" for r in results)
assert all(r["locations"] for r in results)' "$E2E_TMP/out"

# The lock dir the gateway uses is its own environment's: a drop-in's
# Environment=HERMES_GATEWAY_LOCK_DIR= moves it (the linter's env does not say it).
moved=$E2E_HOME/other-locks
mkdir -p "$moved" "$E2E_UNITS/hermes-gateway-fatal.service.d"
printf '{"pid": 4343, "scope": "telegram-bot-token", "profile": "coder"}\n' \
        > "$moved/telegram-bot-token-$(live_fp "$TOKEN_FATAL").lock"
rm -f "$locks/telegram-bot-token-$(live_fp "$TOKEN_FATAL").lock"
printf '[Service]\nEnvironment=HERMES_GATEWAY_LOCK_DIR=%s\n' "$moved" > "$E2E_UNITS/hermes-gateway-fatal.service.d/locks.conf"
chown -R "$E2E_USER:" "$moved"
e2e_reload
e2e_expect "lock dir from the unit: exit status" 1 "$(live_lint --live --format=json)"
msg=$(live_field HG032 hermes-gateway-fatal.service message)
case $msg in
*"locked by profile coder (pid 4343)"*"other-locks/"*) e2e_ok "lock dir from the unit's Environment=: HG032 finds the holder" true ;;
*) e2e_ok "lock dir from the unit's Environment=: HG032 finds the holder: $msg" false ;;
esac

echo "--- guardrail-not-loaded"
for u in loop limit fatal; do e2e_userctl stop hermes-gateway-$u.service; done
rm -f "$E2E_UNITS"/hermes-gateway-loop.service "$E2E_UNITS"/hermes-gateway-limit.service \
      "$E2E_UNITS"/hermes-gateway-fatal.service "$E2E_UNITS"/default.target.wants/hermes-gateway-[lf]*
rm -rf "$E2E_UNITS"/hermes-gateway-fatal.service.d
rm -rf "$E2E_HOME/.hermes/profiles/loop" "$E2E_HOME/.hermes/profiles/limit" "$E2E_HOME/.hermes/profiles/fatal"
e2e_reload
e2e_userctl reset-failed 2>/dev/null
live_lint --live --format=json >/dev/null
e2e_expect "before the drop-in: no live finding" 0 "$(live_count LIVE)"
mkdir -p "$E2E_UNITS/hermes-gateway.service.d"
printf '[Unit]\nStartLimitIntervalSec=10min\nStartLimitBurst=5\n\n[Service]\nRestartSec=10s\nRestartPreventExitStatus=78\nRestartForceExitStatus=75\n' \
        > "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"
e2e_expect "the manager's NeedDaemonReload stays no (252)" no "$(e2e_show hermes-gateway.service NeedDaemonReload)"
e2e_expect "drop-in without reload: exit 1" 1 "$(live_lint --live --format=json)"
e2e_expect "HG033 for the gateway" 1 "$(live_count HG033 hermes-gateway.service)"
e2e_expect "HG033 at the drop-in" "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf" \
        "$(live_field HG033 hermes-gateway.service file)"
e2e_reload
e2e_expect "after daemon-reload: exit 0" 0 "$(live_lint --live --no-linger --format=json)" || live_list
e2e_expect "after daemon-reload: no HG033" 0 "$(live_count HG033)"
sed -i 's/StartLimitBurst=5/StartLimitBurst=7/' "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"
e2e_expect "value edited without reload: exit 1" 1 "$(live_lint --live --format=json)"
msg=$(live_field HG033 hermes-gateway.service message)
case $msg in
*"StartLimitBurst= is 5 live but 7 on disk"*) e2e_ok "HG033 names the value" true ;;
*) e2e_ok "HG033 names the value: $msg" false ;;
esac
e2e_reload
e2e_expect "healthy with its guardrail loaded: exit 0" 0 "$(live_lint --live --no-linger --format=json)"
e2e_expect "healthy with its guardrail loaded: no finding" 0 "$(live_count "")" || live_list
e2e_expect "the gateway still runs" active "$(e2e_show hermes-gateway.service ActiveState)"

echo "--- the generator's guardrail, its output gone without a reload"
rm -rf "$E2E_UNITS/hermes-gateway.service.d"
e2e_install_generator
e2e_reload
gen=$E2E_RT/systemd/generator/hermes-gateway.service.d/10-restart-guardrails.conf
e2e_ok "the generator wrote the guardrail" [ -f "$gen" ]
live_lint --live --no-linger --format=json > /dev/null
e2e_expect "the generator's guardrail loaded: no HG033" 0 "$(live_count HG033)"
e2e_remove_generator
rm -rf "$E2E_RT/systemd/generator/hermes-gateway.service.d"
e2e_expect "generator output gone: exit 1" 1 "$(live_lint --live --no-linger --format=json)"
msg=$(live_field HG033 hermes-gateway.service message)
case $msg in
*"no generator output"*) e2e_ok "HG033 says the generator is not installed or did not run" true ;;
*) e2e_ok "HG033 says the generator is not installed or did not run: $msg" false ;;
esac

echo "--- HG036 on the host: a home outside the Hermes root, a root reached through a link"
# Hermes names the gateway of a HERMES_HOME outside ~/.hermes and its profiles
# hermes-gateway-<first 8 hex of sha256(resolved path)>.service (hermes_cli/gateway.py
# _profile_suffix()); it resolves both paths first, so a root reached through a
# symlink is still the root. sha256("/opt/hg-elsewhere") starts 63f8facd.
ln -s .hermes "$E2E_HOME/hermes-link"
live_unit hermes-gateway-coder.service "/bin/sleep 1000" "Environment=HERMES_HOME=$E2E_HOME/hermes-link/profiles/coder"
live_unit hermes-gateway-elsewhere.service "/bin/sleep 1000" "Environment=HERMES_HOME=/opt/hg-elsewhere"
live_unit hermes-gateway-63f8facd.service "/bin/sleep 1000" "Environment=HERMES_HOME=/opt/hg-elsewhere"
e2e_expect "host lint: exit 1" 1 "$(live_lint --no-linger --format=json)"
e2e_expect "HG036 for a profile-named unit running a home outside the root" 1 \
        "$(live_count HG036 hermes-gateway-elsewhere.service)" || live_list
msg=$(live_field HG036 hermes-gateway-elsewhere.service message)
case $msg in
*"HERMES_HOME= is /opt/hg-elsewhere"*"name the unit hermes-gateway-63f8facd.service"*) e2e_ok "HG036 names the hashed unit" true ;;
*) e2e_ok "HG036 names the hashed unit: $msg" false ;;
esac
e2e_expect "no HG036 for the unit named by its home's hash" 0 "$(live_count HG036 hermes-gateway-63f8facd.service)"
e2e_expect "no HG036 for a profile reached through a linked root" 0 "$(live_count HG036 hermes-gateway-coder.service)"
# The same comparison serves HG035: a profile that is gone, reached through the link, is
# named as a profile of this root (with the uninstall command for it).
live_unit hermes-gateway-gone.service "/bin/sleep 1000" "Environment=HERMES_HOME=$E2E_HOME/hermes-link/profiles/gone"
live_lint --no-linger --format=json > /dev/null
msg=$(live_field HG035 hermes-gateway-gone.service message)
case $msg in
*"(no such profile)"*"hermes --profile gone gateway uninstall"*) e2e_ok "HG035 names the profile behind the link" true ;;
*) e2e_ok "HG035 names the profile behind the link: $msg" false ;;
esac

e2e_finish
