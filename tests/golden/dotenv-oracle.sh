#!/bin/sh
# python-dotenv is the oracle for lib/dotenv.c: thousands of random .env texts
# (fixed seed) must give the same keys and values as its parser. Skipped when
# python3 or its dotenv module is missing.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
LIB=$B/libhermes-guardrails.a
command -v python3 >/dev/null 2>&1 && python3 -c 'import dotenv.parser' 2>/dev/null ||
        { echo "skipped: python3 with python-dotenv is needed (pip install python-dotenv)"; exit 77; }
[ -f "$LIB" ] || { echo "dotenv-oracle: $LIB missing (run make)" >&2; exit 2; }
SAN=""
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-dotenv-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
$CC -std=gnu11 -g -D_GNU_SOURCE -Ilib $SAN -o "$work/dump" tests/golden/dotenv-oracle.c "$LIB" || exit 2
python3 tests/golden/dotenv-oracle.py "$work/dump" "$work" 20261123 5000
