#!/bin/sh
# Golden cases for hermes-unit-lint. Each tests/golden/lint/<case>/ holds
#   tree/        the input: a --home checkout, a --root tree, loose files
#   runs         one run per line, "<name> [NAME=value...] <arguments>" ('#' lines are
#                comments; NAME=value words set the environment); each run starts in a
#                fresh copy of tree/
#   policy.conf  optional: the policy (HERMES_GUARDRAILS_POLICY); absent: an empty one,
#                i.e. the built-in defaults
#   generate     optional: first run the real generator, as the user manager would,
#                into root/run/user/1000/systemd/generator{,.early,.late}
#   expected/<name>   stdout, then "--- stderr" and stderr when there is any, then
#                "--- exit N"
# The environment is fixed (HOME=/home/hgtest, USER=hgtest, XDG_RUNTIME_DIR=/run/user/1000)
# and output paths are relative to the copy, so results do not depend on the machine.
# Every JSON output is checked against schema version 1 and every SARIF output against
# the SARIF 2.1.0 structure (tests/golden/lint-check.py). UPDATE_GOLDEN=1 rewrites
# expected/ (review the diff before committing it). In SARIF, the rules' help texts
# (the man page's) read "@RULEHELP@". Arguments name the cases to run
# (default: all), e.g. `UPDATE_GOLDEN=1 sh tests/golden/lint.sh stock-fails`.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
lint=$bin/hermes-unit-lint
gen=$bin/hermes-guardrail-generator
[ -x "$lint" ] || { echo "missing $lint (run make)"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed to check JSON and SARIF"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-golden-lint.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0 n=0
. "$top/tests/golden/golden.inc"

prepare() {
        case_dir=$1 dir=$2
        rm -rf "$dir" && mkdir -p "$dir"
        [ -d "$case_dir/tree" ] && cp -a "$case_dir/tree/." "$dir/"
        if [ -f "$case_dir/policy.conf" ]; then cp "$case_dir/policy.conf" "$dir/policy.conf"
        else : > "$dir/policy.conf"; fi
        [ -f "$case_dir/generate" ] || return 0
        gdir=$dir/root/run/user/1000/systemd
        mkdir -p "$gdir/generator" "$gdir/generator.early" "$gdir/generator.late"
        (cd "$dir" && env -i PATH="$PATH" SYSTEMD_SCOPE=user HOME=/home/hgtest \
                HERMES_GUARDRAILS_POLICY=policy.conf \
                SYSTEMD_UNIT_PATH="$dir/root/home/hgtest/.config/systemd/user" \
                "$gen" "$gdir/generator" "$gdir/generator.early" "$gdir/generator.late") ||
                echo "generator failed in $dir" >&2
}

run_one() {
        dir=$1 out=$2 args=$3
        # Leading NAME=value words of a run go to the environment.
        (cd "$dir" && eval "set -- $args" && extra="" &&
         while case ${1:-} in [A-Z]*=*) true ;; *) false ;; esac; do extra="$extra $1"; shift; done &&
         env -i PATH="$PATH" HOME=/home/hgtest USER=hgtest XDG_RUNTIME_DIR=/run/user/1000 \
                HERMES_GUARDRAILS_POLICY=policy.conf LC_ALL=C $extra "$lint" "$@") > "$out.stdout" 2> "$out.stderr"
        rc=$?
        case $args in
        *--format=sarif*) python3 "$top/tests/golden/lint-check.py" sarif "$out.stdout" >> "$out.stderr" 2>&1 ||
                                echo "lint-check: the SARIF output is malformed" >> "$out.stderr" ;;
        *--format=json*)  python3 "$top/tests/golden/lint-check.py" json "$out.stdout" >> "$out.stderr" 2>&1 ||
                                echo "lint-check: the JSON output is malformed" >> "$out.stderr" ;;
        esac
        # The rules' help is the man page's text (tests/unit/test_lint_rules.c pins that
        # every rule has it): kept out of the goldens so that a man page edit is one diff.
        case $args in
        *--format=sarif*) awk '/"(fullDescription|help)": \{$/ { h = 1 }
                               h && /^ *"(text|markdown)": / { sub(/: ".*/, ": \"@RULEHELP@\"" (/,$/ ? "," : "")) }
                               /^ *\}/ { h = 0 } { print }' "$out.stdout" > "$out.norm" &&
                          mv "$out.norm" "$out.stdout" ;;
        esac
        {
                cat "$out.stdout"
                [ -s "$out.stderr" ] && { echo "--- stderr"; cat "$out.stderr"; }
                echo "--- exit $rc"
        } | sed -e "s|$dir|@DIR@|g" -e "s|$top|@TOP@|g" > "$out"
        rm -f "$out.stdout" "$out.stderr"
}

run_case() {   # run_case CASE_DIR OUT_DIR: every run of the case, each in a fresh tree
        grep -v '^#' "$1/runs" | while read -r run args; do
                [ -n "$run" ] || continue
                prepare "$1" "$work/tree"
                run_one "$work/tree" "$2/$run" "$args"
        done
}

golden_cases lint run_case "$@"
echo "lint golden: $((n - failed)) of $n cases match"
[ "$failed" -eq 0 ]
