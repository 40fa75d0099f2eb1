#!/bin/sh
# Python's json.load is the oracle for lib/json.c (issue: JSON that Hermes accepts
# must not be reported as unreadable): see json-oracle.py. Skipped without python3.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
LIB=$B/libhermes-guardrails.a
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed"; exit 77; }
[ -f "$LIB" ] || { echo "json-oracle: $LIB missing (run make)" >&2; exit 2; }
SAN=""
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-json-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
$CC -std=gnu11 -g -D_GNU_SOURCE -Ilib $SAN -o "$work/dump" tests/golden/json-oracle.c "$LIB" || exit 2
python3 tests/golden/json-oracle.py "$work/dump" "$work" 20261129 3000
