#!/bin/sh
# One lint run reads each Hermes file once. The fixture tests/golden/hermes/reads-once
# has two profiles (default and work) whose files make every Hermes rule fire
# (HG023 to HG028); under strace, each profile's .env and cron/jobs.json must be
# opened exactly once, however many rules report on them.
set -u
. "$(dirname "$0")/strace.inc"
strace_setup hermes-reads-once
cp -a "$top/tests/golden/hermes/reads-once/." "$work/"
mkdir -p "$work/.config/systemd/user"
: > "$work/policy.conf"
# ASAN_OPTIONS: under SANITIZE=1, LeakSanitizer cannot run under ptrace and exits 1.
(cd "$work" && env -i ASAN_OPTIONS=detect_leaks=0 PATH="$PATH" HOME="$work" USER=hgtest LC_ALL=C HERMES_GUARDRAILS_POLICY="$work/policy.conf" \
        strace -f -e trace=open,openat,openat2 -o "$work/trace" \
        "$lint" --home "$work" --no-linger --format=json) > "$work/out.json" 2> "$work/stderr"
rc=$?
failed=0
# Findings exit 1; anything else (a crash, exit 2 for unreadable input) is a failure.
[ "$rc" -eq 1 ] || { echo "FAIL: exit status $rc, expected 1 (findings)"; cat "$work/stderr"; failed=1; }
python3 - "$work/out.json" <<'PY' || failed=1
import json, sys
ids = {f["rule_id"] for f in json.load(open(sys.argv[1]))["findings"]}
want = {"HG%03d" % n for n in range(23, 29)}
if not want <= ids:
    print("FAIL: rules that did not fire:", " ".join(sorted(want - ids)))
    sys.exit(1)
PY
for f in .hermes/.env .hermes/cron/jobs.json .hermes/profiles/work/.env .hermes/profiles/work/cron/jobs.json; do
        n=$(grep -c "open[a-z0-9]*(.*\"$work/$f\"" "$work/trace")
        if [ "$n" -ne 1 ]; then
                echo "FAIL: $f opened $n times, expected once"
                failed=1
        fi
done
[ "$failed" -eq 0 ] && echo "ok: HG023-HG028 fire; each .env and jobs.json opened once"
exit "$failed"
