# shellcheck shell=sh
# Sourced by deb-check.sh, under the e2e lock, with the package purged and the test
# user's stock unit in place: contrib/ansible/hermes-guardrails.yml run for real
# against localhost (-c local, Debian's ansible-core). After the play the package is
# installed, the site policy deployed and its drop-in live in the user manager, the
# JSON report is on the "controller"; then a bad drop-in makes the play fail with
# the linter's findings in its output. Needs: DEB (the .deb to install), work.
echo "deb-check: the Ansible playbook against localhost"
mkdir -p "$work/ansible-home"
printf '[hermes_gateways]\nlocalhost ansible_connection=local\n' > "$work/inventory"
cat > "$work/vars.json" <<EOV
{"hg_deb": "$DEB", "hg_users": ["$E2E_USER"], "hg_results_dir": "$work/results",
 "hg_policy_src": "$top/contrib/ansible/files/policy.conf"}
EOV
play() {
        ANSIBLE_CONFIG=$top/contrib/ansible/ansible.cfg ANSIBLE_HOME=$work/ansible-home \
        ANSIBLE_LOCAL_TEMP=$work/ansible-home/tmp ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0 \
                ansible-playbook -i "$work/inventory" -c local -e @"$work/vars.json" \
                "$top/contrib/ansible/hermes-guardrails.yml" > "$work/play-$1.log" 2>&1
}
e2e_start
if play good; then ok "the play passes on the stock unit"
else cat "$work/play-good.log"; fail "the play failed on the stock unit"; fi
installed && ok "the play installed $PKG" || fail "the play did not install $PKG"
cmp -s "$top/contrib/ansible/files/policy.conf" /etc/hermes-guardrails/policy.conf &&
        ok "the play deployed the site policy" || fail "/etc/hermes-guardrails/policy.conf is not the site policy"
e2e_expect "after the play: RestartUSec" 30s "$(e2e_show hermes-gateway.service RestartUSec)"
e2e_expect "after the play: StartLimitBurst" 3 "$(e2e_show hermes-gateway.service StartLimitBurst)"
e2e_expect "after the play: StartLimitIntervalUSec" 1h "$(e2e_show hermes-gateway.service StartLimitIntervalUSec)"
e2e_expect "after the play: DropInPaths" "$E2E_RT/systemd/generator/hermes-gateway.service.d/10-restart-guardrails.conf" \
        "$(e2e_show hermes-gateway.service DropInPaths)"
report=$work/results/localhost-$E2E_USER.json
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(0 if d["findings"] == [] and d["units"] else 1)' \
        "$report" 2>/dev/null && ok "the JSON report is on the controller: a unit, no findings" ||
        fail "no clean JSON report at $report"

mkdir -p "$E2E_UNITS/hermes-gateway.service.d"
printf '[Service]\nStartLimitIntervalSec=5min\n' > "$E2E_UNITS/hermes-gateway.service.d/20-bad.conf"
chown -R "$E2E_USER:" "$E2E_HOME/.config"
if play bad; then cat "$work/play-bad.log"; fail "the play passed with a bad drop-in"
else
        grep -q 'hermes-unit-lint: findings for' "$work/play-bad.log" &&
                grep -q '20-bad.conf:2: error: .*\[HG008 key-wrong-section\]' "$work/play-bad.log" &&
                { ok "a bad drop-in fails the play, with the finding in its output:"
                  grep -E 'failed:|HG008' "$work/play-bad.log" | sed 's/^/    /' | cut -c1-400; } ||
                { cat "$work/play-bad.log"; fail "the failed play does not show the linter's finding"; }
fi
rm -f "$E2E_UNITS/hermes-gateway.service.d/20-bad.conf"
e2e_stop
rm -rf "$E2E_HOME/.ansible"
