#!/bin/sh
# The harness itself: a real systemd --user starts for the test user, reads a unit
# from ~/.config/systemd/user after daemon-reload, runs it as that user, and answers
# `systemctl --user show` with systemd's own defaults. When this fails, the other
# e2e tests' failures say nothing about our programs.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
e2e_init hgt-e2e
e2e_start

e2e_ok "the manager runs as the test user" [ "$(stat -c %U "/proc/$E2E_MGR_PID")" = "$E2E_USER" ]
mkdir -p "$E2E_UNITS"
printf '[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/bin/sh -c "id -un > %%h/ran"\n' \
        > "$E2E_UNITS/smoke.service"
e2e_reload
e2e_ok "a oneshot unit starts" e2e_userctl start smoke.service
e2e_expect "ActiveState" active "$(e2e_show smoke.service ActiveState)"
e2e_expect "it ran as the user" "$E2E_USER" "$(cat "$E2E_HOME/ran" 2>/dev/null)"
e2e_expect "FragmentPath" "$E2E_UNITS/smoke.service" "$(e2e_show smoke.service FragmentPath)"
# systemd's defaults (docs/systemd-notes.md, "Manager defaults"), which the other tests measure changes against.
e2e_expect "Restart default" no "$(e2e_show smoke.service Restart)"
e2e_expect "RestartUSec default" 100ms "$(e2e_show smoke.service RestartUSec)"
e2e_expect "StartLimitIntervalUSec default" 10s "$(e2e_show smoke.service StartLimitIntervalUSec)"
e2e_expect "StartLimitBurst default" 5 "$(e2e_show smoke.service StartLimitBurst)"
e2e_expect "no drop-ins" "" "$(e2e_show smoke.service DropInPaths)"
e2e_expect "no generator output" "" "$(ls -A "$E2E_RT/systemd/generator" 2>/dev/null)"

e2e_finish
