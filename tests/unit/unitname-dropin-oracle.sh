#!/bin/sh
# SPDX-License-Identifier: MIT
# Asks systemd 252 itself which drop-in dirs it reads for a unit name, and in
# which order (the expectations of test_unitname.c's drop-in tests).
#
# For each name, every candidate dir (the right ones plus decoys) gets a drop-in
# with the same file name "p.conf" holding an unknown key. Of same-named drop-ins
# systemd applies only the one in the earliest dir, and `systemd-analyze verify`
# names that file in its "Unknown key" warning. Removing the winner and asking
# again yields the next dir, and so on: the full ordered list, decoys never show.
set -eu

command -v systemd-analyze >/dev/null || { echo "skipped: no systemd-analyze"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/run" "$work/u"

probe() { # name candidate...
        name=$1; shift
        rm -rf "$work/u"; mkdir -p "$work/u"
        frag=$(printf '%s' "$name" | sed 's/@[^.]*\./@./')
        printf '[Service]\nExecStart=/bin/true\n' > "$work/u/$frag"
        for d in "$@"; do
                mkdir -p "$work/u/$d.d"
                printf '[Unit]\nProbe=1\n' > "$work/u/$d.d/p.conf"
        done
        order=
        while :; do
                w=$(XDG_RUNTIME_DIR="$work/run" SYSTEMD_UNIT_PATH="$work/u:" \
                    systemd-analyze --user verify -- "$name" 2>&1 | grep -o "$work/u/[^/]*\.d/p\.conf" | head -1) || true
                [ -n "$w" ] || break
                order="$order $(basename "$(dirname "$w")" .d)"
                rm "$w"
        done
        echo "$name ->$order"
}

probe hermes-gateway@x-y.service hermes-gateway@x-y.service hermes-gateway@.service hermes-.service \
        hermes-@x-y.service hermes-@.service hermes-gateway-.service hermes-gateway@x-.service service
probe foo-bar@x.service foo-bar@x.service foo-bar@.service foo-.service foo-@x.service foo-@.service \
        foo-bar-.service service
probe a-b-c.service a-b-c.service a-b-.service a-.service a-b.service a.service service
probe hermes-gateway.service hermes-gateway.service hermes-gateway-.service hermes-.service service
probe hermes-gateway-work.service hermes-gateway-work.service hermes-gateway-.service hermes-.service \
        hermes-gateway.service service
probe foo@bar.service foo@bar.service foo@.service foo-.service service
probe a--b.service a--b.service a--.service a-.service a.service service
probe -foo.service -foo.service -.service service
probe a-b.timer a-b.timer a-.timer a-.service timer service
