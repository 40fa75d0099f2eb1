#!/bin/sh
# hermes-unit-lint --fix, applied in a real systemd --user manager, makes the
# findings go away (issue 3, "What it must show" 4):
#  1. the stock Hermes unit: host mode names HG004 and HG002 (exit 1); --fix=diff
#     applied with patch(1) gives the same file as --fix; after daemon-reload the
#     manager shows the policy's values with the fix in DropInPaths, the lint is
#     clean (exit 0), and the gateway, failing at once, stops after StartLimitBurst
#     restarts instead of looping;
#  2. the generator's drop-in undone by a later override.conf (as `systemctl edit`
#     writes it): the fix sorts after override.conf and wins in the manager.
# Runs the linter as the test user, in host mode, on the manager's own search path.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
e2e_init hgt-lint

lint_bin=${B:-build}/hermes-unit-lint
[ -x "$lint_bin" ] || { echo "missing $lint_bin (run make)"; exit 1; }
install -m 0755 "$lint_bin" "$E2E_TMP/hermes-unit-lint"
POLICY=$E2E_TMP/policy.conf
FIX=zz-hermes-unit-lint-fix.conf
DROPINS=$E2E_UNITS/hermes-gateway.service.d

# A short policy, so that the crash loop ends within seconds.
printf '[guardrails]\nRestartSec=1s\nStartLimitBurst=3\nStartLimitIntervalSec=1min\n' > "$POLICY"
chmod 644 "$POLICY"

lint() {   # lint ARGS...: run in the test user's home; output in $E2E_TMP/out, status echoed
        e2e_as_user sh -c 'cd "$HOME" && exec env HERMES_GUARDRAILS_POLICY="$0" "$@"' \
                "$POLICY" "$E2E_TMP/hermes-unit-lint" --systemd-version 252 "$@" > "$E2E_TMP/out" 2>&1
        echo $?
}

has() { grep -q "$1" "$E2E_TMP/out"; }

mkdir -p "$E2E_UNITS"
cat > "$E2E_UNITS/hermes-gateway.service" <<'EOF'
[Unit]
Description=Hermes Agent Gateway - Messaging Platform Integration
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=/bin/false
Restart=always
RestartSec=5
RestartForceExitStatus=75
SuccessExitStatus=75
RestartPreventExitStatus=78

[Install]
WantedBy=default.target
EOF
e2e_start
e2e_reload

# ---- 1. the stock unit -----------------------------------------------------------
e2e_as_user env SYSTEMD_LOG_LEVEL=debug HERMES_GUARDRAILS_POLICY="$POLICY" "$E2E_TMP/hermes-unit-lint" \
        > "$E2E_TMP/out" 2>&1
e2e_ok "without --systemd-version, the running manager is asked" has 'Target: systemd [0-9]* (the running user manager)'
e2e_expect "stock unit: exit status" 1 "$(lint)"
e2e_ok "stock unit: names HG004" has 'HG004 start-limit-disabled'
e2e_ok "stock unit: names HG002" has 'HG002 restart-always'

e2e_expect "--fix=diff: exit status (findings remain)" 1 "$(lint --fix=diff)"
cp "$E2E_TMP/out" "$E2E_TMP/fix.diff"
mkdir -p "$E2E_TMP/patched"
(cd "$E2E_TMP/patched" && patch -s -p0 < "$E2E_TMP/fix.diff")
e2e_ok "--fix=diff is a patch that creates the fix" test -f "$E2E_TMP/patched/.config/systemd/user/hermes-gateway.service.d/$FIX"

e2e_expect "--fix: exit status (nothing left)" 0 "$(lint --fix)"
e2e_ok "--fix: says what it wrote" has "wrote .config/systemd/user/hermes-gateway.service.d/$FIX"
e2e_ok "--fix wrote what --fix=diff showed" \
        cmp -s "$DROPINS/$FIX" "$E2E_TMP/patched/.config/systemd/user/hermes-gateway.service.d/$FIX"
e2e_reload
for pv in Restart=on-failure RestartUSec=1s StartLimitIntervalUSec=1min StartLimitBurst=3 \
          RestartPreventExitStatus=78; do
        e2e_expect "after the fix, the manager shows ${pv%%=*}" "${pv#*=}" "$(e2e_show hermes-gateway.service "${pv%%=*}")"
done
e2e_expect "the fix is in DropInPaths" "$DROPINS/$FIX" "$(e2e_show hermes-gateway.service DropInPaths)"
e2e_expect "after the fix, host mode is clean" 0 "$(lint)"
e2e_expect "... and prints nothing" "" "$(cat "$E2E_TMP/out")"

# The point of it: the failing gateway stops for good after StartLimitBurst restarts.
e2e_userctl start hermes-gateway.service
failed() { [ "$(e2e_show hermes-gateway.service ActiveState)" = failed ]; }
e2e_ok "the failing gateway ends up failed" e2e_wait_for 150 failed
e2e_expect "... after StartLimitBurst restarts" 3 "$(e2e_show hermes-gateway.service NRestarts)"
sleep 2
e2e_expect "... and stays down" failed "$(e2e_show hermes-gateway.service ActiveState)"
e2e_userctl reset-failed hermes-gateway.service

# ---- 2. the generator's drop-in, undone by override.conf ----------------------------
rm -f "$DROPINS/$FIX"
e2e_install_generator
mkdir -p "$E2E_HOME/.config/hermes-guardrails"
cp "$POLICY" "$E2E_HOME/.config/hermes-guardrails/policy.conf"
printf '[Service]\nRestart=always\nRestartSec=200ms\n' > "$DROPINS/override.conf"
e2e_reload
e2e_expect "override.conf wins over the generator's drop-in" always "$(e2e_show hermes-gateway.service Restart)"
e2e_expect "override: exit status" 1 "$(lint)"
e2e_ok "override: HG002 at override.conf" has 'override.conf:2:9: warning: Restart=always'
e2e_ok "override: HG003 at override.conf" has 'override.conf:3:12: warning: RestartSec=200ms'
e2e_ok "override: HG015 names the guardrail drop-in it undoes" has "generator/hermes-gateway.service.d/10-restart-guardrails.conf"
e2e_expect "override: --fix" 0 "$(lint --fix)"
e2e_reload
e2e_expect "the fix wins over override.conf: Restart" on-failure "$(e2e_show hermes-gateway.service Restart)"
e2e_expect "the fix wins over override.conf: RestartUSec" 1s "$(e2e_show hermes-gateway.service RestartUSec)"
e2e_expect "after the fix, host mode is clean again" 0 "$(lint)"

e2e_finish
