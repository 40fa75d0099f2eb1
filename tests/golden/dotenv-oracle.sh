#!/bin/sh
# python-dotenv is the oracle for lib/dotenv.c: thousands of random .env texts
# (fixed seed) must give the same keys and values as its parser. Skipped when
# python3 or its dotenv module is missing.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
LIB=$B/libhermes-guardrails.a
# A python3 that has python-dotenv: the one on PATH, or Debian's (python3-dotenv,
# installed here when we are root with apt-get).
find_python() {
        for py in python3 /usr/bin/python3; do
                command -v "$py" >/dev/null 2>&1 && "$py" -c 'import dotenv.parser' 2>/dev/null &&
                        { echo "$py"; return 0; }
        done
        return 1
}
PY=$(find_python)
if [ -z "$PY" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-dotenv; } >/dev/null 2>&1
        PY=$(find_python)
fi
[ -n "$PY" ] || { echo "skipped: python3 with python-dotenv is needed (apt-get install python3-dotenv)"; exit 77; }
[ -f "$LIB" ] || { echo "dotenv-oracle: $LIB missing (run make)" >&2; exit 2; }
SAN=""
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-dotenv-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
$CC -std=gnu11 -g -D_GNU_SOURCE -Ilib $SAN -o "$work/dump" tests/golden/dotenv-oracle.c "$LIB" || exit 2
"$PY" tests/golden/dotenv-oracle.py "$work/dump" "$work" 20261123 5000
