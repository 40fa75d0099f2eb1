#!/bin/sh
# bench/reload.sh: what the generator adds to a daemon-reload of a real user
# manager (part of make bench; needs root, else it says "skipped: <why>").
#
# A `systemd --user` for a bench user (tests/e2e/lib.sh) with /run/user/UID on a
# tmpfs, as logind mounts it on real hosts. N stock Hermes gateway units in
# ~/.config/systemd/user, and one of two set-ups, switched between runs (untimed,
# by renaming dirs):
#   gen   the generator installed in /etc/systemd/user-generators, no drop-ins
#   hand  no generator; the same drop-ins written by hand in
#         ~/.config/systemd/user/<unit>.d/10-restart-guardrails.conf
# The cost of one `systemctl --user daemon-reload` is the CPU time the manager's
# cgroup spends on it (cpu.stat usage_usec: the manager and the generators it
# runs). Goal: gen / hand <= 1.15 at 200 units, <= 1.3 at 2000.
#
# Environment: B (build dir), GEN (the generator to measure, default $B's),
# HG_RELOAD_SIZES (default "200 2000"), HG_RELOAD_RUNS (default 11).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
GEN=${GEN:-$B/hermes-guardrail-generator}
runner=$B/bench/bench-runner
[ -x "$runner" ] || { echo "missing $runner (run make bench)"; exit 1; }
echo "== daemon-reload in a real user manager, /run/user/UID on tmpfs"
[ "$(id -u)" = 0 ] || { echo "skipped: needs root (a systemd --user for a bench user, a tmpfs mount)"; exit 0; }
# shellcheck source=tests/e2e/lib.sh
. "$top/tests/e2e/lib.sh"
B=$(dirname "$GEN")   # e2e_install_generator installs $B/hermes-guardrail-generator
e2e_init hgbench
cg=/sys/fs/cgroup/unified/user.slice/user-$E2E_UID.slice/user@$E2E_UID.service
[ -d /sys/fs/cgroup/unified ] || cg=/sys/fs/cgroup/user.slice/user-$E2E_UID.slice/user@$E2E_UID.service
mkdir -p "$E2E_RT"
mount -t tmpfs -o "mode=700,uid=$E2E_UID,gid=$(id -g "$E2E_USER")" tmpfs "$E2E_RT" ||
        { echo "skipped: cannot mount a tmpfs on $E2E_RT"; exit 0; }
trap 'e2e_cleanup 2>/dev/null; umount "$E2E_RT" 2>/dev/null; rmdir "$E2E_RT" 2>/dev/null' EXIT
e2e_start
[ -r "$cg/cpu.stat" ] || { echo "skipped: no $cg/cpu.stat to read the manager's CPU time from"; exit 0; }

cfg=$E2E_HOME/.config/systemd
units=$cfg/user

# setup N: user.gen (units only) in place as user/, user.hand (units + drop-ins) aside.
setup() {
        n=$1
        rm -rf "$cfg/user" "$cfg/user.gen" "$cfg/user.hand"
        sh "$top/bench/mkunits.sh" "$n" "$units"
        # The hand-written drop-ins: exactly what the generator writes.
        out=$E2E_TMP/out
        rm -rf "$out" && mkdir -p "$out/n" "$out/e" "$out/l"
        env -i PATH=/usr/bin:/bin HOME="$E2E_HOME" XDG_RUNTIME_DIR="$E2E_RT" SYSTEMD_SCOPE=user \
                HERMES_GUARDRAILS_POLICY=/dev/null "$GEN" "$out/n" "$out/e" "$out/l" 2> /dev/null
        cp -a "$units" "$cfg/user.hand"
        cp -a "$out/n/." "$cfg/user.hand/"
        [ "$(find "$cfg/user.hand" -name 10-restart-guardrails.conf | wc -l)" -eq "$n" ] ||
                { echo "the generator wrote the wrong number of drop-ins for $n units"; exit 1; }
        chown -R "$E2E_USER:" "$cfg"
}

# Shell commands for the runner: switch to one set-up (renames and one file).
to_gen="if [ -d $cfg/user.gen ]; then mv $cfg/user $cfg/user.hand && mv $cfg/user.gen $cfg/user; fi && \
install -m 0755 $GEN $E2E_GENERATOR"
to_hand="if [ -d $cfg/user.hand ]; then mv $cfg/user $cfg/user.gen && mv $cfg/user.hand $cfg/user; fi && \
rm -f $E2E_GENERATOR"
mkdir -p "${E2E_GENERATOR%/*}"

for n in ${HG_RELOAD_SIZES:-200 2000}; do
        setup "$n"
        # One reload each way first: the units must load in both set-ups.
        sh -c "$to_gen" && e2e_reload
        [ "$(e2e_show hermes-gateway-p00001.service DropInPaths)" = \
          "$E2E_RT/systemd/generator/hermes-gateway-p00001.service.d/10-restart-guardrails.conf" ] ||
                { echo "gen: the drop-in is not applied"; exit 1; }
        sh -c "$to_hand" && e2e_reload
        [ "$(e2e_show hermes-gateway-p00001.service DropInPaths)" = \
          "$units/hermes-gateway-p00001.service.d/10-restart-guardrails.conf" ] ||
                { echo "hand: the drop-in is not applied"; exit 1; }
        echo "  $n units:"
        "$runner" -n "${HG_RELOAD_RUNS:-11}" -c "$cg" -a "$to_gen" -b "$to_hand" \
                gen-$n setpriv --reuid="$E2E_UID" --regid="$E2E_UID" --init-groups env -i \
                        XDG_RUNTIME_DIR="$E2E_RT" systemctl --user daemon-reload -- \
                hand-$n setpriv --reuid="$E2E_UID" --regid="$E2E_UID" --init-groups env -i \
                        XDG_RUNTIME_DIR="$E2E_RT" systemctl --user daemon-reload > "$E2E_TMP/r.out" ||
                { cat "$E2E_TMP/r.out"; exit 1; }
        grep -v '^result ' "$E2E_TMP/r.out" | sed 's/^/    /'
        ratio=$(awk '/^result / { print $6 }' "$E2E_TMP/r.out")
        limit=1.15
        [ "$n" -gt 200 ] && limit=1.3
        verdict=$(awk -v v="$ratio" -v l="$limit" 'BEGIN { print v <= l ? "met" : "NOT met" }')
        echo "  goal: daemon-reload with the generator / with hand-written drop-ins, $n units: $ratio (goal <= $limit): $verdict"
done
e2e_remove_generator
exit 0
