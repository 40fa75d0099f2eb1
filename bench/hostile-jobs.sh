#!/bin/sh
# bench/hostile-jobs.sh: the linter on hostile cron/jobs.json shapes (what a Hermes
# agent can write), each at 1 MiB and at 4 MiB, and the 4 MiB / 1 MiB time ratio.
# Linear work gives about 4; the bound we hold is 4.5 (docs/security.md). Nothing
# here fails on a time: it fails only when the linter crashes or reports a usage
# error. Run by make bench; alone: B=build sh bench/hostile-jobs.sh [SHAPE...]
#
# Environment: B (build dir), HG_HOSTILE_RUNS (timed runs per size, median; default 5).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
lint=$B/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)" >&2; exit 1; }
runs=${HG_HOSTILE_RUNS:-5}
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-hostile.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$B/bench"
results=$B/bench/hostile-jobs.txt

shapes=${*:-words long-string escapes many-jobs many-keys nesting kill-words systemctl-words hermes-words lifecycle-lines quotes}

# gen SHAPE BYTES FILE: a jobs.json of about BYTES bytes.
gen() {
        python3 - "$1" "$2" "$3" <<'PY'
import json, sys
shape, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def prompt_doc(text):
    return '{"jobs":[{"id":"a1","name":"n","prompt":"%s"}]}' % text
def rep(unit):
    return unit * (size // len(unit))
if shape == "words":            text = prompt_doc(rep("a "))
elif shape == "long-string":    text = prompt_doc(rep("a"))
elif shape == "escapes":        text = prompt_doc(rep("\\u00e9\\n\\\""))
elif shape == "kill-words":     text = prompt_doc(rep("kill "))
elif shape == "systemctl-words":text = prompt_doc(rep("systemctl -H systemctl restart "))
elif shape == "hermes-words":   text = prompt_doc(rep("hermes -p "))
elif shape == "lifecycle-lines":text = prompt_doc(rep("hermes gateway restart\\n"))
elif shape == "quotes":         text = prompt_doc(rep("'\\\"x "))
elif shape == "many-jobs":
    job = '{"id":"%012x","name":"j","prompt":"systemctl restart hermes-gateway-x.service","enabled":true},'
    n = size // len(job % 0)
    text = '{"jobs":[' + ''.join(job % i for i in range(n)).rstrip(',') + ']}'
elif shape == "many-keys":
    n = size // len('"k0000000":0,')
    text = '{"jobs":[{' + ','.join('"k%07d":0' % i for i in range(n)) + ',"prompt":"x"}]}'
elif shape == "nesting":
    block = '[' * 100 + ']' * 100
    n = size // (len(block) + 1)
    text = '{"jobs":[{"prompt":"x","deep":[' + ','.join([block] * n) + ']}]}'
else:
    sys.exit("unknown shape " + shape)
open(path, "w").write(text)
PY
}

# time_ms HOME: median CPU time (user + system, of the linter alone, from
# getrusage) over HOME, in ms: on a machine shared with other work, CPU time moves
# far less than wall time. The children's time before the run is subtracted: a
# python3 started through a wrapper (pyenv's shim runs pyenv first) inherits its
# children's time, ~0.5 s that made every ratio look closer to 1.
time_ms() {
        : > "$work/t"
        i=0
        while [ "$i" -lt "$runs" ]; do
                python3 -c '
import resource, subprocess, sys
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
before = cpu()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print("%d %.1f" % (rc, (cpu() - before) * 1000))' "$lint" --root "$1" --home "$1" > "$work/cpu"
                read -r rc ms < "$work/cpu"
                [ "$rc" -le 1 ] || { echo "hostile-jobs: linter exited $rc on $1" >&2; exit 1; }
                echo "$ms" >> "$work/t"
                i=$((i + 1))
        done
        sort -n "$work/t" | sed -n "$(((runs + 1) / 2))p"
}

printf '%-16s %9s %9s %6s\n' shape "1MiB cpu" "4MiB cpu" ratio | tee "$results"
for shape in $shapes; do
        for mib in 1 4; do
                h=$work/$shape-$mib
                mkdir -p "$h/.hermes/cron"
                gen "$shape" $((mib * 1048576 - 4096)) "$h/.hermes/cron/jobs.json"
        done
        t1=$(time_ms "$work/$shape-1")
        t4=$(time_ms "$work/$shape-4")
        ratio=$(awk -v a="$t1" -v b="$t4" 'BEGIN { if (a < 0.1) a = 0.1; printf "%.2f", b / a }')
        printf '%-16s %9s %9s %6s\n' "$shape" "$t1" "$t4" "$ratio" | tee -a "$results"
done
echo "(CPU ms, user + system, median of $runs; ratio = 4 MiB / 1 MiB; linear is about 4, the bound is 4.5; results in $results)"
