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
#   prepare   optional: sh script run after the copy, for files too big to keep in
#             git; it gets the trees above as $C $L $RT $M
#   units     the units to compare, one per line
#   expected  the manager's answers ("== UNIT" then its properties, paths as @HOME@/@RT@)
# Only the test user's own dirs are touched. `sh test-show-agrees.sh --pin` rewrites
# the expected files from the manager (review the diff before committing).
#
# AGREE_DRIVER=show-dump compares the library through the driver even when the
# linter is built. The manager comes from tests/e2e/lib.sh (test user "hgt-eff");
# without root the suite is skipped.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
CASES=tests/e2e/agree
PROPS="Id Names LoadState FragmentPath DropInPaths Restart RestartUSec StartLimitIntervalUSec
StartLimitBurst StartLimitAction RestartPreventExitStatus"
pin=0
[ "${1:-}" = --pin ] && pin=1

. tests/e2e/lib.sh
e2e_init hgt-eff
# The bare manager is the oracle: no generator of ours may add drop-ins (a stale one
# from an interrupted run, say).
e2e_remove_generator
home=$E2E_HOME
rt=$E2E_RT
tmp=$E2E_TMP

# ---- trees ------------------------------------------------------------------------
C=$home/.config/systemd/user
L=$home/.local/share/systemd/user
RT=$rt/systemd/user
M=$home/.config/systemd

reset_tree() {
        rm -rf "$C" "$L" "$RT" "$M/user.conf" "$M/user.conf.d"
}

# Copies a case into place (symlinks kept as they are) and makes the manager see it.
load_case() {
        reset_tree
        for pair in "config:$C" "local:$L" "runtime:$RT" "manager:$M"; do
                src=$1/${pair%%:*}
                [ -d "$src" ] || continue
                mkdir -p "${pair#*:}" && cp -a "$src/." "${pair#*:}/"
        done
        if [ -f "$1/prepare" ]; then
                env C="$C" L="$L" RT="$RT" M="$M" sh -eu "$1/prepare" || { echo "$1/prepare failed"; return 1; }
        fi
        chown -R -h "$E2E_USER:" "$home/.config" "$home/.local" "$rt/systemd" 2>/dev/null
        # user.conf(.d) is read when the manager starts: re-execute it when the
        # manager config changes (to or from a case that has one).
        if [ -d "$1/manager" ] || [ "$manager_conf" = 1 ]; then
                e2e_reexec || return 1
        else
                e2e_userctl daemon-reload || { echo "daemon-reload failed"; return 1; }
        fi
        manager_conf=0
        [ -d "$1/manager" ] && manager_conf=1
        return 0
}

# ---- comparing ----------------------------------------------------------------------
manager_show() {
        set --  "$1"
        for p in $PROPS; do set -- "$@" -p "$p"; done
        e2e_userctl show "$@"
}

ours() {
        if [ -n "$LINT" ]; then
                e2e_as_user "$LINT" show "$@"
        else
                e2e_as_user "$tmp/show-dump" "$@"
        fi
}

# Paths of the test user's dirs as placeholders, for the pinned answers.
placeholders() {
        sed -e "s|$rt/|@RT@/|g" -e "s|$home/|@HOME@/|g"
}

fail() {
        E2E_FAILS=$((E2E_FAILS + 1))
        echo "FAIL [$case] $*"
}

# Our output with --provenance must be the plain output plus one ".source" line
# for each of the six values.
check_provenance() {
        ours --provenance "$1" > "$tmp/prov.out" 2> /dev/null
        grep -v '^[A-Za-z]*\.source=' "$tmp/prov.out" | e2e_normalize_show > "$tmp/prov.plain"
        n=$(grep -c '^[A-Za-z]*\.source=.' "$tmp/prov.out")
        if ! cmp -s "$tmp/prov.plain" "$tmp/ours.out" || [ "$n" != 6 ]; then
                fail "$1: --provenance is not the plain output plus 6 .source lines:"
                cat "$tmp/prov.out"
        fi
}

agree_unit() {
        E2E_CHECKS=$((E2E_CHECKS + 1))
        manager_show "$1" | e2e_normalize_show > "$tmp/manager.out"
        ours "$1" 2> "$tmp/ours.err" | e2e_normalize_show > "$tmp/ours.out"
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
        E2E_CHECKS=$((E2E_CHECKS + 1))
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
        [ -f "$B/liblint.a" ] || { echo "missing $B/liblint.a (run make)"; exit 1; }
        e2e_build_driver "$tmp/show-dump" tests/e2e/show-dump.c -Ilint "$B/liblint.a"
fi
echo "comparing with: ${LINT:-tests/e2e/show-dump.c}"

manager_conf=0
reset_tree
e2e_start
for d in "$CASES"/*/; do
        run_case "${d%/}"
done
e2e_finish
