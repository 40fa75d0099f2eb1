#!/bin/sh
# What hermes-unit-lint's rules claim about systemd, checked in a real systemd
# --user manager: for each rule, the bad unit makes the rule fire AND the manager
# behaves as the message says; the fixed unit keeps the rule quiet AND the manager
# behaves as intended.
#   HG005 Burst x RestartSec >= Interval loops for ever; a long interval stops it
#   HG007 Restart=on-failure + SuccessExitStatus=75: exit 75 is not restarted;
#         RestartForceExitStatus=75 restarts it
#   HG008 StartLimitIntervalSec= in [Service] is ignored
#   HG012 an empty RestartSec= keeps the previous value
#   HG013 10M is ten months
#   HG018 WantedBy=multi-user.target: enabled, never started by the user manager
#   HG021 a bad section header: the unit file fails to load; a drop-in is read up
#         to that line
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
e2e_init hgt-lint

lint_bin=${B:-build}/hermes-unit-lint
[ -x "$lint_bin" ] || { echo "missing $lint_bin (run make)"; exit 1; }
install -m 0755 "$lint_bin" "$E2E_TMP/hermes-unit-lint"
: > "$E2E_TMP/policy.conf"
chmod 644 "$E2E_TMP/policy.conf"

command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed to read the JSON report"; exit 77; }

# The linter in pre-commit mode, as the user, with its JSON report in $E2E_TMP/out.json;
# the IDs of the rules that fired in $seen, their messages in $E2E_TMP/messages. It
# must exit 0 (clean) or 1 (findings) and print a report that parses: a crash, a
# usage or input error (2) or broken JSON makes fires AND quiet fail.
lint() {
        seen=""
        e2e_as_user env HERMES_GUARDRAILS_POLICY="$E2E_TMP/policy.conf" "$E2E_TMP/hermes-unit-lint" \
                --systemd-version 252 --format=json "$@" > "$E2E_TMP/out.json" 2> "$E2E_TMP/err"
        _rc=$?
        case $_rc in
        0|1) ;;
        *) echo "hermes-unit-lint $* exited $_rc:"; cat "$E2E_TMP/err"; return 2 ;;
        esac
        seen=$(python3 - "$E2E_TMP/out.json" "$E2E_TMP/messages" "$_rc" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
findings = report["findings"]
with open(sys.argv[2], "w") as m:
    for f in findings:
        m.write(f"{f['rule_id']} {f['message']}\n")
# exit 1 exactly when a finding is a warning or an error (the default --fail-on)
if (sys.argv[3] == "1") != any(f["severity"] in ("warning", "error") for f in findings):
    sys.exit(f"exit status {sys.argv[3]} does not match the findings")
print(" ".join(sorted({f["rule_id"] for f in findings})))
PY
        ) || { echo "hermes-unit-lint $*: the report does not parse"; return 2; }
}
# fires RULE FILE...: the linter ran cleanly and RULE fired
fires() {
        _rule=$1; shift
        lint "$@" || return 1
        case " $seen " in *" $_rule "*) return 0 ;; esac
        echo "$_rule did not fire (fired: ${seen:-none})"
        return 1
}
# quiet "RULE..." FILE...: the linter ran cleanly and none of the RULEs fired
quiet() {
        _rules=$1; shift
        lint "$@" || return 1
        for _r in $_rules; do
                case " $seen " in *" $_r "*) echo "$_r fired"; return 1 ;; esac
        done
        return 0
}
# said RULE TEXT: a finding of RULE in the last run says TEXT
said() { grep -q "^$1 .*$2" "$E2E_TMP/messages"; }
unit() { printf "$2" > "$E2E_UNITS/hermes-gateway-$1.service"; }   # unit NAME PRINTF-TEXT
show() { e2e_show "hermes-gateway-$1.service" "$2"; }
U=$E2E_UNITS

mkdir -p "$U"
e2e_start

# ---- HG005 ----------------------------------------------------------------------------
loop='[Unit]\nStartLimitIntervalSec=%s\nStartLimitBurst=3\n[Service]\nExecStart=/bin/false\nRestart=on-failure\nRestartSec=1s\nRestartPreventExitStatus=78\n'
unit loops "$(printf "$loop" 3s)"
unit stops "$(printf "$loop" 1min)"
e2e_reload
e2e_ok "HG005 fires on 3 x 1s vs 3s" fires HG005 "$U/hermes-gateway-loops.service"
e2e_ok "HG005 quiet on 3 x 1s vs 1min" quiet HG005 "$U/hermes-gateway-stops.service"
e2e_userctl start hermes-gateway-loops.service hermes-gateway-stops.service
stopped() { [ "$(show stops ActiveState)" = failed ]; }
e2e_ok "1min: the loop stops" e2e_wait_for 150 stopped
e2e_expect "1min: after 3 restarts" 3 "$(show stops NRestarts)"
more_than_burst() { [ "$(show loops NRestarts)" -gt 4 ]; }
e2e_ok "3s: the loop goes on past the burst" e2e_wait_for 150 more_than_burst
e2e_ok "3s: still restarting" test "$(show loops ActiveState)" != failed
e2e_userctl stop hermes-gateway-loops.service
e2e_userctl reset-failed

# ---- HG007 ----------------------------------------------------------------------------
planned='[Service]\nExecStart=/bin/sh -c "sleep 0.2; exit 75"\nRestart=on-failure\nRestartSec=1s\nSuccessExitStatus=75\nRestartPreventExitStatus=78\n%s'
unit lost "$(printf "$planned" '')"
unit kept "$(printf "$planned" 'RestartForceExitStatus=75\n')"
e2e_reload
e2e_ok "HG007 fires without RestartForceExitStatus=75" fires HG007 "$U/hermes-gateway-lost.service"
e2e_ok "HG007 quiet with it" quiet HG007 "$U/hermes-gateway-kept.service"
e2e_userctl start hermes-gateway-lost.service hermes-gateway-kept.service
restarted() { [ "$(show kept NRestarts)" -ge 1 ]; }
e2e_ok "forced: exit 75 is restarted" e2e_wait_for 50 restarted
e2e_expect "not forced: exit 75 is not restarted" "inactive 0" "$(show lost ActiveState) $(show lost NRestarts)"
e2e_userctl stop hermes-gateway-kept.service

# ---- HG008, HG012, HG013 --------------------------------------------------------------
mkdir -p "$U/hermes-gateway-keys.service.d"
unit keys '[Unit]\nStartLimitIntervalSec=20s\n[Service]\nExecStart=/bin/true\nRestartSec=7s\n'
printf '[Unit]\nStartLimitBurst=4\n[Service]\nStartLimitIntervalSec=10min\nRestartSec=\n' > "$U/hermes-gateway-keys.service.d/a.conf"
e2e_reload
e2e_ok "HG008 fires on StartLimitIntervalSec= in [Service]" fires HG008 "$U/hermes-gateway-keys.service.d/a.conf"
e2e_expect "... which the manager ignores" 20s "$(show keys StartLimitIntervalUSec)"
e2e_ok "HG012 fires on the empty RestartSec=" fires HG012 "$U/hermes-gateway-keys.service.d/a.conf"
e2e_expect "... which keeps the previous value" 7s "$(show keys RestartUSec)"
printf '[Unit]\nStartLimitIntervalSec=10M\n' > "$U/hermes-gateway-keys.service.d/a.conf"
e2e_reload
e2e_ok "HG013 fires on 10M" fires HG013 "$U/hermes-gateway-keys.service.d/a.conf"
e2e_expect "... which is ten months" "$(e2e_as_user systemd-analyze timespan 10month | sed -n 's/^ *Human: //p')" \
        "$(show keys StartLimitIntervalUSec)"
printf '[Unit]\nStartLimitIntervalSec=10m\n[Service]\nRestartSec=8s\n' > "$U/hermes-gateway-keys.service.d/a.conf"
e2e_reload
e2e_ok "the fixed drop-in: HG008, HG012, HG013 quiet" quiet "HG008 HG012 HG013" "$U/hermes-gateway-keys.service.d/a.conf"
e2e_expect "... the manager: 10min and 8s" "10min 8s" "$(show keys StartLimitIntervalUSec) $(show keys RestartUSec)"

# ---- HG021 ----------------------------------------------------------------------------
unit broken '[Service]\nExecStart=/bin/true\n[Unit] # comment\nDescription=x\n'
mkdir -p "$U/hermes-gateway-cut.service.d"
unit cut '[Service]\nExecStart=/bin/true\n'
printf '[Service]\nRestart=on-failure\n[Unit] # comment\nDescription=never read\n' > "$U/hermes-gateway-cut.service.d/a.conf"
e2e_reload
e2e_ok "HG021 fires on the unit file" fires HG021 "$U/hermes-gateway-broken.service"
e2e_ok "... and says it fails to load" said HG021 'LoadState=error'
e2e_expect "... which it does" error "$(show broken LoadState)"
e2e_ok "HG021 fires on the drop-in" fires HG021 "$U/hermes-gateway-cut.service.d/a.conf"
e2e_expect "... which is read up to the bad line" "loaded on-failure" "$(show cut LoadState) $(show cut Restart)"
e2e_ok "... and not after it" test "$(show cut Description)" != "never read"
unit broken '[Service]\nExecStart=/bin/true\n# comment\n[Unit]\n'
e2e_reload
e2e_ok "HG021 quiet on the fixed unit" quiet HG021 "$U/hermes-gateway-broken.service"
e2e_expect "... which loads" loaded "$(show broken LoadState)"

# ---- HG018: needs a manager start to reach default.target ------------------------------
rm -f "$U"/hermes-gateway-*.service
rm -rf "$U"/hermes-gateway-*.service.d
long='[Service]\nExecStart=/bin/sleep 1000\n[Install]\nWantedBy=%s\n'
unit multi "$(printf "$long" multi-user.target)"
unit default "$(printf "$long" default.target)"
e2e_reload
e2e_ok "HG018 fires on WantedBy=multi-user.target" fires HG018 "$U/hermes-gateway-multi.service"
e2e_ok "HG018 quiet on WantedBy=default.target" quiet HG018 "$U/hermes-gateway-default.service"
e2e_userctl enable hermes-gateway-multi.service hermes-gateway-default.service > /dev/null 2>&1
e2e_expect "both are enabled" "enabled enabled" \
        "$(e2e_userctl is-enabled hermes-gateway-multi.service) $(e2e_userctl is-enabled hermes-gateway-default.service)"
e2e_stop
e2e_start
running() { [ "$(e2e_show hermes-gateway-default.service ActiveState)" = active ]; }
e2e_ok "default.target: started with the manager" e2e_wait_for 50 running
e2e_expect "multi-user.target: never started" inactive "$(e2e_show hermes-gateway-multi.service ActiveState)"

e2e_finish
