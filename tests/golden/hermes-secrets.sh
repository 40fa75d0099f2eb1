#!/bin/sh
# No output of hermes-unit-lint may contain a bot token. The fixture
# tests/golden/hermes/secrets/.hermes holds fake tokens (every one contains
# "LEAK") everywhere they can be: shared between profiles on every platform,
# quoted, exported, interpolated, with a non-ASCII character, after a byte order
# mark, on lines python-dotenv cannot parse, and in cron prompts, scripts and
# broken jobs.json files right next to gateway restart commands. Every format
# (text, JSON, SARIF), --fix=diff, --live, status and stderr at debug level are
# searched; the run must also have found what the fixture holds, so that an empty
# output cannot pass. A gateway unit whose --profile is a token (HG035, HG036 quote
# it) must show it redacted.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
lint=$bin/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-hermes-secrets.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -a "$top/tests/golden/hermes/secrets/." "$work/"
mkdir -p "$work/.config/systemd/user"
# Gateway units whose --profile is a token (HG035 and HG036 quote it): the
# sanitiser must redact it in every format.
printf '[Service]\nExecStart=/usr/bin/python3 -m hermes_cli.main --profile 987654:LEAKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa gateway run\nRestart=on-failure\n' \
        > "$work/.config/systemd/user/hermes-gateway-ghost.service"
out=$work/all-output
: > "$out"
for args in "--format=text" "--format=json" "--format=sarif" "--fix=diff" "--color=always"; do
        (cd "$work" && env -i PATH="$PATH" HOME="$work" USER=hgtest SYSTEMD_LOG_LEVEL=debug LC_ALL=C \
                HERMES_GUARDRAILS_POLICY=/dev/null "$lint" --home "$work" --no-linger $args) >> "$out" 2>&1
done
# --live and status on this host (no manager here: the one line naming the cause);
# with a manager, tests/e2e/test-live-status.sh searches their outputs.
for args in "--live" "--live --quiet" "status" "status --format=json"; do
        (cd "$work" && env -i PATH="$PATH" HOME="$work" USER=hgtest SYSTEMD_LOG_LEVEL=debug LC_ALL=C \
                HERMES_GUARDRAILS_POLICY=/dev/null "$lint" $args) >> "$out" 2>&1
done
failed=0
if grep -n -i "leak" "$out"; then
        echo "FAIL: a token (or part of one) is in the output above"
        failed=1
fi
# What the fixture must produce: the shared identities of all four platforms (by
# fingerprint), the lifecycle commands, the broken files.
for expect in "HG023 hermes-token-shared" "HG024 hermes-cron-own-gateway" \
              "HG027 hermes-file-unreadable" "HG028 hermes-file-partly-read" \
              "HG035 unit-profile-missing" "HG036 profile-scope-mismatch" "XDG_RUNTIME_DIR is not set" "--profile \[redacted:" \
              "Telegram identity, fingerprint" "Discord identity, fingerprint" \
              "Slack identity, fingerprint" "Mattermost identity, fingerprint"; do
        grep -q -e "$expect" "$out" || { echo "FAIL: no \"$expect\" in the output"; failed=1; }
done
[ "$failed" -eq 0 ] && echo "ok: no token in $(wc -l < "$out") lines of output in 9 formats and modes"
exit "$failed"
