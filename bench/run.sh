#!/bin/sh
# bench/run.sh (make bench): how the generator and the linter scale with the number
# of Hermes units, as RATIOS against a baseline timed in the same invocation on the
# same tree -- never as absolute times, and nothing here passes or fails on a time.
# It fails only when a tool fails or writes the wrong thing. See docs/performance.md.
#
# Environment: B (build dir), HG_BENCH_SIZES (default "10 100 1000"),
# HG_BENCH_OTHERS (non-Hermes units per tree, default 150), HG_BENCH_TIMER
# (hyperfine|loop; default hyperfine when installed), HG_BENCH_CALLGRIND=0 to skip
# the instruction counts. Results: stdout and $B/bench/results.txt.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
gen=$B/hermes-guardrail-generator
lint=$B/hermes-unit-lint
sizes=${HG_BENCH_SIZES:-10 100 1000}
others=${HG_BENCH_OTHERS:-150}
for p in "$gen" "$lint"; do
        [ -x "$p" ] || { echo "missing $p (run make)" >&2; exit 1; }
done
timer=${HG_BENCH_TIMER:-}
[ -n "$timer" ] || { command -v hyperfine > /dev/null && timer=hyperfine || timer=loop; }
verify=yes
command -v systemd-analyze > /dev/null || verify=no
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
case $work$top in *[[:space:]]*) echo "paths must not contain blanks: $work $top" >&2; exit 1 ;; esac
mkdir -p "$B/bench"
results=$B/bench/results.txt
job="sh $top/bench/job.sh"
export HGB_GEN="$gen" HGB_LINT="$lint"

# Bounded: fewer runs for the larger trees (one warm-up run each, not counted).
runs_for() {
        if [ "$1" -le 10 ]; then echo 20; elif [ "$1" -le 100 ]; then echo 10; else echo 3; fi
}

# loop_pair RUNS PREPARE TOOL BASELINE: "tool_ms baseline_ms", medians of wall times
# taken with date +%s%N. Tool and baseline alternate, so that a change of load on
# the machine hits both alike; the first round is a warm-up and not counted.
loop_pair() {
        : > "$work/times.tool"
        : > "$work/times.base"
        i=0
        while [ "$i" -le "$1" ]; do
                for side in tool base; do
                        [ "$side" = tool ] && cmd=$3 || cmd=$4
                        [ -z "$2" ] || $2 || return 1
                        t0=$(date +%s%N)
                        $cmd || return 1
                        t1=$(date +%s%N)
                        [ "$i" -eq 0 ] || echo $(((t1 - t0) / 1000)) >> "$work/times.$side"
                done
                i=$((i + 1))
        done
        echo "$(median_ms "$work/times.tool") $(median_ms "$work/times.base")"
}

median_ms() {  # file of microseconds, one a line
        sort -n "$1" | awk '{ t[NR] = $1 } END {
                m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f\n", m / 1000 }'
}

# time_pair RUNS PREPARE TOOL BASELINE: prints "tool_ms baseline_ms" (medians).
time_pair() {
        if [ "$timer" = loop ]; then
                loop_pair "$@"
                return
        fi
        # -N: no intermediate shell, whose start-up hyperfine could only estimate.
        if [ -n "$2" ]; then
                hyperfine -N --style none --warmup 1 --runs "$1" --export-csv "$work/hf.csv" \
                        --prepare "$2" "$3" "$4" > "$work/hf.log" 2>&1
        else
                hyperfine -N --style none --warmup 1 --runs "$1" --export-csv "$work/hf.csv" \
                        "$3" "$4" > "$work/hf.log" 2>&1
        fi || { cat "$work/hf.log" >&2; return 1; }
        awk -F, 'NR > 1 { printf "%s%.2f", (NR > 2 ? " " : ""), $4 * 1000 } END { print "" }' "$work/hf.csv"
}

use_tree() {
        HGB_WORK=$work/n$1
        HGB_UNIT_PATH=$(cat "$HGB_WORK/unit_path")
        export HGB_WORK HGB_UNIT_PATH
}

# Builds the tree for N in $work/nN and checks that both tools do their job on it.
setup_tree() {
        n=$1
        HGB_WORK=$work/n$n
        mkdir -p "$HGB_WORK/home" "$HGB_WORK/runtime"
        chmod 700 "$HGB_WORK/runtime"
        : > "$HGB_WORK/policy.conf"   # the built-in policy
        sh "$top/bench/mktree.sh" "$n" "$others" "$HGB_WORK/tree" > "$HGB_WORK/unit_path"
        use_tree "$n"
        find "$HGB_WORK/tree" -type f -name 'hermes-gateway-*.service' | sort > "$HGB_WORK/units.list"
        if ! { $job prepare && $job gen; }; then
                echo "generator failed on the N=$n tree" >&2
                return 1
        fi
        written=$(find "$HGB_WORK/out" -name 10-restart-guardrails.conf | wc -l)
        expected=$((n - n / 50))   # every 50th unit is masked
        [ "$written" -eq "$expected" ] ||
                { echo "generator wrote $written drop-ins for N=$n, expected $expected" >&2; return 1; }
        cp "$HGB_WORK/out/normal/hermes-gateway-p0001.service.d/10-restart-guardrails.conf" \
                "$HGB_WORK/dropin.conf"
        $job prepare && $job gen-baseline
        written=$(find "$HGB_WORK/out" -name 10-restart-guardrails.conf | wc -l)
        [ "$written" -eq "$n" ] || { echo "baseline wrote $written files for N=$n" >&2; return 1; }
        $job lint || { echo "hermes-unit-lint failed on the N=$n tree" >&2; return 1; }
}

row() {  # N tool_ms base_ms
        awk -v n="$1" -v t="$2" -v b="$3" 'BEGIN {
                printf "%6d %10.2f %10.2f %7s\n", n, t, b, (b > 0 ? sprintf("%.2f", t / b) : "-") }'
}

growth() {  # label file: "N tool base" lines -> tool and baseline growth between sizes
        awk -v label="$1" 'NR > 1 && pb > 0 && pt > 0 {
                printf "  %s N %d -> %d (x%g): tool x%.1f, baseline x%.1f\n", label, pn, $1, $1 / pn,
                        $2 / pt, $3 / pb }
                { pn = $1; pt = $2; pb = $3 }' "$2"
}

# callgrind_ir N KIND: instructions executed by the tool of KIND on the N tree.
callgrind_ir() {
        (use_tree "$1"
         HGB_WRAP="valgrind --tool=callgrind --callgrind-out-file=$work/cg.out"
         export HGB_WRAP
         $job prepare && $job "$2") > /dev/null 2>&1 || return 1
        awk '/^(summary|totals):/ { print $2; exit }' "$work/cg.out"
}

header() {
        echo "hermes-guardrails bench, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)," \
             "timer: $([ "$timer" = hyperfine ] && hyperfine --version || echo 'date +%s%N loop')"
        echo "trees: bench/mktree.sh N $others (N Hermes units + $others others, 3 dirs, drop-ins, masks)"
        echo "times: median ms of R runs (R = 20, 10, 3 for N <= 10, 100, more) after one warm-up;"
        echo "       ratio = tool / baseline"
        echo
}

timings() {
        : > "$work/gen.rows"
        : > "$work/lint.rows"
        for n in $sizes; do
                setup_tree "$n"
                r=$(runs_for "$n")
                t=$(time_pair "$r" "$job prepare" "$job gen" "$job gen-baseline")
                echo "$n $t" >> "$work/gen.rows"
                [ "$verify" = no ] && continue
                t=$(time_pair "$r" "" "$job lint" "$job lint-baseline")
                echo "$n $t" >> "$work/lint.rows"
        done
}

table() {  # file of "N tool_ms base_ms" lines
        printf "%6s %10s %10s %7s\n" N tool_ms base_ms ratio
        while read -r n t b; do row "$n" "$t" "$b"; done < "$1"
}

timing_report() {
        echo "generator: hermes-guardrail-generator NORMAL EARLY LATE"
        echo "  baseline: find+cat every unit and drop-in, mkdir+write one drop-in per Hermes unit"
        table "$work/gen.rows"
        growth generator "$work/gen.rows"
        echo
        if [ "$verify" = no ]; then
                echo "linter: skipped (no systemd-analyze to compare with)"
                return
        fi
        echo "linter: hermes-unit-lint (host mode, --no-linger) over the same search path"
        echo "  baseline: systemd-analyze --user verify <every Hermes unit file of the tree>"
        table "$work/lint.rows"
        growth linter "$work/lint.rows"
        echo
}

instructions() {
        echo "instructions (valgrind --tool=callgrind; repeatable, independent of load)"
        printf "%-10s %6s %14s %12s\n" tool N instructions per_unit
        for kind in gen lint; do
                prev_n='' prev_ir='' prev_per=''
                for n in 10 100; do
                        [ -d "$work/n$n" ] || setup_tree "$n"
                        ir=$(callgrind_ir "$n" "$kind") || { echo "callgrind failed: $kind N=$n" >&2; return 1; }
                        printf "%-10s %6d %14d %12d\n" "$kind" "$n" "$ir" $((ir / n))
                        [ -z "$prev_n" ] || printf "%-10s %6s %14s %12d  marginal N %d -> %d; per_unit x%s\n" \
                                "$kind" "" "" $(((ir - prev_ir) / (n - prev_n))) "$prev_n" "$n" \
                                "$(awk -v a="$prev_per" -v b=$((ir / n)) 'BEGIN { printf "%.2f", b / a }')"
                        prev_n=$n prev_ir=$ir prev_per=$((ir / n))
                done
        done
        echo "  per_unit must not grow with N for work linear in N (start-up is spread thinner);"
        echo "  growing per_unit means each unit costs work proportional to the whole tree"
        echo
}

# Each section is written whole, then shown: a failure stops the run (set -e).
report() {
        "$@" > "$work/section"
        tee -a "$results" < "$work/section"
}

: > "$results"
report header
timings
report timing_report
if [ "${HG_BENCH_CALLGRIND:-1}" = 1 ] && command -v valgrind > /dev/null; then
        report instructions
else
        echo "instructions: skipped (valgrind missing or HG_BENCH_CALLGRIND=0)" | tee -a "$results"
fi
echo "written: $results"
