#!/bin/sh
# make bench's scripts work (tiny sizes, one run each: the numbers mean nothing
# here): bench/run.sh --smoke exits 0 and gives a verdict for every goal.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) ;; *) B=$top/$B ;; esac
[ -x "$B/bench/bench-runner" ] || { echo "missing $B/bench/bench-runner (run make check)"; exit 1; }
out=$(mktemp "${TMPDIR:-/tmp}/hg-bench-smoke.XXXXXX")
trap 'rm -f "$out"' EXIT
B=$B sh "$top/bench/run.sh" --smoke > "$out" 2>&1
rc=$?
[ "$rc" = 0 ] || { cat "$out"; echo "FAIL: bench/run.sh --smoke exited $rc"; exit 1; }
# generator: floor + per unit, on two kinds of path; linter: per unit, RSS (+ verify)
want=6
command -v systemd-analyze > /dev/null && want=7
got=$(grep -c '^  goal: .*: [0-9.]* (goal [<>]= [0-9.]*): \(met\|NOT met\)$' "$out")
[ "$got" = "$want" ] || { cat "$out"; echo "FAIL: $got goal verdicts, expected $want"; exit 1; }
echo "ok: bench/run.sh --smoke ($got goal verdicts)"
