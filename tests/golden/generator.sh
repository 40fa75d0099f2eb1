#!/bin/sh
# Golden trees for the generator: each tests/golden/generator/<case>/ holds
#   units/<N-name>/   search path dirs, highest priority first by name
#   policy.conf       the policy (HERMES_GUARDRAILS_POLICY); absent = empty file
#   scope             optional: "system" (default "user")
#   expected/         normal/ early/ late/ as written, stderr, exit
# The real binary runs with SYSTEMD_UNIT_PATH and HERMES_GUARDRAILS_POLICY pointing
# into the case; its output tree is diffed with expected/. UPDATE_GOLDEN=1 rewrites
# expected/ (review the diff before committing it).
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
gen=$top/$B/hermes-guardrail-generator
[ -x "$gen" ] || { echo "missing $gen (run make)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-golden-gen.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0 n=0

run_case() {
        case_dir=$1 out=$2
        unit_path=$(find "$case_dir/units" -mindepth 1 -maxdepth 1 -type d | sort | tr '\n' ':' | sed 's/:$//')
        policy=policy.conf
        [ -f "$case_dir/policy.conf" ] || { : > "$out.policy"; policy=$out.policy; }
        scope=user
        [ -f "$case_dir/scope" ] && scope=$(cat "$case_dir/scope")
        mkdir -p "$out/normal" "$out/early" "$out/late"
        (cd "$case_dir" && env -i PATH="$PATH" SYSTEMD_SCOPE="$scope" HOME="$case_dir/home" \
                HERMES_GUARDRAILS_POLICY="$policy" SYSTEMD_UNIT_PATH="$unit_path" \
                "$gen" "$out/normal" "$out/early" "$out/late") 2> "$out/stderr.raw"
        echo $? > "$out/exit"
        sed -e "s|$case_dir|@CASE@|g" -e "s|$out|@OUT@|g" "$out/stderr.raw" > "$out/stderr"
        rm -f "$out/stderr.raw" "$out.policy"
        find "$out" -mindepth 1 -type d -empty -delete
}

for case_dir in "$top"/tests/golden/generator/*/; do
        case_dir=${case_dir%/}
        name=${case_dir##*/}
        n=$((n + 1))
        out=$work/$name
        run_case "$case_dir" "$out"
        if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
                rm -rf "$case_dir/expected" && cp -a "$out" "$case_dir/expected"
                echo "updated: $name"
        elif diff -ru "$case_dir/expected" "$out"; then
                echo "ok: $name"
        else
                echo "FAIL: $name (diff above: expected vs actual)"
                failed=$((failed + 1))
        fi
done
echo "generator golden: $((n - failed)) of $n cases match"
[ "$failed" -eq 0 ]
