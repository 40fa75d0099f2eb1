#!/bin/sh
# The generator never syncs; --fix does. The generator's output lives in /run and is
# rebuilt at every daemon-reload: an fsync there only slows the reload (one per
# drop-in made a reload several times slower on a disk-backed /run). --fix writes
# ~/.config, which must survive a crash: its file is synced before the rename.
# Under strace: the generator over five stock units creates five drop-ins (the trace
# must see them, so a trace that sees nothing cannot pass) and calls none of fsync,
# fdatasync, syncfs, sync, sync_file_range; --fix on one unit calls fsync once per
# file it writes.
set -u
. "$(dirname "$0")/strace.inc"
strace_setup no-sync
syncs=fsync,fdatasync,syncfs,sync,sync_file_range
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# count NAME FILE: how many completed calls of NAME the trace holds.
count() { grep -c "^[0-9]* *$1(" "$2"; }

units=$work/home/.config/systemd/user
sh "$top/bench/mkunits.sh" 5 "$units"
mkdir -p "$work/out/n" "$work/out/e" "$work/out/l"
: > "$work/policy.conf"
# ASAN_OPTIONS: under SANITIZE=1, LeakSanitizer cannot run under ptrace and exits 1.
env -i ASAN_OPTIONS=detect_leaks=0 PATH="$PATH" HOME="$work/home" SYSTEMD_SCOPE=user SYSTEMD_UNIT_PATH="$units" \
        HERMES_GUARDRAILS_POLICY="$work/policy.conf" \
        strace -f -e trace=$syncs,openat,openat2,mkdirat,write -o "$work/gen.trace" \
        "$gen" "$work/out/n" "$work/out/e" "$work/out/l" 2> "$work/gen.err"
rc=$?
[ "$rc" -eq 0 ] || { fail "generator exit status $rc"; cat "$work/gen.err"; }
files=$(find "$work/out" -name 10-restart-guardrails.conf | wc -l)
[ "$files" -eq 5 ] || fail "generator wrote $files drop-ins, expected 5"
created=$(grep -c 'open[a-z0-9]*(.*10-restart-guardrails\.conf.*O_CREAT' "$work/gen.trace")
[ "$created" -eq 5 ] || fail "the trace shows $created drop-ins created, expected 5"
for s in fsync fdatasync syncfs sync sync_file_range; do
        n=$(count "$s" "$work/gen.trace")
        [ "$n" -eq 0 ] || fail "generator called $s $n times, expected none"
done
[ "$failed" -eq 0 ] && echo "ok: generator: 5 drop-ins created, no fsync/fdatasync/syncfs/sync/sync_file_range"

h=$work/fix
mkdir -p "$h/.config/systemd/user"
cp "$top/tests/demo/home/.config/systemd/user/hermes-gateway.service" "$h/.config/systemd/user/"
env -i ASAN_OPTIONS=detect_leaks=0 PATH="$PATH" HOME="$h" HERMES_GUARDRAILS_POLICY="$work/policy.conf" \
        strace -f -e trace=$syncs,renameat,renameat2,rename -o "$work/fix.trace" \
        "$lint" --systemd-version 252 --home "$h" --no-linger --fix > "$work/fix.out" 2>&1
rc=$?
[ "$rc" -eq 0 ] || { fail "--fix exit status $rc, expected 0 (all fixed)"; cat "$work/fix.out"; }
[ -f "$h/.config/systemd/user/hermes-gateway.service.d/zz-hermes-unit-lint-fix.conf" ] ||
        fail "--fix wrote no fix file"
n=$(count fsync "$work/fix.trace")
renames=$(grep -c 'rename[a-z0-9]*(.*zz-hermes-unit-lint-fix\.conf' "$work/fix.trace")
[ "$renames" -eq 1 ] || fail "--fix renamed $renames fix files into place, expected 1"
[ "$n" -eq "$renames" ] || fail "--fix called fsync $n times for $renames files, expected one each"
[ "$failed" -eq 0 ] && echo "ok: --fix: its one file fsynced before the rename"
exit "$failed"
