#!/bin/sh
# Oracle for lib/unitset.c: builds unit trees, loads them into a real
# `systemd --user` (daemon-reload) and compares, unit by unit,
#   systemctl --user show -p Id -p Names -p LoadState -p FragmentPath -p DropInPaths
# with tests/e2e/unitset-dump (what unitset computes on the same search path).
# Besides agreeing, the manager's own answers are pinned with `expect` (seen on
# systemd 252, Debian 12) so that a change on either side shows.
#
# The manager comes from tests/e2e/lib.sh (test user "hgt-us"); without root the
# suite is skipped. Private dirs of the test user (~/.config, ~/.local/share,
# $XDG_RUNTIME_DIR) carry the Hermes names; the global /etc/systemd/user and
# /usr/lib/systemd/user only get names no other test or the default guardrail policy
# matches ("hgtus-gw*"), and only for the one scenario that needs them;
# e2e_remove_globals (also at exit) removes them.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}

. tests/e2e/lib.sh
e2e_init hgt-us
# The bare manager is the oracle: no generator of ours may add drop-ins (a stale one
# from an interrupted run, say).
e2e_remove_generator
home=$E2E_HOME
rt=$E2E_RT
tmp=$E2E_TMP

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

# Makes the parent dirs of a file about to be created; global ones are remembered.
parent() {
        case $1 in
        "$E"/*|"$U"/*) e2e_global "$1" ;;
        *) mkdir -p "$(dirname "$1")" ;;
        esac
}
unit() { parent "$1/$2"; printf '[Service]\nExecStart=/bin/true\n' > "$1/$2"; }
conf() { parent "$1/$2"; printf '[Service]\nEnvironment=FROM=%s\n' "$1/$2" > "$1/$2"; }
link() { parent "$2/$3"; ln -s "$1" "$2/$3"; }

reset_tree() {
        e2e_remove_globals
        rm -rf "$C" "$CTL" "$L" "$RT" "$OUT"
}

# e2e_reload owns ~/.config to the user; the other trees must be the user's too.
reload() {
        chown -R "$E2E_USER:" "$home/.local" "$rt/systemd" 2>/dev/null
        [ -d "$OUT" ] && chown -R "$E2E_USER:" "$OUT"
        e2e_reload
}

# ---- comparing ----------------------------------------------------------------------
# The manager (-) and unitset (+) on one unit; the diff is printed when they differ.
agree_unit() {
        e2e_userctl show -p Id -p Names -p LoadState -p FragmentPath -p DropInPaths "$1" |
                e2e_normalize_show > "$tmp/manager.out"
        e2e_as_user "$tmp/unitset-dump" "$1" 2> "$tmp/dump.err" | e2e_normalize_show > "$tmp/unitset.out"
        diff -u "$tmp/manager.out" "$tmp/unitset.out" && return 0
        cat "$tmp/dump.err"
        return 1
}

agree() {
        for u in "$@"; do
                e2e_ok "[$scenario] $u: manager (-) and unitset (+) agree" agree_unit "$u"
        done
}

# expect UNIT PROPERTY VALUE: what the manager itself answered (pinned).
expect() {
        got=$(e2e_show "$1" "$2")
        [ "$2" = Names ] && got=$(echo "Names=$got" | e2e_normalize_show | cut -d= -f2-)
        e2e_expect "[$scenario] $1 $2 (the manager's answer)" "$3" "$got"
}

# ---- build the driver and start ---------------------------------------------------
e2e_build_driver "$tmp/unitset-dump" tests/e2e/unitset-dump.c
reset_tree
e2e_start

# The search path unitset is given is the manager's own UnitPath.
scenario=search-path
e2e_expect "[search-path] unitset's path is the manager's UnitPath" \
        "$(e2e_userctl show -p UnitPath)" "$(e2e_as_user "$tmp/unitset-dump" --path)"

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
e2e_remove_globals

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
e2e_userctl list-unit-files --no-legend | awk '{ print $1 }' | LC_ALL=C sort > "$tmp/manager.out"
e2e_as_user "$tmp/unitset-dump" --discover > "$tmp/unitset.out" 2> "$tmp/dump.err"
e2e_ok "[discover] list-unit-files (-) and unitset_discover (+) agree" \
        diff -u "$tmp/manager.out" "$tmp/unitset.out"
for n in hermes-gateway.service hermes-gateway@.service hermes.service hermes-gateway-masked.service \
         hermes-gateway-empty.service; do
        e2e_ok "[discover] $n is listed" grep -qx "$n" "$tmp/manager.out"
done

e2e_finish
