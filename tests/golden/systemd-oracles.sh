#!/bin/sh
# systemd-analyze as the oracle, in every `make check`: the timespan table of
# test_timespan.c against `systemd-analyze timespan`, and the drop-in dirs that
# unit_name_dropin_names() lists against what `systemd-analyze --user verify` reads.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
command -v systemd-analyze >/dev/null 2>&1 || { echo "skipped: no systemd-analyze"; exit 77; }
LIB=$B/libhermes-guardrails.a
[ -f "$LIB" ] || { echo "missing $LIB (run make)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-oracles.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0

sh tests/unit/timespan-oracle.sh --check || failed=$((failed + 1))

SAN=""
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
# shellcheck disable=SC2086
$CC -std=gnu11 -D_GNU_SOURCE -Ilib $SAN -o "$work/dump" tests/golden/unitname-dump.c "$LIB" \
        $(pkg-config --libs libsystemd inih libgcrypt) || exit 1
sh tests/unit/unitname-dropin-oracle.sh > "$work/systemd" || { cat "$work/systemd"; exit 1; }
# shellcheck disable=SC2046
"$work/dump" $(cut -d' ' -f1 "$work/systemd") > "$work/ours"
if diff -u "$work/systemd" "$work/ours"; then
        echo "drop-in dirs: $(wc -l < "$work/ours") unit names read in systemd's order"
else
        echo "FAIL: unit_name_dropin_names() differs from systemd (- systemd, + ours)"
        failed=$((failed + 1))
fi
[ "$failed" -eq 0 ]
