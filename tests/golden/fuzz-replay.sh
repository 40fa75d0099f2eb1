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
echo "fuzz-replay: $targets targets, $inputs inputs, $failed failed"
[ "$failed" -eq 0 ]
