#!/bin/sh
# The diagnose corpus: every case of tests/golden/diagnose/corpus/ is classified by
# `hermes-unit-lint diagnose`, in text and JSON; see tests/golden/diagnose-check.py.
set -u
B=${B:-build}
cd "$(dirname "$0")/../.." || exit 2
exec python3 tests/golden/diagnose-check.py "$B/hermes-unit-lint" tests/golden/diagnose/corpus
