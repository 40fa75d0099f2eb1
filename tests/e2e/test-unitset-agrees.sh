#!/bin/sh
# Oracle for lib/unitset.c: builds unit trees, loads them into a real
# `systemd --user` (daemon-reload) and compares, unit by unit,
#   systemctl --user show -p Id -p Names -p LoadState -p FragmentPath -p DropInPaths
# with tests/e2e/unitset-dump (what unitset computes on the same search path).
# Besides agreeing, the manager's own answers are pinned with `expect` (seen on
# systemd 252, Debian 12) so that a change on either side shows.
#
# Needs root (a test user "hgt-us" and its manager); otherwise skipped.
# Private dirs of the test user (~/.config, ~/.local/share, $XDG_RUNTIME_DIR) carry
# the Hermes names; the global /etc/systemd/user and /usr/lib/systemd/user only get
# names no other test or the default guardrail policy matches ("hgtus-gw*"), and
# only for the one scenario that needs them; a trap removes them.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CC=${CC:-cc}
TEST_USER=hgt-us

skip() { echo "skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root to run a user manager for a test user"
[ -x /usr/lib/systemd/systemd ] || skip "no /usr/lib/systemd/systemd"
command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
[ -f "$B/libhermes-guardrails.a" ] || { echo "missing $B/libhermes-guardrails.a (run make)"; exit 1; }

command -v flock >/dev/null 2>&1 || skip "no flock"

# Parallel `make check` runs in one machine share the test user: one at a time.
exec 9> "/tmp/$TEST_USER.e2e.lock"
flock -w 600 9 || { echo "another run holds /tmp/$TEST_USER.e2e.lock"; exit 1; }

tmp=$(mktemp -d /tmp/test-unitset-agrees.XXXXXX) || exit 1
chmod 755 "$tmp"
globals="$tmp/globals"    # global paths we created, removed by the trap
: > "$globals"
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
CTL=$home/.config/systemd/user.control
L=$home/.local/share/systemd/user
RT=$rt/systemd/user
E=/etc/systemd/user
U=/usr/lib/systemd/user
OUT=$home/elsewhere          # outside the search path

# /etc/systemd/user/X as the manager names a fragment there: via /etc/xdg/systemd/user
# when that dir is a symlink to it (Debian), since it comes first in the search path.
path_via_xdg() {
        if [ "$(readlink -f /etc/xdg/systemd/user)" = "$E" ]; then
                echo "/etc/xdg/systemd/user/${1#"$E"/}"
        else
                echo "$1"
        fi
}

remember() { case $1 in "$E"/*|"$U"/*) echo "$1" >> "$globals" ;; esac; }
parent() { mkdir -p "$(dirname "$1")"; }
unit() { parent "$1/$2"; printf '[Service]\nExecStart=/bin/true\n' > "$1/$2"; remember "$1/$2"; }
conf() { parent "$1/$2"; printf '[Service]\nEnvironment=FROM=%s\n' "$1/$2" > "$1/$2"; remember "$1/$2"; }
link() { parent "$2/$3"; ln -s "$1" "$2/$3"; remember "$2/$3"; }

remove_globals() {
        sort -r -u "$globals" | while read -r g; do
                rm -rf "$g"
                d=$(dirname "$g")
                case $d in "$E"|"$U") ;; *) rmdir "$d" 2>/dev/null ;; esac
        done
        : > "$globals"
}

reset_tree() {
        remove_globals
        rm -rf "$C" "$CTL" "$L" "$RT" "$OUT"
}

cleanup() {
        reset_tree
        manager_stop
        rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

reload() {
        chown -R "$TEST_USER:" "$home/.config" "$home/.local" "$rt/systemd" 2>/dev/null
        [ -d "$OUT" ] && chown -R "$TEST_USER:" "$OUT"
        as_user systemctl --user daemon-reload || { echo "daemon-reload failed"; exit 1; }
}

# ---- comparing ----------------------------------------------------------------------
fails=0
checks=0

# One property per line, sorted; in Names= the aliases after the id are sorted (the
# manager lists them in hash order).
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
        as_user systemctl --user show -p Id -p Names -p LoadState -p FragmentPath -p DropInPaths "$1"
}

agree() {
        for u in "$@"; do
                checks=$((checks + 1))
                manager_show "$u" | normalize > "$tmp/manager.out"
                as_user "$tmp/unitset-dump" "$u" 2> "$tmp/dump.err" | normalize > "$tmp/unitset.out"
                if ! diff -u "$tmp/manager.out" "$tmp/unitset.out" > "$tmp/diff"; then
                        fails=$((fails + 1))
                        echo "FAIL [$scenario] $u: manager (-) and unitset (+) disagree:"
                        cat "$tmp/diff" "$tmp/dump.err"
                fi
        done
}

# expect UNIT PROPERTY VALUE: what the manager itself answered (pinned).
expect() {
        checks=$((checks + 1))
        got=$(as_user systemctl --user show -p "$2" --value "$1")
        [ "$2" = Names ] && got=$(echo "Names=$got" | normalize | cut -d= -f2-)
        if [ "$got" != "$3" ]; then
                fails=$((fails + 1))
                printf 'FAIL [%s] %s %s:\n  manager:  %s\n  expected: %s\n' "$scenario" "$1" "$2" "$got" "$3"
        fi
}

# ---- build the driver and start ---------------------------------------------------
san=""
nm "$B/libhermes-guardrails.a" 2>/dev/null | grep -q __asan_ && \
        san="-fsanitize=address,undefined -fno-omit-frame-pointer"
# shellcheck disable=SC2046,SC2086
$CC -std=gnu11 -D_GNU_SOURCE $san -Ilib -o "$tmp/unitset-dump" tests/e2e/unitset-dump.c \
        "$B/libhermes-guardrails.a" $(pkg-config --libs libsystemd inih) || {
        echo "failed to build tests/e2e/unitset-dump"; exit 1; }
chmod 755 "$tmp/unitset-dump"

reset_tree
manager_start || exit 1

# The search path unitset is given is the manager's own UnitPath.
scenario=search-path
checks=$((checks + 1))
mgr_path=$(as_user systemctl --user show -p UnitPath)
our_path=$(as_user "$tmp/unitset-dump" --path)
[ "$mgr_path" = "$our_path" ] || {
        fails=$((fails + 1)); printf 'FAIL [search-path]\n  manager: %s\n  unitset: %s\n' "$mgr_path" "$our_path"; }

# ---- scenarios ----------------------------------------------------------------------

scenario=global-dirs
# Same basename in ~/.config, /etc and /usr/lib: the highest dir wins each name;
# a /dev/null link in /etc masks /usr/lib's; a fragment in /etc beats /usr/lib's.
# On Debian /etc/xdg/systemd/user is a symlink to /etc/systemd/user and comes
# first in the path: FragmentPath names it, while drop-ins show canonical paths.
reset_tree
unit "$E" hgtus-gw.service
unit "$U" hgtus-gw.service
conf "$C" hgtus-gw.service.d/10-same.conf
conf "$E" hgtus-gw.service.d/10-same.conf
conf "$U" hgtus-gw.service.d/10-same.conf
conf "$E" hgtus-gw.service.d/20-etc.conf
conf "$U" hgtus-gw.service.d/20-etc.conf
conf "$U" hgtus-gw.service.d/30-usr.conf
link /dev/null "$E" hgtus-gw.service.d/40-masked.conf
conf "$U" hgtus-gw.service.d/40-masked.conf
unit "$U" hgtus-gw-x.service
conf "$U" hgtus-gw-.service.d/10-prefix.conf
conf "$E" hgtus-gw-x.service.d/20-own.conf
reload
agree hgtus-gw.service hgtus-gw-x.service
expect hgtus-gw.service FragmentPath "$(path_via_xdg "$E/hgtus-gw.service")"
expect hgtus-gw.service DropInPaths "$C/hgtus-gw.service.d/10-same.conf $E/hgtus-gw.service.d/20-etc.conf $U/hgtus-gw.service.d/30-usr.conf $E/hgtus-gw.service.d/40-masked.conf"
expect hgtus-gw-x.service DropInPaths "$U/hgtus-gw-.service.d/10-prefix.conf $E/hgtus-gw-x.service.d/20-own.conf"
remove_globals

scenario=dropin-masks
# A /dev/null drop-in wins its name like any file and is listed itself.
reset_tree
unit "$C" hermes-gateway.service
conf "$L" hermes-gateway.service.d/10-restart-guardrails.conf
link /dev/null "$C" hermes-gateway.service.d/10-restart-guardrails.conf
conf "$RT" hermes-gateway.service.d/20-x.conf
link /dev/null "$L" hermes-gateway.service.d/20-x.conf
reload
agree hermes-gateway.service
expect hermes-gateway.service DropInPaths "$C/hermes-gateway.service.d/10-restart-guardrails.conf $RT/hermes-gateway.service.d/20-x.conf"

scenario=masked-units
# /dev/null link or empty file: masked, FragmentPath is the mask, drop-ins still listed.
reset_tree
link /dev/null "$C" hermes-gateway-m1.service
unit "$L" hermes-gateway-m1.service
conf "$C" hermes-gateway-m1.service.d/10.conf
: > "$C/hermes-gateway-m2.service"
unit "$L" hermes-gateway-m3.service
link /dev/null "$CTL" hermes-gateway-m3.service
reload
agree hermes-gateway-m1.service hermes-gateway-m2.service hermes-gateway-m3.service
expect hermes-gateway-m1.service LoadState masked
expect hermes-gateway-m1.service FragmentPath "$C/hermes-gateway-m1.service"
expect hermes-gateway-m1.service DropInPaths "$C/hermes-gateway-m1.service.d/10.conf"
expect hermes-gateway-m2.service LoadState masked
expect hermes-gateway-m3.service FragmentPath "$CTL/hermes-gateway-m3.service"

scenario=dash-prefix
# hermes-gateway-.service.d/ applies to hermes-gateway-x.service, not to
# hermes-gateway.service; hermes-.service.d/ to both. Search path dir comes before
# prefix: $RT's prefix dir beats $L's own dir for the same name.
reset_tree
unit "$C" hermes-gateway.service
unit "$C" hermes-gateway-x.service
unit "$L" hermes-gateway-work-2.service
conf "$C" hermes-gateway-.service.d/10-dash.conf
conf "$L" hermes-.service.d/20-hermes.conf
conf "$C" hermes-gateway-work-.service.d/30-work.conf
conf "$RT" hermes-gateway-.service.d/40-order.conf
conf "$L" hermes-gateway-x.service.d/40-order.conf
reload
agree hermes-gateway.service hermes-gateway-x.service hermes-gateway-work-2.service
expect hermes-gateway.service DropInPaths "$L/hermes-.service.d/20-hermes.conf"
expect hermes-gateway-x.service DropInPaths "$C/hermes-gateway-.service.d/10-dash.conf $L/hermes-.service.d/20-hermes.conf $RT/hermes-gateway-.service.d/40-order.conf"
expect hermes-gateway-work-2.service DropInPaths "$C/hermes-gateway-.service.d/10-dash.conf $L/hermes-.service.d/20-hermes.conf $C/hermes-gateway-work-.service.d/30-work.conf $RT/hermes-gateway-.service.d/40-order.conf"

scenario=templates
# Instances read the template's dir; the instance's own dir wins a name within a
# search path dir; an instance with its own file uses it.
reset_tree
unit "$L" hermes-gateway@.service
unit "$C" hermes-gateway@own.service
conf "$C" hermes-gateway@.service.d/10-template.conf
conf "$C" hermes-gateway@x.service.d/20-instance.conf
conf "$RT" hermes-gateway@.service.d/20-instance.conf
conf "$L" hermes-@.service.d/30-prefix-template.conf
conf "$L" hermes-@x.service.d/40-prefix-instance.conf
reload
agree hermes-gateway@x.service hermes-gateway@y.service hermes-gateway@own.service
expect hermes-gateway@x.service FragmentPath "$L/hermes-gateway@.service"
expect hermes-gateway@x.service DropInPaths "$C/hermes-gateway@.service.d/10-template.conf $C/hermes-gateway@x.service.d/20-instance.conf $L/hermes-@.service.d/30-prefix-template.conf $L/hermes-@x.service.d/40-prefix-instance.conf"
expect hermes-gateway@y.service DropInPaths "$C/hermes-gateway@.service.d/10-template.conf $RT/hermes-gateway@.service.d/20-instance.conf $L/hermes-@.service.d/30-prefix-template.conf"
expect hermes-gateway@own.service FragmentPath "$C/hermes-gateway@own.service"

scenario=service.d
# service.d/ applies to every service and comes after every named dir, whatever
# the search path dir: $L's hermes-.service.d beats $RT's service.d.
reset_tree
unit "$C" hermes-gateway.service
conf "$C" service.d/10-all.conf
conf "$L" service.d/10-all.conf
conf "$RT" service.d/90-z.conf
conf "$L" hermes-.service.d/90-z.conf
reload
agree hermes-gateway.service
expect hermes-gateway.service DropInPaths "$C/service.d/10-all.conf $L/hermes-.service.d/90-z.conf"

scenario=aliases
# Alias symlinks (same dir, relative; other dir, absolute): Id is the target's
# name, Names all of them; drop-ins under every name, the id's dirs (in any
# search path dir) before the aliases'.
reset_tree
unit "$L" hermes-gateway-work.service
link hermes-gateway-work.service "$L" hermes-work.service
link "$L/hermes-gateway-work.service" "$C" hermes.service
conf "$C" hermes.service.d/10-alias.conf
conf "$L" hermes-gateway-work.service.d/10-alias.conf
conf "$C" hermes-work.service.d/20-alias2.conf
conf "$C" hermes.service.d/30-alias.conf
reload
agree hermes.service hermes-work.service hermes-gateway-work.service
expect hermes.service Id hermes-gateway-work.service
expect hermes.service Names "hermes-gateway-work.service hermes-work.service hermes.service"
expect hermes.service FragmentPath "$L/hermes-gateway-work.service"
expect hermes.service DropInPaths "$L/hermes-gateway-work.service.d/10-alias.conf $C/hermes-work.service.d/20-alias2.conf $C/hermes.service.d/30-alias.conf"

scenario=not-read
# Only non-hidden "*.conf" entries directly in a valid <name>.d/ dir -- but of any
# type: a directory and a dangling symlink named *.conf are listed too.
reset_tree
unit "$C" hermes-gateway.service
conf "$C" hermes-gateway.service.d/README
conf "$C" hermes-gateway.service.d/10.conf.disabled
conf "$C" hermes-gateway.service.d/.hidden.conf
conf "$C" hermes-gateway.service.d/sub/15.conf
conf "$C" hermes-gateway.d/10.conf
conf "$C" hermes-gateway.service.d/20-ok.conf
mkdir -p "$C/hermes-gateway.service.d/30-dir.conf"
link /nonexistent "$C" hermes-gateway.service.d/40-dangling.conf
reload
agree hermes-gateway.service
expect hermes-gateway.service DropInPaths "$C/hermes-gateway.service.d/20-ok.conf $C/hermes-gateway.service.d/30-dir.conf $C/hermes-gateway.service.d/40-dangling.conf"

scenario=links
# A link out of the search path is a linked unit (Id = the link's name, the link is
# the fragment); a link to the same name inside the path is ignored; a dangling
# linked unit is not found.
reset_tree
unit "$OUT" hermes-gateway-linked.service
link "$OUT/hermes-gateway-linked.service" "$C" hermes-gateway-linked.service
unit "$OUT" other-name.service
link "$OUT/other-name.service" "$C" hermes-gateway-l2.service
unit "$L" hermes-gateway-self.service
link "$L/hermes-gateway-self.service" "$C" hermes-gateway-self.service
link "$OUT/missing.service" "$C" hermes-gateway-dangling.service
reload
agree hermes-gateway-linked.service hermes-gateway-l2.service hermes-gateway-self.service \
      hermes-gateway-dangling.service
expect hermes-gateway-l2.service Id hermes-gateway-l2.service
expect hermes-gateway-l2.service FragmentPath "$C/hermes-gateway-l2.service"
expect hermes-gateway-self.service FragmentPath "$L/hermes-gateway-self.service"
expect hermes-gateway-dangling.service LoadState not-found

scenario=alias-masked-and-template-alias
# An alias of a masked unit is masked under the target's id. (Only the alias is
# asked: once it is loaded, the manager merges it into the masked unit.) A template
# alias names the instance of the alias, and the alias template's dir applies.
reset_tree
link /dev/null "$C" hermes-gateway-m.service
link hermes-gateway-m.service "$L" hermes-gateway-am.service
unit "$L" hermes-gateway@.service
link hermes-gateway@.service "$L" hermes@.service
conf "$C" hermes@.service.d/10-alias-template.conf
reload
agree hermes-gateway-am.service hermes@x.service
expect hermes-gateway-am.service Id hermes-gateway-m.service
expect hermes-gateway-am.service LoadState masked
expect hermes@x.service Id hermes-gateway@x.service
expect hermes@x.service Names "hermes-gateway@x.service hermes@x.service"
expect hermes@x.service DropInPaths "$C/hermes@.service.d/10-alias-template.conf"

scenario=symlinked-dropin-dir
# A symlinked <unit>.d is listed under its canonical path.
reset_tree
unit "$C" hermes-gateway.service
conf "$OUT" shared.d/10-shared.conf
link "$OUT/shared.d" "$C" hermes-gateway.service.d
reload
agree hermes-gateway.service
expect hermes-gateway.service DropInPaths "$OUT/shared.d/10-shared.conf"

scenario=not-found
# A unit without a fragment reads no drop-ins at all.
reset_tree
conf "$C" hermes-gateway-nf.service.d/10.conf
reload
agree hermes-gateway-nf.service
expect hermes-gateway-nf.service LoadState not-found
expect hermes-gateway-nf.service DropInPaths ""

scenario=discover
# unitset_discover() lists what `systemctl list-unit-files` lists: every valid unit
# name that is a file or symlink directly in a search path dir.
reset_tree
unit "$C" hermes-gateway.service
unit "$L" hermes-gateway.service
unit "$L" hermes-gateway@.service
link hermes-gateway.service "$C" hermes.service
link /dev/null "$RT" hermes-gateway-masked.service
: > "$C/hermes-gateway-empty.service"
conf "$C" README
conf "$C" hermes-gateway
conf "$C" hermes-gateway.service.d/10.conf
link "$L/hermes-gateway@.service" "$C" default.target.wants/hermes-gateway@x.service
link "$C/default.target.wants" "$L" hermes.target.wants
reload
checks=$((checks + 1))
as_user systemctl --user list-unit-files --no-legend | awk '{ print $1 }' | LC_ALL=C sort > "$tmp/manager.out"
as_user "$tmp/unitset-dump" --discover > "$tmp/unitset.out" 2> "$tmp/dump.err"
if ! diff -u "$tmp/manager.out" "$tmp/unitset.out"; then
        fails=$((fails + 1)); echo "FAIL [discover]: list-unit-files (-) and unitset_discover (+) differ"
fi
for n in hermes-gateway.service hermes-gateway@.service hermes.service hermes-gateway-masked.service \
         hermes-gateway-empty.service; do
        checks=$((checks + 1))
        grep -qx "$n" "$tmp/manager.out" || { fails=$((fails + 1)); echo "FAIL [discover]: $n not listed"; }
done

echo "unitset vs systemd --user: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
