#!/bin/sh
# diagnose on log files the agent can replace: a FIFO, a link to /dev/zero or a directory
# where <home>/logs/agent.log should be is refused at once (exit 2 naming the file), never
# read until it ends; the other logs of the profile are still classified. A --log operand
# that is a pipe is read to its end (the user chose it). A session tag that is never
# closed ("ERROR [abc gateway.run: ...") makes a line without a logger, not a crash.
set -u
B=${B:-build}
cd "$(dirname "$0")/../.." || exit 2
LINT=$(pwd)/$B/hermes-unit-lint
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-diag-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0 checks=0
check() {       # check NAME CONDITION...
        name=$1; shift
        checks=$((checks + 1))
        if "$@"; then echo "ok: $name"; else echo "FAIL: $name"; failures=$((failures + 1)); fi
}

conflict='2026-05-03 07:00:12,481 ERROR gateway.run: Gateway hit a non-retryable startup conflict: telegram'
for kind in fifo zero dir; do
        h=$work/$kind/.hermes
        mkdir -p "$h/logs"
        printf '%s\n' "$conflict" > "$h/logs/errors.log"
        case $kind in
        fifo) mkfifo "$h/logs/agent.log" ;;
        zero) ln -s /dev/zero "$h/logs/agent.log" ;;
        dir)  mkdir "$h/logs/agent.log" ;;
        esac
        timeout 20 "$LINT" diagnose --hermes-home "$h" --no-journal --no-manager --now @1777791700 --format=json \
                > "$work/out" 2> "$work/err"
        rc=$?
        check "$kind agent.log: exit 2, not a hang (got $rc)" [ "$rc" = 2 ]
        check "$kind agent.log: the error names the file" grep -q "agent.log" "$work/err"
        check "$kind agent.log: errors.log still classified" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
classes = [p["class"] for prof in r["profiles"] for p in prof["problems"]]
sys.exit(0 if "transport" in classes else 1)' "$work/out"
done

printf '%s\n' "$conflict" | timeout 20 "$LINT" diagnose --log - --now @1777791700 --format=json > "$work/out" 2> "$work/err"
rc=$?
check "--log - (a pipe): exit 1 (got $rc)" [ "$rc" = 1 ]
check "--log - (a pipe) is read to its end: the problem is found" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if [p["class"] for p in r["profiles"][0]["problems"]] == ["transport"] else 1)' "$work/out"

printf '%s\n' '2026-05-03 07:00:12,481 ERROR [unclosed gateway.run: Gateway hit a non-retryable startup conflict: x' \
        '2026-05-03 07:00:13,000 CRITICAL [' | timeout 20 "$LINT" diagnose --log - --now @1777791700 --format=json \
        > "$work/out" 2> "$work/err"
rc=$?
check "an unclosed session tag: exit 1, no crash (got $rc)" [ "$rc" = 1 ]
check "an unclosed session tag: lines without a logger, classified (any row applies) or unclassified" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if sorted(p["class"] for p in r["profiles"][0]["problems"]) == ["transport", "unclassified"] else 1)' "$work/out"

# Copies of one cron job: each later copy is one problem, named with the first (the
# pairs of 2 000 copies would be 1 999 000 problems).
for n in 3 2000; do
        h=$work/dups$n/.hermes
        mkdir -p "$h/cron" "$h/logs"
        python3 -c '
import json, sys
n = int(sys.argv[1])
job = lambda i: {"id": "j%05d" % i, "name": "digest", "prompt": "Summarise the inbox and save it to /srv/digest.md; if there is nothing, reply [SILENT].",
                 "schedule": {"kind": "cron", "expr": "0 8 * * *"}, "enabled": True, "state": "scheduled",
                 "next_run_at": "2026-05-04T08:00:00+00:00"}
json.dump({"jobs": [job(i) for i in range(n)]}, open(sys.argv[2], "w"))' $n "$h/cron/jobs.json"
        timeout 60 "$LINT" diagnose --hermes-home "$h" --no-journal --no-manager --now @1777791700 --format=json \
                > "$work/out" 2> "$work/err"
        rc=$?
        check "$n copies of a job: exit 1 (got $rc)" [ "$rc" = 1 ]
        check "$n copies of a job: $((n - 1)) duplicate problems, each naming the first" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
dups = [p for prof in r["profiles"] for p in prof["problems"] if "do the same work" in p["summary"]]
ok = len(dups) == int(sys.argv[2]) - 1 and all("j00000" in p["summary"] for p in dups)
sys.exit(0 if ok else 1)' "$work/out" $n
done

echo "diagnose-hostile.sh: $((checks - failures)) of $checks checks pass"
[ "$failures" -eq 0 ]
