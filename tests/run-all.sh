#!/bin/sh
# Runs the test suites named as arguments (default: all) and prints one summary line.
# A suite is a program that exits 0 (passed), 77 (skipped: it prints why) or anything
# else (failed). Every suite runs even when an earlier one fails.
set -u
B=${B:-build}
export B
cd "$(dirname "$0")/.." || exit 2
suites=${*:-unit golden e2e man}
passed=0 failed=0 skipped=0 failures=""

run() {
        name=$1; shift
        echo "=== $name"
        "$@"
        rc=$?
        case $rc in
        0)  passed=$((passed + 1)) ;;
        77) skipped=$((skipped + 1)) ;;
        *)  failed=$((failed + 1)); failures="$failures $name"; echo "FAILED: $name (exit $rc)" ;;
        esac
}

for s in $suites; do
        case $s in
        unit)
                # One binary per source: a stale binary of a removed test never runs.
                for src in tests/unit/test_*.c; do
                        t=$B/tests/$(basename "$src" .c)
                        run "unit/${t##*/}" "$t"
                done ;;
        golden)
                for t in tests/golden/*.sh; do
                        [ -f "$t" ] || continue
                        run "golden/${t##*/}" sh "$t"
                done ;;
        e2e)
                for t in tests/e2e/test-*.sh; do
                        [ -f "$t" ] || continue
                        run "e2e/${t##*/}" sh "$t"
                done ;;
        man)
                run "man/mandoc-lint" sh tests/check-man.sh ;;
        *)
                echo "run-all: unknown suite '$s'" >&2; exit 2 ;;
        esac
done

echo
[ -n "$failures" ] && echo "failed suites:$failures"
echo "suites: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
