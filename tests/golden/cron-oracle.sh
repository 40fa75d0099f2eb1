#!/bin/sh
# Python's re is the oracle for the upstream lifecycle pattern matcher
# (lint/hermes/cron_upstream.c): thousands of random texts (fixed seed) must give the
# same matches (branch, line, offset) as re.finditer with Hermes' pattern.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed"; exit 77; }
for l in "$B/liblint.a" "$B/libhermes-guardrails.a"; do
        [ -f "$l" ] || { echo "cron-oracle: $l missing (run make)" >&2; exit 2; }
done
SAN=""
nm "$B/libhermes-guardrails.a" 2>/dev/null | grep -q __asan_ && SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-cron-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2086
$CC -std=gnu11 -g -D_GNU_SOURCE -Ilib -Ilint $SAN -o "$work/scan" tests/golden/cron-oracle.c \
        "$B/liblint.a" "$B/libhermes-guardrails.a" $(pkg-config --libs libsystemd inih libgcrypt 2>/dev/null) || exit 2
python3 tests/golden/cron-oracle.py "$work/scan" "$work" 20261130 4000
