#!/bin/sh
# hermes-unit-lint --system --live and status --system ask the system manager on
# /run/systemd/private (the same code path as the user manager's, lint/bus.c and
# lint/live.c, with another socket). That needs systemd as PID 1, which these test
# machines do not have: then it says so and skips.
cd "$(dirname "$0")/../.." || exit 2
lint=${B:-build}/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)"; exit 1; }
[ "$(cat /proc/1/comm 2>/dev/null)" = systemd ] && [ -S /run/systemd/private ] ||
        { echo "skipped: no systemd as PID 1 (no /run/systemd/private): --system --live cannot be asked here"; exit 77; }
[ "$(id -u)" = 0 ] || { echo "skipped: the system manager's private socket needs root"; exit 77; }
failed=0
HERMES_GUARDRAILS_POLICY=/dev/null "$lint" --system --live --format=json > /tmp/hg-live-system.$$ 2>&1
rc=$?
case $rc in 0|1) echo "ok: --system --live answers (exit $rc)" ;; *) echo "FAIL: --system --live exit $rc"; cat /tmp/hg-live-system.$$; failed=1 ;; esac
HERMES_GUARDRAILS_POLICY=/dev/null "$lint" status --system --format=json > /tmp/hg-live-system.$$ 2>&1
rc=$?
if [ $rc -eq 0 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["scope"] == "system" and d["linger"] is None' /tmp/hg-live-system.$$; then
        echo "ok: status --system"
else
        echo "FAIL: status --system (exit $rc)"; cat /tmp/hg-live-system.$$; failed=1
fi
rm -f /tmp/hg-live-system.$$
exit $failed
