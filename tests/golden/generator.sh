#!/bin/sh
# Golden trees for the generator: each tests/golden/generator/<case>/ holds
#   units/<N-name>/   search path dirs, highest priority first by name
#   policy.conf       the policy (HERMES_GUARDRAILS_POLICY; empty = built-in defaults)
#   scope             optional: "system" (default "user")
#   expected/         normal/ early/ late/ as written, stderr, exit, and kmsg (what a
#                     system generator logs to the kernel log) when not empty
# The real binary runs with SYSTEMD_UNIT_PATH and HERMES_GUARDRAILS_POLICY pointing
# into the case; its output tree is diffed with expected/. UPDATE_GOLDEN=1 rewrites
# expected/ (review the diff before committing it); arguments name the cases to run.
# The loop is the one of tests/golden/golden.inc, shared with lint.sh.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) ;; *) B=$top/$B ;; esac
gen=$B/hermes-guardrail-generator
[ -x "$gen" ] || { echo "missing $gen (run make)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-golden-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0 n=0
. "$top/tests/golden/golden.inc"

run_case() {
        case_dir=$1 out=$2
        unit_path=$(find "$case_dir/units" -mindepth 1 -maxdepth 1 -type d | sort | tr '\n' ':' | sed 's/:$//')
        scope=user
        [ -f "$case_dir/scope" ] && scope=$(cat "$case_dir/scope")
        mkdir -p "$out/normal" "$out/early" "$out/late"
        : > "$out/kmsg.raw"  # never the host's /dev/kmsg
        (cd "$case_dir" && env -i PATH="$PATH" SYSTEMD_SCOPE="$scope" HOME="$case_dir/home" \
                HERMES_GUARDRAILS_POLICY=policy.conf SYSTEMD_UNIT_PATH="$unit_path" \
                HERMES_GUARDRAILS_KMSG="$out/kmsg.raw" \
                "$gen" "$out/normal" "$out/early" "$out/late") 2> "$out/stderr.raw"
        echo $? > "$out/exit"
        sed -e "s|$case_dir|@CASE@|g" -e "s|$out|@OUT@|g" "$out/stderr.raw" > "$out/stderr"
        [ -s "$out/kmsg.raw" ] && sed -e "s|$case_dir|@CASE@|g" -e "s|$out|@OUT@|g" \
                -e 's|^\(<[0-9]*>[^[]*\)\[[0-9]*\]:|\1[PID]:|' "$out/kmsg.raw" > "$out/kmsg"
        rm -f "$out/stderr.raw" "$out/kmsg.raw"
        find "$out" -mindepth 1 -type d -empty -delete
}

golden_cases generator run_case "$@"
# The command line, and properties no tree shows.
cli() {
        expect=$1; shift
        n=$((n + 1))
        (cd "$top/tests/golden/generator/stock-default" && env -i PATH="$PATH" \
                HERMES_GUARDRAILS_POLICY=policy.conf SYSTEMD_UNIT_PATH="$PWD/units/1-home" \
                "$gen" "$@") > "$work/cli.out" 2> "$work/cli.err"
        rc=$?
        if [ "$rc" != "$expect" ]; then
                echo "FAIL: $gen $* exited $rc, expected $expect"; cat "$work/cli.err"
                failed=$((failed + 1))
        fi
}
cli 2                                   # no output dir
cli 2 "$work/a" "$work/b"               # two: systemd passes one or three
cli 2 "$work/a" "$work/b" "$work/c" "$work/d"
cli 2 --no-such-option
grep -q 'systemd generator' "$work/cli.out" && failed=$((failed + 1)) # usage errors print no help on stdout
cli 0 --help
grep -q '^Usage: hermes-guardrail-generator NORMAL \[EARLY LATE\]' "$work/cli.out" || { echo "FAIL: --help"; failed=$((failed + 1)); }
cli 0 --version
grep -qx 'hermes-guardrail-generator [0-9][0-9.]*' "$work/cli.out" || { echo "FAIL: --version"; failed=$((failed + 1)); }
# --print shows exactly what a run writes, and writes nothing.
cli 0 --print
grep -q '^# hermes-gateway.service -> NORMAL/hermes-gateway.service.d/10-restart-guardrails.conf$' "$work/cli.out" &&
        sed -n '/^# hermes-gateway.service -> /,/^# [a-z]/p' "$work/cli.out" | sed '1d;/^# [a-z].* -> /d;$d' |
        cmp -s - "$top/tests/golden/generator/stock-default/expected/normal/hermes-gateway.service.d/10-restart-guardrails.conf" ||
        { echo "FAIL: --print differs from what is written"; failed=$((failed + 1)); }
# Byte-identical output for identical input.
n=$((n + 1))
run_case "$top/tests/golden/generator/custom-policy" "$work/again"
diff -r "$work/out/generator/custom-policy" "$work/again" > /dev/null || { echo "FAIL: a second run differs"; failed=$((failed + 1)); }
echo "generator golden: $((n - failed)) of $n checks pass"
[ "$failed" -eq 0 ]
