#!/bin/sh
# bench/job.sh KIND: one timed command of the benchmarks (bench/run.sh sets the
# HGB_* variables). The tool and its baseline are both started as `sh job.sh KIND`,
# so both carry the same shell start-up.
#   prepare        empty output dirs, as systemd hands them to a generator
#   gen            hermes-guardrail-generator NORMAL EARLY LATE over the tree
#   gen-baseline   the least work the generator's job takes on the same tree: read
#                  every unit and drop-in file once, then create the drop-in dir and
#                  write the drop-in text for each Hermes unit (one process each step)
#   lint           hermes-unit-lint in host mode over the same search path
#   lint-baseline  systemd-analyze --user verify of the same Hermes unit files
# HGB_WRAP (e.g. "valgrind --tool=callgrind ...") is put before the tool's command.
# Exit status: that of the tool, except that the linter's and verify's "findings"
# status 1 counts as success (the stock Hermes unit has findings by design).
set -u
: "${HGB_WORK:?} ${HGB_UNIT_PATH:?} ${HGB_GEN:?} ${HGB_LINT:?}"
out=$HGB_WORK/out
dirs=$(echo "$HGB_UNIT_PATH" | tr : ' ')
# Same environment for every command: nothing of the caller's leaks in.
run_env() {
        env -i PATH="$PATH" HOME="$HGB_WORK/home" XDG_RUNTIME_DIR="$HGB_WORK/runtime" "$@"
}
findings_ok() {
        rc=$?
        [ "$rc" -le 1 ] || exit "$rc"
}

case ${1:-} in
prepare)
        rm -rf "$out" && mkdir -p "$out/normal" "$out/early" "$out/late" ;;
gen)
        # Hermetic as in tests/golden/generator.sh: the search path is the tree alone.
        # shellcheck disable=SC2086 # HGB_WRAP: a command line, split on purpose
        exec env -i PATH="$PATH" HOME="$HGB_WORK/home" SYSTEMD_SCOPE=user \
                SYSTEMD_UNIT_PATH="$HGB_UNIT_PATH" HERMES_GUARDRAILS_POLICY="$HGB_WORK/policy.conf" \
                ${HGB_WRAP:-} "$HGB_GEN" "$out/normal" "$out/early" "$out/late" ;;
gen-baseline)
        # shellcheck disable=SC2086 # dirs: the search path, split on purpose
        find $dirs -type f \( -name '*.service' -o -name '*.conf' \) -print0 | xargs -0 cat > /dev/null
        # shellcheck disable=SC2086
        find $dirs -maxdepth 1 -name 'hermes-gateway-*.service' -printf '%f.d\n' | sort -u > "$out/names"
        cd "$out/normal" && xargs mkdir < "$out/names" &&
                awk -v src="$HGB_WORK/dropin.conf" '
                BEGIN { while ((getline line < src) > 0) text = text line "\n" }
                { f = $0 "/10-restart-guardrails.conf"; printf "%s", text > f; close(f) }' "$out/names" ;;
lint)
        # shellcheck disable=SC2086
        run_env SYSTEMD_UNIT_PATH="$HGB_UNIT_PATH:" ${HGB_WRAP:-} "$HGB_LINT" \
                --policy "$HGB_WORK/policy.conf" --no-linger > /dev/null
        findings_ok ;;
lint-baseline)
        # shellcheck disable=SC2046 # one path per line, no blanks (run.sh checks)
        run_env SYSTEMD_UNIT_PATH="$HGB_UNIT_PATH:" systemd-analyze --user verify \
                $(cat "$HGB_WORK/units.list") > /dev/null 2>&1
        findings_ok ;;
*)
        echo "usage: $0 prepare|gen|gen-baseline|lint|lint-baseline" >&2
        exit 2 ;;
esac
