#!/bin/sh
# The agreement suite (issue 3, "What it must show" 1): every case under
# tests/e2e/agree/<case>/ is loaded into a real `systemd --user` and, unit by unit,
#   systemctl --user show -p Id -p Names -p LoadState -p FragmentPath -p DropInPaths
#       -p Restart -p RestartUSec -p StartLimitIntervalUSec -p StartLimitBurst
#       -p StartLimitAction -p RestartPreventExitStatus
# is compared with `hermes-unit-lint show` (or, while that is not built, the
# driver tests/e2e/show-dump.c over the same library calls) run as the same user in
# the same environment, hence on the same search path. All properties must be
# equal; Names= is compared as a set (the manager prints aliases in hash order).
# The manager's own answers are also pinned in <case>/expected (seen on systemd
# 252, Debian 12), so that a change on either side shows.
#
# A case directory holds:
#   config/   -> ~/.config/systemd/user/          local/  -> ~/.local/share/systemd/user/
#   runtime/  -> $XDG_RUNTIME_DIR/systemd/user/   manager/ -> ~/.config/systemd/ (user.conf,
#                                                 user.conf.d/: read at manager start only,
#                                                 so such a case re-executes the manager)
#   units     the units to compare, one per line
#   expected  the manager's answers ("== UNIT" then its properties, paths as @HOME@/@RT@)
# Only the test user's own dirs are touched. `sh test-show-agrees.sh --pin` rewrites
# the expected files from the manager (review the diff before committing).
#
# AGREE_DRIVER=show-dump compares the library through the driver even when the
# linter is built. Needs root (test user "hgt-eff" and its manager); otherwise skipped.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
TEST_USER=hgt-eff
CASES=tests/e2e/agree
PROPS="Id Names LoadState FragmentPath DropInPaths Restart RestartUSec StartLimitIntervalUSec
StartLimitBurst StartLimitAction RestartPreventExitStatus"
pin=0
[ "${1:-}" = --pin ] && pin=1

skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to run a user manager for a test user"
[ -x /usr/lib/systemd/systemd ] || skip "no /usr/lib/systemd/systemd"
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
command -v flock >/dev/null 2>&1 || skip "no flock"
[ -f "$B/libhermes-guardrails.a" ] || { echo "missing $B/libhermes-guardrails.a (run make)"; exit 1; }

# Parallel `make check` runs on one machine share the test user: one at a time.
exec 9> "/tmp/$TEST_USER.e2e.lock"
flock -w 600 9 || { echo "another run holds /tmp/$TEST_USER.e2e.lock"; exit 1; }

tmp=$(mktemp -d /tmp/test-show-agrees.XXXXXX) || exit 1
chmod 755 "$tmp"
mgr_pid=""

# ---- the user manager (recipe of FACTS.md) --------------------------------------
id "$TEST_USER" >/dev/null 2>&1 || useradd -m "$TEST_USER" || exit 1
uid=$(id -u "$TEST_USER")
home=$(getent passwd "$TEST_USER" | cut -d: -f6)
rt=/run/user/$uid

as_user() {
        setpriv --reuid="$uid" --regid="$uid" --init-groups env -i HOME="$home" USER="$TEST_USER" \
                XDG_RUNTIME_DIR="$rt" PATH=/usr/bin:/bin "$@"
}

manager_wait() {
        i=0
        while :; do
                case $(as_user systemctl --user is-system-running 2>/dev/null) in
                running|degraded) return 0 ;;
                esac
                i=$((i + 1))
                if [ $i -gt 100 ] || ! kill -0 "$mgr_pid" 2>/dev/null; then
                        echo "the user manager did not come up:"; cat "$tmp/manager.log"; return 1
                fi
                sleep 0.1
        done
}

made_run_system=0
manager_start() {
        [ -d /run/systemd/system ] || { mkdir -p /run/systemd/system && made_run_system=1; }
        mkdir -p "$rt" && chown "$TEST_USER:" "$rt" && chmod 700 "$rt"
        for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                [ -d "$c" ] || continue
                mkdir -p "$c/user.slice/user-$uid.slice/user@$uid.service"
                chown -R "$TEST_USER:" "$c/user.slice/user-$uid.slice"
        done
        sh -c 'for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                       [ -d $c ] && echo $$ > $c/user.slice/user-'"$uid"'.slice/user@'"$uid"'.service/cgroup.procs
               done
               exec setpriv --reuid='"$uid"' --regid='"$uid"' --init-groups env -i HOME='"$home"' \
                       USER='"$TEST_USER"' XDG_RUNTIME_DIR='"$rt"' PATH=/usr/bin:/bin \
                       /usr/lib/systemd/systemd --user' > "$tmp/manager.log" 2>&1 &
        mgr_pid=$!
        manager_wait
}

manager_stop() {
        [ -n "$mgr_pid" ] || return 0
        kill "$mgr_pid" 2>/dev/null
        i=0
        while kill -0 "$mgr_pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
        # Other tests' managers may still need it.
        if [ "$made_run_system" = 1 ] && ! pgrep -x systemd >/dev/null; then
                rmdir /run/systemd/system 2>/dev/null
        fi
        mgr_pid=""
}

# ---- trees ------------------------------------------------------------------------
C=$home/.config/systemd/user
L=$home/.local/share/systemd/user
RT=$rt/systemd/user
M=$home/.config/systemd

reset_tree() {
        rm -rf "$C" "$L" "$RT" "$M/user.conf" "$M/user.conf.d"
}

cleanup() {
        reset_tree
        manager_stop
        rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Copies a case into place (symlinks kept as they are) and makes the manager see it.
load_case() {
        reset_tree
        for pair in "config:$C" "local:$L" "runtime:$RT" "manager:$M"; do
                src=$1/${pair%%:*}
                [ -d "$src" ] || continue
                mkdir -p "${pair#*:}" && cp -a "$src/." "${pair#*:}/"
        done
        chown -R -h "$TEST_USER:" "$home/.config" "$home/.local" "$rt/systemd" 2>/dev/null
        # user.conf(.d) is read when the manager starts: re-execute it when the
        # manager config changes (to or from a case that has one).
        if [ -d "$1/manager" ] || [ "$manager_conf" = 1 ]; then
                as_user systemctl --user daemon-reexec || { echo "daemon-reexec failed"; return 1; }
                manager_wait || return 1
        else
                as_user systemctl --user daemon-reload || { echo "daemon-reload failed"; return 1; }
        fi
        manager_conf=0
        [ -d "$1/manager" ] && manager_conf=1
        return 0
}

# ---- comparing ----------------------------------------------------------------------
# One property per line, sorted; in Names= the aliases after the id are sorted.
normalize() {
        awk '/^Names=/ { n = split(substr($0, 7), a, " "); s = a[1]; m = 0
                         for (i = 2; i <= n; i++) b[++m] = a[i]
                         for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
                                 if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
                         for (i = 1; i <= m; i++) s = s " " b[i]
                         print "Names=" s; delete b; next }
             { print }' | sort
}

manager_show() {
        set --  "$1"
        for p in $PROPS; do set -- "$@" -p "$p"; done
        as_user systemctl --user show "$@"
}

ours() {
        if [ -n "$LINT" ]; then
                as_user "$LINT" show "$@"
        else
                as_user "$tmp/show-dump" "$@"
        fi
}

# Paths of the test user's dirs as placeholders, for the pinned answers.
placeholders() {
        sed -e "s|$rt/|@RT@/|g" -e "s|$home/|@HOME@/|g"
}

fails=0
checks=0
fail() {
        fails=$((fails + 1))
        echo "FAIL [$case] $*"
}

# Our output with --provenance must be the plain output plus one ".source" line
# for each of the six values.
check_provenance() {
        ours --provenance "$1" > "$tmp/prov.out" 2> /dev/null
        grep -v '^[A-Za-z]*\.source=' "$tmp/prov.out" | normalize > "$tmp/prov.plain"
        n=$(grep -c '^[A-Za-z]*\.source=.' "$tmp/prov.out")
        if ! cmp -s "$tmp/prov.plain" "$tmp/ours.out" || [ "$n" != 6 ]; then
                fail "$1: --provenance is not the plain output plus 6 .source lines:"
                cat "$tmp/prov.out"
        fi
}

agree_unit() {
        checks=$((checks + 1))
        manager_show "$1" | normalize > "$tmp/manager.out"
        ours "$1" 2> "$tmp/ours.err" | normalize > "$tmp/ours.out"
        if ! diff -u "$tmp/manager.out" "$tmp/ours.out" > "$tmp/diff"; then
                fail "$1: manager (-) and hermes-unit-lint show (+) disagree:"
                cat "$tmp/diff" "$tmp/ours.err"
        fi
        check_provenance "$1"
        { echo "== $1"; placeholders < "$tmp/manager.out"; } >> "$tmp/case.expected"
}

run_case() {
        case=${1##*/}
        : > "$tmp/case.expected"
        load_case "$1" || { fail "could not load the case"; return; }
        while read -r unit; do
                [ -n "$unit" ] && agree_unit "$unit"
        done < "$1/units"
        if [ "$pin" = 1 ]; then
                cp "$tmp/case.expected" "$1/expected"
                return
        fi
        checks=$((checks + 1))
        if ! diff -u "$1/expected" "$tmp/case.expected" > "$tmp/diff"; then
                fail "the manager's answers (+) differ from the pinned ones (-):"
                cat "$tmp/diff"
        fi
}

# ---- the implementation under test --------------------------------------------------
LINT=""
if [ -x "$B/hermes-unit-lint" ] && [ "${AGREE_DRIVER:-}" != show-dump ]; then
        case $B in /*) LINT=$B/hermes-unit-lint ;; *) LINT=$(pwd)/$B/hermes-unit-lint ;; esac
else
        san=""
        nm "$B/libhermes-guardrails.a" 2>/dev/null | grep -q __asan_ && \
                san="-fsanitize=address,undefined -fno-omit-frame-pointer"
        [ -f "$B/liblint.a" ] || { echo "missing $B/liblint.a (run make)"; exit 1; }
        # shellcheck disable=SC2046,SC2086
        $CC -std=gnu11 -D_GNU_SOURCE $san -Ilib -Ilint -o "$tmp/show-dump" tests/e2e/show-dump.c \
                "$B/liblint.a" "$B/libhermes-guardrails.a" $(pkg-config --libs libsystemd inih) || {
                echo "failed to build tests/e2e/show-dump"; exit 1; }
        chmod 755 "$tmp/show-dump"
fi
echo "comparing with: ${LINT:-tests/e2e/show-dump.c}"

manager_conf=0
reset_tree
manager_start || exit 1
for d in "$CASES"/*/; do
        run_case "${d%/}"
done

echo "hermes-unit-lint show vs systemd --user: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
