#!/bin/sh
# Replays every seed corpus tests/fuzz/corpus/<target>/ through its libFuzzer
# target tests/fuzz/<target>.c, built without libFuzzer (tests/fuzz/replay.c)
# against $B/libhermes-guardrails.a with $CC, so that a crasher once found stays
# fixed under `make check` (and under SANITIZE=1 with ASan and UBSan). A target's
# whole corpus runs in one process (one per input only to name a failing one).
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
LIB=$B/libhermes-guardrails.a
OUT=$B/fuzz-replay

if [ ! -f "$LIB" ]; then
        echo "fuzz-replay: $LIB missing (run make)" >&2
        exit 2
fi
# The library's sanitizers must be linked in too.
SAN=""
if nm "$LIB" 2>/dev/null | grep -q __asan_; then
        SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
fi
mkdir -p "$OUT" || exit 2
failed=0 targets=0 inputs=0

# The targets that need files make a scratch dir each (tests/fuzz/scratch.h) and
# hold flock() on it while they run; a dir nobody holds is a dead process's and the
# next target removes it. Planted: one such dir, and one a live process holds.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm
else case ${TMPDIR:-} in /*) base=$TMPDIR ;; *) base=/tmp ;; esac; fi
dead=$(mktemp -d "$base/hg-scratch-replaytest.XXXXXX") && live=$(mktemp -d "$base/hg-scratch-replaytest.XXXXXX") || exit 2
trap 'rm -rf "$dead" "$live"' EXIT
# This shell holds the live one's lock on fd 9 until it exits.
exec 9< "$live" && flock -n 9 || { echo "fuzz-replay: cannot lock $live" >&2; exit 2; }
before=$(ls -d "$base"/hg-scratch-* 2>/dev/null | sort)
for src in tests/fuzz/fuzz_*.c; do
        t=$(basename "$src" .c)
        # shellcheck disable=SC2086
        # Targets of the linter's code link its archive too.
        if ! $CC -std=gnu11 -g -D_GNU_SOURCE -Ilib -Ilint $SAN -o "$OUT/$t" "$src" tests/fuzz/replay.c \
                "$B/liblint.a" "$LIB" $(pkg-config --libs libsystemd inih libgcrypt); then
                echo "FAIL $t: does not build"
                failed=$((failed + 1))
                continue
        fi
        targets=$((targets + 1))
        set --
        for f in tests/fuzz/corpus/"$t"/*; do
                [ -f "$f" ] && set -- "$@" "$f"
        done
        inputs=$((inputs + $#))
        # One process for the whole corpus; when it fails, one per input names the culprits.
        [ $# -eq 0 ] || "$OUT/$t" "$@" 2>/dev/null && continue
        for f in "$@"; do
                if ! "$OUT/$t" "$f"; then
                        echo "FAIL $t: $f"
                        failed=$((failed + 1))
                fi
        done
done
# Unlocked scratch dirs the replay made and left (its processes all ended).
for d in $(ls -d "$base"/hg-scratch-* 2>/dev/null); do
        case "
$before
" in *"
$d
"*) continue ;; esac
        if flock -n "$d" true; then
                echo "FAIL scratch: $d left behind"
                failed=$((failed + 1))
        fi
done
if [ -e "$dead" ]; then
        echo "FAIL scratch: $dead (nobody holds it) was not removed"
        failed=$((failed + 1))
fi
if [ ! -d "$live" ]; then
        echo "FAIL scratch: $live (a live process holds it) was removed"
        failed=$((failed + 1))
fi
echo "fuzz-replay: $targets targets, $inputs inputs, $failed failed"
[ "$failed" -eq 0 ]
