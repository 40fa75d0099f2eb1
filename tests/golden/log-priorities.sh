#!/bin/sh
# Log priorities as the journal reads them: when $JOURNAL_STREAM names the
# generator's stderr (device:inode, as the service manager sets it), every line
# starts with its sd-daemon(3) priority: <3> error, <4> warning, <7> debug; when it
# names something else, or is malformed, no line has a prefix. A system generator
# logs to the kernel log (here a file through the HERMES_GUARDRAILS_KMSG test hook),
# and falls back to stderr when that cannot be opened.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) ;; *) B=$top/$B ;; esac
gen=$B/hermes-guardrail-generator
[ -x "$gen" ] || { echo "missing $gen (run make)"; exit 1; }
command -v stat > /dev/null || { echo "skipped: no stat(1)"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-log.XXXXXX")
trap 'rm -rf "$work"' EXIT
case_dir=$top/tests/golden/generator/broken-policy
failed=0
P=hermes-guardrail-generator

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# run NAME JOURNAL_STREAM [VAR=VALUE...]: the generator over the broken-policy case,
# debug level, stderr to $work/NAME.err (created first, so its inode is known).
run() {
        name=$1 js=$2; shift 2
        rm -rf "$work/out" && mkdir -p "$work/out"
        : > "$work/$name.err"
        [ "$js" = self ] && js=$(stat -c %d:%i "$work/$name.err")
        (cd "$case_dir" && env -i PATH="$PATH" SYSTEMD_LOG_LEVEL=debug JOURNAL_STREAM="$js" \
                HERMES_GUARDRAILS_POLICY=policy.conf SYSTEMD_UNIT_PATH="$case_dir/units/1-home" \
                "$@" "$gen" "$work/out") 2>> "$work/$name.err"
        rc=$?
        [ "$rc" = 0 ] || fail "$name: exit $rc, expected 0"
        [ -f "$work/out/hermes-gateway.service.d/10-restart-guardrails.conf" ] ||
                fail "$name: no drop-in written"
}

# has FILE PATTERN WHAT: at least one line matches
has() { grep -q "$2" "$1" || fail "$3 (no line matches '$2' in $1:)" "$(cat "$1")"; }
# all FILE PATTERN WHAT: every line matches, and there are lines
all() {
        total=$(wc -l < "$1") matching=$(grep -c "$2" "$1")
        [ "$total" -gt 0 ] && [ "$total" = "$matching" ] ||
                fail "$3 ($matching of $total lines match '$2')"
}

run journal self SYSTEMD_SCOPE=user
has "$work/journal.err" "^<3>$P: policy.conf:2: error: invalid Restart= value" "journal: error line at <3>"
has "$work/journal.err" "^<4>$P: policy.conf:6: warning: unknown key" "journal: warning line at <4>"
has "$work/journal.err" "^<7>$P: hermes-gateway.service: wrote " "journal: debug line at <7>"
all "$work/journal.err" "^<[0-7]>$P: " "journal: every line has a priority"

run other "$(stat -c %d:%i "$case_dir/policy.conf")" SYSTEMD_SCOPE=user
has "$work/other.err" "^$P: policy.conf:2: error: invalid Restart= value" "other stream: error line"
all "$work/other.err" "^$P: " "other stream: no line has a priority prefix"

run garbage "1:2:3" SYSTEMD_SCOPE=user
all "$work/garbage.err" "^$P: " "malformed JOURNAL_STREAM: no prefix"

: > "$work/kmsg"
run kmsg self SYSTEMD_SCOPE=system HERMES_GUARDRAILS_KMSG="$work/kmsg"
[ -s "$work/kmsg.err" ] && fail "system generator: wrote to stderr:" "$(cat "$work/kmsg.err")"
# <27> = LOG_DAEMON|LOG_ERR, as systemd's generators write to kmsg
has "$work/kmsg" "^<27>$P\[[0-9]*\]: policy.conf:2: error: " "kmsg: error line at daemon.err"
has "$work/kmsg" "^<28>$P\[[0-9]*\]: policy.conf:6: warning: " "kmsg: warning line at daemon.warning"
has "$work/kmsg" "^<31>$P\[[0-9]*\]: hermes-gateway.service: wrote " "kmsg: debug line at daemon.debug"
all "$work/kmsg" "^<[0-9]*>$P\[[0-9]*\]: " "kmsg: every line is a kmsg record"

run fallback self SYSTEMD_SCOPE=system HERMES_GUARDRAILS_KMSG="$work/no/such/kmsg"
has "$work/fallback.err" "^<3>$P: policy.conf:2: error: " "kmsg unavailable: stderr, at <3>"

if [ "$failed" -eq 0 ]; then echo "ok: log priorities (journal stream, kmsg, fallback)"; fi
[ "$failed" -eq 0 ]
