#!/bin/sh
# The generator initialises libgcrypt only when a log line holds a secret (not at
# start): a Slack token in a policy value still shows only as [redacted:<first 16
# hex digits of its SHA-256>] in the generator's log, never in clear.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
gen=$bin/hermes-guardrail-generator
[ -x "$gen" ] || { echo "missing $gen (run make)"; exit 1; }
command -v sha256sum >/dev/null 2>&1 || { echo "skipped: sha256sum is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-gen-secret.XXXXXX")
trap 'rm -rf "$work"' EXIT
token=xoxb-1234567890-abcdefgh
printf '[guardrails]\nRestartSec=%s\n' "$token" > "$work/policy.conf"
mkdir -p "$work/units"
env -i PATH="$PATH" HERMES_GUARDRAILS_POLICY="$work/policy.conf" SYSTEMD_UNIT_PATH="$work/units" \
        "$gen" --print > /dev/null 2> "$work/err"
rc=$?
fp=$(printf '%s' "$token" | sha256sum | cut -c1-16)
failed=0
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc, expected 0 (a bad policy value never fails a run)"; failed=1; }
grep -q "RestartSec= value \"\[redacted:$fp\]" "$work/err" ||
        { echo "FAIL: no [redacted:$fp] in the log:"; cat "$work/err"; failed=1; }
grep -q "$token" "$work/err" && { echo "FAIL: the token is in the log in clear"; failed=1; }
[ "$failed" -eq 0 ] && echo "ok: the token is logged as [redacted:$fp] (its SHA-256), never in clear"
exit "$failed"
