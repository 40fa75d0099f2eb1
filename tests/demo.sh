#!/bin/sh
# make demo: the generator, with its built-in policy, over the sample tree of stock
# Hermes units in tests/demo/ (as if tests/demo/home were $HOME). Prints what it wrote.
set -eu
B=${B:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
case $B in /*) ;; *) B=$top/$B ;; esac
demo=$top/tests/demo
out=$(mktemp -d "${TMPDIR:-/tmp}/hermes-guardrails-demo.XXXXXX")

echo "Sample units (tests/demo):"
(cd "$demo" && find . -name '*.service' | sort | sed 's|^\./|  |')
echo
echo "\$ SYSTEMD_SCOPE=user hermes-guardrail-generator $out/normal $out/early $out/late"
mkdir -p "$out/normal" "$out/early" "$out/late"
# The layered policy search, with tests/demo/home as $HOME (it has no policy file):
# the built-in policy, unless this machine has /etc/hermes-guardrails/policy.conf.
env -u HERMES_GUARDRAILS_POLICY SYSTEMD_SCOPE=user HOME="$demo/home" \
    SYSTEMD_UNIT_PATH="$demo/home/.config/systemd/user:$demo/etc/systemd/user" \
    "$B/hermes-guardrail-generator" "$out/normal" "$out/early" "$out/late"
echo
(cd "$out" && find normal early late -type f | sort) | while read -r f; do
        echo "==> $f <=="
        cat "$out/$f"
        echo
done
echo "(output kept in $out)"
