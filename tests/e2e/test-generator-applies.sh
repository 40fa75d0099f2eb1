#!/bin/sh
# The generator in a real systemd --user manager: after daemon-reload each Hermes
# gateway unit (stock default, named profile, template instance, legacy name) has
# the policy's values and our drop-in in DropInPaths; a non-Hermes unit is
# untouched; Priority=normal yields to a same-named drop-in in ~/.config and
# Priority=early does not; a broken policy still gives guardrails and a logged error.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
e2e_init hgt-gen

POLICY_DIR=$E2E_HOME/.config/hermes-guardrails
GEN=$E2E_RT/systemd/generator
GEN_EARLY=$E2E_RT/systemd/generator.early

stock_unit() {   # the stock Hermes user unit (docs/systemd-notes.md), profile $1 (or none)
        profile=${1:+--profile $1 }
        cat <<EOF
[Unit]
Description=Hermes Agent Gateway - Messaging Platform Integration
After=network-online.target
Wants=network-online.target
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=/usr/bin/python3 -m hermes_cli.main ${profile}gateway run
WorkingDirectory=$E2E_HOME
Environment="HERMES_HOME=$E2E_HOME/.hermes"
Restart=always
RestartSec=5
RestartForceExitStatus=75
KillMode=mixed
TimeoutStopSec=60

[Install]
WantedBy=default.target
EOF
}

mkdir -p "$E2E_UNITS"
stock_unit > "$E2E_UNITS/hermes-gateway.service"
stock_unit work > "$E2E_UNITS/hermes-gateway-work.service"
stock_unit '%i' > "$E2E_UNITS/hermes-gateway@.service"
stock_unit > "$E2E_UNITS/hermes.service"
printf '[Service]\nExecStart=/bin/true\nRestart=on-abnormal\n' > "$E2E_UNITS/other.service"

props="Restart RestartUSec StartLimitIntervalUSec StartLimitBurst RestartPreventExitStatus"

# expect_guardrails UNIT DROPIN_DIR_UNIT RESTART RESTART_USEC INTERVAL BURST [DIR]
expect_guardrails() {
        unit=$1 dir_unit=$2 dir=${7:-$GEN}
        set -- "$3" "$4" "$5" "$6" 78
        for p in $props; do
                e2e_expect "$unit $p" "$1" "$(e2e_show "$unit" "$p")"
                shift
        done
        case " $(e2e_show "$unit" DropInPaths) " in
        *" $dir/$dir_unit.d/10-restart-guardrails.conf "*) e2e_ok "$unit: our drop-in applies" true ;;
        *) e2e_ok "$unit: DropInPaths lacks $dir/$dir_unit.d/10-restart-guardrails.conf: $(e2e_show "$unit" DropInPaths)" false ;;
        esac
}

e2e_install_generator
e2e_start

echo "--- built-in policy"
for u in hermes-gateway.service hermes-gateway-work.service hermes.service; do
        expect_guardrails $u $u on-failure 10s 10min 5
done
expect_guardrails hermes-gateway@x.service hermes-gateway@.service on-failure 10s 10min 5
e2e_expect "other.service Restart" on-abnormal "$(e2e_show other.service Restart)"
e2e_expect "other.service DropInPaths" "" "$(e2e_show other.service DropInPaths)"
e2e_expect "other.service StartLimitBurst" 5 "$(e2e_show other.service StartLimitBurst)"

echo "--- a policy in ~/.config/hermes-guardrails/policy.conf"
mkdir -p "$POLICY_DIR"
printf '[guardrails]\nRestartSec=7s\nStartLimitBurst=4\nStartLimitIntervalSec=1h\n' > "$POLICY_DIR/policy.conf"
e2e_reload
expect_guardrails hermes-gateway.service hermes-gateway.service on-failure 7s 1h 4

echo "--- Priority=normal: a same-named drop-in in ~/.config wins"
mkdir -p "$E2E_UNITS/hermes-gateway.service.d"
printf '[Service]\nRestartSec=42s\n' > "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"
e2e_reload
e2e_expect "normal: RestartUSec from ~/.config" 42s "$(e2e_show hermes-gateway.service RestartUSec)"
e2e_expect "normal: DropInPaths" "$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf" \
        "$(e2e_show hermes-gateway.service DropInPaths)"
# ... which also drops the [Unit] guardrails: the same-named file replaces ours whole.
e2e_expect "normal: start limit back to the unit's own" 0 "$(e2e_show hermes-gateway.service StartLimitIntervalUSec)"

echo "--- Priority=early: the policy wins"
printf 'Priority=early\n' >> "$POLICY_DIR/policy.conf"
e2e_reload
expect_guardrails hermes-gateway.service hermes-gateway.service on-failure 7s 1h 4 "$GEN_EARLY"
case $(e2e_show hermes-gateway.service DropInPaths) in
*"$E2E_UNITS/hermes-gateway.service.d/10-restart-guardrails.conf"*)
        e2e_ok "early: the ~/.config file is shadowed" false ;;
*)      e2e_ok "early: the ~/.config file is shadowed" true ;;
esac
rm -rf "$E2E_UNITS/hermes-gateway.service.d"

echo "--- a broken policy still gives guardrails, and says where it is wrong"
printf '[guardrails]\nRestartSec=5 parsecs\nStartLimitBurst=3\nColour=blue\nthis is no key\n' > "$POLICY_DIR/policy.conf"
e2e_reload
expect_guardrails hermes-gateway.service hermes-gateway.service on-failure 10s 10min 3
# The generator's stderr reaches the manager's stderr (no journal here): its log file.
e2e_ok "the error names file and line" \
        grep -q "$POLICY_DIR/policy.conf:2: error: invalid RestartSec=" "$E2E_TMP/manager.log"
e2e_ok "the unknown key is a warning with file and line" \
        grep -q "$POLICY_DIR/policy.conf:4: warning: unknown key" "$E2E_TMP/manager.log"
e2e_ok "the garbage line is an error with file and line" \
        grep -q "$POLICY_DIR/policy.conf:5: error: " "$E2E_TMP/manager.log"

echo "--- without the generator, nothing applies"
e2e_remove_generator
rm -f "$POLICY_DIR/policy.conf"
e2e_reload
e2e_expect "no generator: Restart" always "$(e2e_show hermes-gateway.service Restart)"
e2e_expect "no generator: DropInPaths" "" "$(e2e_show hermes-gateway.service DropInPaths)"

e2e_finish
