#!/bin/sh
# Linger from logind: when org.freedesktop.login1 answers on the system bus, --live
# and status take User.Linger from it (status JSON: linger.source "logind"); else
# the file /var/lib/systemd/linger/<user> decides (source "file", as
# tests/e2e/test-live-status.sh shows). The logind path shares lint/bus.c with the
# user manager's. These test machines run no logind: then it says so and skips.
cd "$(dirname "$0")/../.." || exit 2
lint=${B:-build}/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)"; exit 1; }
[ -S /run/dbus/system_bus_socket ] || { echo "skipped: no system bus (no /run/dbus/system_bus_socket), so no logind to ask"; exit 77; }
command -v busctl >/dev/null 2>&1 || { echo "skipped: no busctl to see whether logind runs"; exit 77; }
busctl --system --timeout=2 status org.freedesktop.login1 >/dev/null 2>&1 ||
        { echo "skipped: org.freedesktop.login1 does not answer on the system bus"; exit 77; }
[ -n "${XDG_RUNTIME_DIR:-}" ] && [ -S "$XDG_RUNTIME_DIR/systemd/private" ] ||
        { echo "skipped: logind runs, but this session has no user manager to ask"; exit 77; }
out=$(HERMES_GUARDRAILS_POLICY=/dev/null "$lint" status --format=json) || { echo "FAIL: status exit $?"; exit 1; }
want=$(loginctl show-user "$(id -u)" -p Linger --value 2>/dev/null || echo no)
printf '%s' "$out" | python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["linger"]["source"] == "logind", d["linger"]
assert d["linger"]["enabled"] == (sys.argv[1] == "yes"), (d["linger"], sys.argv[1])' "$want" &&
        echo "ok: linger from logind ($want)" || { echo "FAIL: linger not from logind"; exit 1; }
