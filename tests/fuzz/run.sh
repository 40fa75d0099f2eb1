#!/bin/sh
# make fuzz: builds every tests/fuzz/fuzz_*.c as a libFuzzer binary (clang,
# -fsanitize=fuzzer,address,undefined) with the lib/ sources it needs, and runs
# each for FUZZ_SECONDS (default 300) seconds, starting from its seed corpus
# tests/fuzz/corpus/<target>/. New inputs go to $B/fuzz/<target>.corpus/, crashes
# to $B/fuzz/<target>.crashes/ (add them to the seed corpus once fixed).
# FUZZ_RUNS=N also stops a target after N executions (whichever comes first);
# FUZZ_TARGETS="fuzz_json ..." limits the run; FUZZ_CC picks the compiler.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CLANG=${FUZZ_CC:-clang}
SECS=${FUZZ_SECONDS:-300}
OUT=$B/fuzz
FLAGS="-std=gnu11 -g -O1 -D_GNU_SOURCE -DSYSCONFDIR=\"/etc\" -DVERSION=\"fuzz\" -Ilib -Ilint -I$B/gen -fno-omit-frame-pointer \
       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"

# libFuzzer's runtime comes with Debian's libclang-rt-<version>-dev.
have_libfuzzer() {
        mkdir -p "$OUT" &&
        printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void) d; (void) n; return 0; }\n' \
                > "$OUT/probe.c" &&
        $CLANG -fsanitize=fuzzer "$OUT/probe.c" -o "$OUT/probe" 2>/dev/null
}

if ! command -v "$CLANG" >/dev/null 2>&1; then
        echo "fuzz: $CLANG not found; install clang (apt-get install clang)" >&2
        exit 2
fi
if ! have_libfuzzer; then
        v=$($CLANG -dumpversion | cut -d. -f1)
        pkg=libclang-rt-$v-dev
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                echo "fuzz: libFuzzer runtime missing, installing $pkg with apt-get" >&2
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2
        fi
        if ! have_libfuzzer; then
                echo "fuzz: $CLANG cannot link -fsanitize=fuzzer; as root run: apt-get install $pkg" >&2
                exit 2
        fi
fi

# The lib/*.c behind every "x.h" that file includes, transitively.
lib_sources() {
        todo=$1 seen=""
        while [ -n "$todo" ]; do
                set -- $todo
                f=$1; shift; todo=$*
                for h in $(sed -n 's/^#include "\([a-z0-9_]*\)\.h".*/\1/p' "$f"); do
                        c=lib/$h.c
                        [ -f "$c" ] || continue
                        case " $seen " in *" $c "*) continue ;; esac
                        seen="$seen $c"
                        todo="$todo $c lib/$h.h"
                done
        done
        echo $seen
}

DEP_CFLAGS=$(pkg-config --cflags libsystemd inih libgcrypt 2>/dev/null)
DEP_LIBS=$(pkg-config --libs libsystemd inih libgcrypt 2>/dev/null)
# ASan keeps freed memory unused until 256 MB more is freed: every opendir()
# buffer and file read then lands on fresh pages (page faults were most of
# fuzz_unitset's time). 16 MB still holds many inputs' worth of frees, so a
# use-after-free within an input or the next ones is still caught.
export ASAN_OPTIONS="${ASAN_OPTIONS:-quarantine_size_mb=16}"
failed=""
for src in tests/fuzz/fuzz_*.c; do
        t=$(basename "$src" .c)
        if [ -n "${FUZZ_TARGETS:-}" ]; then
                case " $FUZZ_TARGETS " in *" $t "*) ;; *) continue ;; esac
        fi
        # A target of the linter's code names its sources: "/* fuzz-sources: a.c b.c */".
        extra=$(sed -n 's|^/\* fuzz-sources: \(.*\) \*/$|\1|p' "$src")
        srcs=$(for f in "$src" $extra; do echo "$f"; lib_sources "$f" | tr ' ' '\n'; done | awk 'NF && !seen[$0]++')
        srcs=$(echo $srcs)
        # The drop-in text comes from templates/, compiled in by make.
        case " $srcs " in *" lib/guardrail_dropin.c "*|*" lib/policy.c "*) srcs="$srcs $B/gen/templates.c" ;; esac
        echo "=== $t: $srcs"
        # shellcheck disable=SC2086
        if ! $CLANG $FLAGS $DEP_CFLAGS -o "$OUT/$t" $srcs $DEP_LIBS; then
                failed="$failed $t"
                continue
        fi
        mkdir -p "$OUT/$t.corpus" "$OUT/$t.crashes"
        seeds=tests/fuzz/corpus/$t
        [ -d "$seeds" ] || seeds=
        # shellcheck disable=SC2086
        # 10 s per input at most (the cron scanner's bound is its own: see the target).
        "$OUT/$t" -max_total_time="$SECS" -runs="${FUZZ_RUNS:--1}" -print_final_stats=1 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 \
                -artifact_prefix="$OUT/$t.crashes/" "$OUT/$t.corpus" $seeds \
                || failed="$failed $t"
done
if [ -n "$failed" ]; then
        echo "fuzz: failed:$failed (crashes in $OUT/<target>.crashes/)" >&2
        exit 1
fi
echo "fuzz: no finding (each target ran for ${SECS}s${FUZZ_RUNS:+ or $FUZZ_RUNS executions, whichever came first}; its executions are in its stat:: lines)"
