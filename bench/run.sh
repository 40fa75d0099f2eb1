#!/bin/sh
# bench/run.sh (make bench): the speed goals of docs/performance.md, each a RATIO of
# two CPU times (user + system, from wait4()) measured side by side in this run by
# bench-runner (bench/runner.c), never an absolute time. Nothing here passes or
# fails on a time: it fails only when a program fails. Each goal line says
# "met" or "NOT met" with its numbers.
#
#   sh bench/run.sh [--smoke]     (B= the build dir, default build)
#
# --smoke: tiny sizes and 3 runs, no callgrind, no daemon-reload: checks that the
# scripts work (make check runs it), says nothing about speed.
# Environment: HG_BENCH_SMALL / HG_BENCH_LARGE (default 1000 / 10000 units),
# HG_BENCH_RUNS (default 11; HG_BENCH_WARMUP uncounted runs first, default 1), HG_BENCH_CALLGRIND=0 to skip instruction counts
# (HG_BENCH_CG_SIZES: for which sizes, default all three),
# HG_BENCH_RELOAD=0 to skip the daemon-reload goal (it needs root: bench/reload.sh).
# Results: stdout and $B/bench/results.txt.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
gen=$B/hermes-guardrail-generator
lint=$B/hermes-unit-lint
runner=$B/bench/bench-runner
floor=$B/bench/bench-floor
for p in "$gen" "$lint" "$runner" "$floor"; do
        [ -x "$p" ] || { echo "missing $p (run make bench)" >&2; exit 1; }
done
smoke=0
[ "${1:-}" = --smoke ] && smoke=1
small=${HG_BENCH_SMALL:-1000} large=${HG_BENCH_LARGE:-10000} runs=${HG_BENCH_RUNS:-11}
few=10
warm=${HG_BENCH_WARMUP:-1}
if [ "$smoke" = 1 ]; then small=4 large=12 runs=1 few=3 warm=0; fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-bench.XXXXXX")
# The generator's output dirs on a tmpfs, where the manager puts them (/run/user/UID,
# /run/systemd): creating dirs and files on a disk file system costs more CPU than the
# rest of a 10-unit run and would measure the disk, not the generator.
outs=$work/out
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && o=$(mktemp -d /dev/shm/hg-bench-out.XXXXXX 2>/dev/null); then
        outs=$o
fi
trap 'rm -rf "$work" "$outs"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$B/bench"
results=$B/bench/results.txt
: > "$results"
say() { echo "$*" | tee -a "$results"; }

# mkhome N: $work/hN/home with N stock Hermes gateway units in ~/.config/systemd/user
# (bench/mkunits.sh).
mkhome() {
        h=$work/h$1
        [ -d "$h" ] && return 0
        mkdir -p "$h/home/.config/systemd/user" "$h/runtime"
        chmod 700 "$h/runtime"
        sh "$top/bench/mkunits.sh" "$1" "$h/home/.config/systemd/user"
}

# The environment of a run: a user's real search path (HOME, XDG_RUNTIME_DIR, no
# SYSTEMD_UNIT_PATH: ~14 dirs), or PATHKIND=onedir: only ~/.config/systemd/user.
# The policy is the built-in one (an empty file), so no host file leaks in.
: > "$work/policy.conf"
in_env() {
        n=$1; shift
        h=$work/h$n
        if [ "$pathkind" = onedir ]; then
                set -- SYSTEMD_UNIT_PATH="$h/home/.config/systemd/user" "$@"
        fi
        env -i PATH=/usr/bin:/bin HOME="$h/home" XDG_RUNTIME_DIR="$h/runtime" SYSTEMD_SCOPE=user \
                HERMES_GUARDRAILS_POLICY="$work/policy.conf" "$@"
}
prep_out() { echo "rm -rf $outs/h$1 && mkdir -p $outs/h$1/n $outs/h$1/e $outs/h$1/l"; }
gen_argv() { echo "$gen $outs/h$1/n $outs/h$1/e $outs/h$1/l"; }

# compare NAME_A N_A CMD_A NAME_B N_B CMD_B [RUNNER OPTIONS]: prints the runner's
# table; sets $ma $mb $ratio $rssa (ms, ms, A/B, KiB). CMDs are word lists, the
# environment that of N_A (both run under one runner, so N_A = N_B or the env is shared).
compare() {
        name_a=$1 na=$2 cmd_a=$3 name_b=$4 nb=$5 cmd_b=$6; shift 6
        # shellcheck disable=SC2086 # the command lines are split on purpose
        in_env "$na" "$runner" -n "$runs" -w "$warm" "$@" "$name_a" $cmd_a -- "$name_b" $cmd_b > "$work/cmp.out" ||
                { cat "$work/cmp.out"; echo "bench: $name_a vs $name_b failed" >&2; exit 1; }
        grep -v '^result ' "$work/cmp.out" | sed 's/^/    /' | tee -a "$results"
        set -- $(grep '^result ' "$work/cmp.out")
        ma=$3 mb=$5 ratio=$6 rssa=$7
}

# goal TEXT VALUE OP LIMIT: one verdict line.
goal() {
        verdict=$(awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
                ok = op == "<=" ? v <= l : v >= l; print ok ? "met" : "NOT met" }')
        say "  goal: $1: $2 (goal $3 $4): $verdict"
}

say "hermes-guardrails make bench: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, runs=$runs"
say "CPU ms = user + system of the process (wait4), median of $runs; ratio = A / B"
say "generator output dirs: $outs ($(stat -f -c %T "$outs"))"

for n in "$few" "$small" "$large"; do mkhome "$n"; done
for pathkind in real onedir; do
        say ""
        say "== generator, $pathkind search path"
        # Check once that it does its job: one drop-in per unit.
        sh -c "$(prep_out "$few")"
        # shellcheck disable=SC2046
        in_env "$few" $(gen_argv "$few")
        got=$(find "$outs/h$few" -name 10-restart-guardrails.conf | wc -l)
        [ "$got" -eq "$few" ] || { echo "bench: the generator wrote $got drop-ins for $few units" >&2; exit 1; }

        say "  $few units vs a program that only calls sd_path_lookup_strv():"
        compare gen-$few "$few" "$(gen_argv "$few")" floor "$few" "$floor" -a "$(prep_out "$few")"
        goal "generator, $few units / libsystemd floor ($pathkind path)" "$ratio" "<=" 1.2

        say "  per-unit cost, $large units vs $small units:"
        # Both sizes under one runner: the env is the small home's, the output dirs each its own.
        if [ "$pathkind" = onedir ]; then
                a_cmd="env SYSTEMD_UNIT_PATH=$work/h$large/home/.config/systemd/user HOME=$work/h$large/home $(gen_argv "$large")"
        else
                a_cmd="env HOME=$work/h$large/home XDG_RUNTIME_DIR=$work/h$large/runtime $(gen_argv "$large")"
        fi
        compare gen-$large "$small" "$a_cmd" gen-$small "$small" "env $(gen_argv "$small")" \
                -a "$(prep_out "$large")" -b "$(prep_out "$small")"
        per=$(awk -v a="$ma" -v b="$mb" -v L="$large" -v S="$small" 'BEGIN { printf "%.3f", (a / L) / (b / S) }')
        goal "generator per unit, $large / $small units ($pathkind path)" "$per" "<=" 1.3
done

say ""
say "== linter (host mode, --no-linger), real search path"
pathkind=real
if command -v systemd-analyze > /dev/null; then
        files=$(find "$work/h$few/home/.config/systemd/user" -name '*.service' | sort | tr '\n' ' ')
        say "  $few units vs systemd-analyze --user verify of the same files:"
        compare lint-$few "$few" "$lint --policy $work/policy.conf --no-linger" \
                verify-$few "$few" "systemd-analyze --user verify $files" -s 1
        goal "linter, $few units / systemd-analyze verify (20x faster is <= 0.05)" "$ratio" "<=" 0.05
else
        say "  systemd-analyze missing: no verify comparison"
fi
say "  per-unit cost, $large units vs $small units:"
compare lint-$large "$small" "env HOME=$work/h$large/home XDG_RUNTIME_DIR=$work/h$large/runtime $lint --policy $work/policy.conf --no-linger" \
        lint-$small "$small" "env $lint --policy $work/policy.conf --no-linger" -s 1
per=$(awk -v a="$ma" -v b="$mb" -v L="$large" -v S="$small" 'BEGIN { printf "%.3f", (a / L) / (b / S) }')
goal "linter per unit, $large / $small units" "$per" "<=" 1.3
goal "linter peak RSS at $large units, MiB" "$(awk -v k="$rssa" 'BEGIN { printf "%.1f", k / 1024 }')" "<=" 16

if [ "$smoke" = 0 ] && [ "${HG_BENCH_CALLGRIND:-1}" = 1 ] && command -v valgrind > /dev/null; then
        say ""
        say "== instructions (valgrind --tool=callgrind), real search path: total and per unit"
        for n in ${HG_BENCH_CG_SIZES:-$few $small $large}; do
                mkhome "$n"
                sh -c "$(prep_out "$n")"
                # shellcheck disable=SC2046
                in_env "$n" valgrind --tool=callgrind --callgrind-out-file=/dev/null $(gen_argv "$n") 2> "$work/cg"
                ir=$(sed -n 's/.*Collected : *//p' "$work/cg")
                say "$(printf '    generator %6d units %13d instructions %10d per unit' "$n" "$ir" $((ir / n)))"
        done
        for n in ${HG_BENCH_CG_SIZES:-$few $small}; do
                in_env "$n" valgrind --tool=callgrind --callgrind-out-file=/dev/null "$lint" \
                        --policy "$work/policy.conf" --no-linger > /dev/null 2> "$work/cg" || true
                ir=$(sed -n 's/.*Collected : *//p' "$work/cg")
                say "$(printf '    linter    %6d units %13d instructions %10d per unit' "$n" "$ir" $((ir / n)))"
        done
fi

if [ "$smoke" = 0 ] && [ "${HG_BENCH_RELOAD:-1}" = 1 ]; then
        say ""
        B=$B sh "$top/bench/reload.sh" | tee -a "$results"
fi
say ""
say "written: $results"
