#!/bin/sh
# make deb-check: the Debian package, for real, on this machine (as root).
#  1. builds it in a clean copy of the tree (dpkg-buildpackage -us -uc -b, which
#     runs the suites that need neither root nor network), and a newer version;
#  2. lintian: no error, no warning (justified overrides in debian/ only);
#  3. under the e2e lock (other e2e tests must not see our generator): snapshot of
#     the file system, install, `dpkg -L` against the list below, the installed
#     generator in a real `systemd --user` with the admin's policy, upgrade to the
#     newer build (the policy stays, the drop-in too), the Ansible playbook of
#     contrib/ansible/ (tests/deb/ansible-check.sh), purge; the snapshot after
#     purge equals the one before except for the admin's policy.conf.
# The package is never left installed: purged on failure and interrupt, and at the
# start when an interrupted run left it.
set -u
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
PKG=hermes-guardrails
MARK=/tmp/hermes-guardrails-deb-check.installed   # we installed it (for an interrupted run)

[ "$(id -u)" = 0 ] || { echo "skipped: needs root (dpkg -i, a systemd --user manager)"; exit 77; }
command -v git >/dev/null 2>&1 && git rev-parse --git-dir >/dev/null 2>&1 ||
        { echo "skipped: needs a git checkout (the clean copy is git ls-files)"; exit 77; }
sh build-aux/deps.sh build && sh build-aux/deps.sh deb || exit 1

installed() { dpkg-query -W -f='${Status}' "$PKG" 2>/dev/null | grep -q -e 'install ok' -e 'config-files'; }
purge() { DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq "$PKG" > /dev/null 2>&1 || dpkg --purge "$PKG"; }

if [ -f "$MARK" ] && installed; then
        echo "deb-check: purging $PKG left installed by an interrupted run"; purge
fi
rm -f "$MARK"
installed && { echo "skipped: $PKG is installed on this host (not by this test): it would be purged"; exit 77; }
[ -e /etc/hermes-guardrails ] &&
        { echo "skipped: /etc/hermes-guardrails exists: this test writes the admin's policy there"; exit 77; }

work=$(mktemp -d /tmp/hg-deb.XXXXXX) && chmod 755 "$work" || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# ---- 1. build, in clean copies -------------------------------------------------
copy() { mkdir -p "$1" && git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$1"; }
copy "$work/v1/src" || exit 1
version=$(cd "$work/v1/src" && dpkg-parsechangelog -S Version)
newer=$version+debcheck1
copy "$work/v2/src" || exit 1
{
        printf '%s (%s) unstable; urgency=medium\n\n  * deb-check: a newer build, for the upgrade.\n\n' "$PKG" "$newer"
        printf ' -- deb-check <deb-check@example.org>  %s\n\n' "$(date -R)"
        cat "$work/v1/src/debian/changelog"
} > "$work/v2/src/debian/changelog"
echo "deb-check: building $version (with its tests) and $newer (nocheck) in clean copies"
(cd "$work/v1/src" && dpkg-buildpackage -us -uc -b > ../build.log 2>&1) ||
        { tail -40 "$work/v1/build.log"; echo "FAIL: dpkg-buildpackage $version"; exit 1; }
grep -E '^suites:' "$work/v1/build.log" | sed 's/^/  dh_auto_test: /'
(cd "$work/v2/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b > ../build.log 2>&1) ||
        { tail -40 "$work/v2/build.log"; echo "FAIL: dpkg-buildpackage $newer"; exit 1; }
deb1=$(ls "$work"/v1/${PKG}_*.deb) deb2=$(ls "$work"/v2/${PKG}_*.deb)

# ---- 2. lintian -------------------------------------------------------------------
if lintian --fail-on error,warning --display-info "$work"/v1/${PKG}_*.changes > "$work/lintian.log" 2>&1; then
        ok "lintian: no error, no warning ($(grep -c '^[EWIP]:' "$work/lintian.log") other tags)"
else
        cat "$work/lintian.log"; fail "lintian"
fi

# ---- 3. install, use, upgrade, purge: under the e2e lock -----------------------------
. tests/e2e/lib.sh
e2e_init hgt-deb        # the lock, the test user; refuses a generator already installed
deb_cleanup() {
        e2e_stop
        if installed; then echo "deb-check: purging $PKG"; purge; fi
        rm -f "$MARK"
        rm -rf /etc/hermes-guardrails   # the admin's file this test wrote (none before: checked)
        e2e_cleanup
        rm -rf "$work"
}
trap deb_cleanup EXIT

# Where a package may write (Debian policy: the FHS trees, never /home, /root, /srv's
# users or a top-level directory of its own), minus dpkg's and apt's own records, logs
# and caches (man-db's trigger rewrites /var/cache/man). Only these roots: anything else
# on / belongs to whoever runs this test (a CI runner writes its log there while we
# run). Directories without their mtime: it changes with every file added and removed.
snapshot() {
        roots=
        for r in /etc /usr /var /opt /boot /bin /sbin /lib /lib32 /lib64 /libx32; do
                [ -e "$r" ] && roots="$roots $r"
        done
        # the checkout's parent too: a runner keeps its log beside the clone it tests
        parent=$(dirname "$top")
        case "$parent" in /|/etc|/usr|/var|/opt|/boot) parent=$top ;; esac
        # shellcheck disable=SC2086 # $roots: a list of paths without blanks
        find $roots -xdev \( -path /var/tmp -o -path "$top" -o -path "$parent" \
                -o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache -o -path /var/log \
                -o -path /var/backups -o -path /var/lib/ucf \) -prune -o \
                \( -type d -printf '%p d %m %u %g\n' \) -o -printf '%p %y %m %u %g %s %T@ %l\n' | sort
        # what a package must not create at the top of / either
        find / -xdev -mindepth 1 -maxdepth 1 -printf '%p %y\n' | sort
}
snapshot > "$work/before"

touch "$MARK"
dpkg -i "$deb1" > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i $deb1"; exit 1; }
ok "installed $version"
cat > "$work/expected-files" <<'EOF'
/.
/usr
/usr/bin
/usr/bin/hermes-guardrail-generator
/usr/bin/hermes-unit-lint
/usr/lib
/usr/lib/systemd
/usr/lib/systemd/user-generators
/usr/lib/systemd/user-generators/hermes-guardrail-generator
/usr/share
/usr/share/doc
/usr/share/doc/hermes-guardrails
/usr/share/doc/hermes-guardrails/changelog.gz
/usr/share/doc/hermes-guardrails/copyright
/usr/share/doc/hermes-guardrails/examples
/usr/share/doc/hermes-guardrails/examples/policy.conf.example
/usr/share/hermes-guardrails
/usr/share/hermes-guardrails/hermes-gateway-watchdog.sh
/usr/share/man
/usr/share/man/man1
/usr/share/man/man1/hermes-unit-lint.1.gz
/usr/share/man/man5
/usr/share/man/man5/hermes-guardrails.conf.5.gz
/usr/share/man/man8
/usr/share/man/man8/hermes-guardrail-generator.8.gz
EOF
if dpkg -L "$PKG" | sort | diff -u "$work/expected-files" - ; then ok "dpkg -L: the expected $(wc -l < "$work/expected-files") paths"
else fail "dpkg -L differs from the list (above: expected vs installed)"; fi
[ "$(/usr/bin/hermes-unit-lint --version)" = "hermes-unit-lint ${version%%+*}" ] &&
        ok "hermes-unit-lint --version" || fail "hermes-unit-lint --version: $(/usr/bin/hermes-unit-lint --version)"
/usr/bin/hermes-unit-lint --explain HG004 | grep -q '^Fix$' && ok "--explain from the installed linter" ||
        fail "hermes-unit-lint --explain HG004"

# The admin's policy, and a stock Hermes unit of the test user.
mkdir -p /etc/hermes-guardrails
printf '# the admin'"'"'s own\n[guardrails]\nRestartSec=42s\nStartLimitBurst=4\n' > /etc/hermes-guardrails/policy.conf
cp /etc/hermes-guardrails/policy.conf "$work/policy.conf"
mkdir -p "$E2E_UNITS"
cat > "$E2E_UNITS/hermes-gateway.service" <<EOF
[Unit]
Description=Hermes Agent Gateway - Messaging Platform Integration
StartLimitIntervalSec=0

[Service]
Type=simple
ExecStart=/bin/sleep infinity
WorkingDirectory=$E2E_HOME
Restart=always
RestartSec=5
RestartForceExitStatus=75

[Install]
WantedBy=default.target
EOF

# expect_dropin WHEN: the manager applied the installed generator's drop-in with the policy.
expect_dropin() {
        e2e_expect "$1: RestartUSec" 42s "$(e2e_show hermes-gateway.service RestartUSec)"
        e2e_expect "$1: StartLimitBurst" 4 "$(e2e_show hermes-gateway.service StartLimitBurst)"
        e2e_expect "$1: Restart" on-failure "$(e2e_show hermes-gateway.service Restart)"
        e2e_expect "$1: DropInPaths" "$E2E_RT/systemd/generator/hermes-gateway.service.d/10-restart-guardrails.conf" \
                "$(e2e_show hermes-gateway.service DropInPaths)"
}
e2e_start
expect_dropin "installed $version"

dpkg -i "$deb2" > "$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i $deb2 (upgrade)"; exit 1; }
e2e_expect "upgrade: version" "$newer" "$(dpkg-query -W -f='${Version}' "$PKG")"
cmp -s /etc/hermes-guardrails/policy.conf "$work/policy.conf" && ok "upgrade keeps the admin's policy.conf" ||
        fail "upgrade changed /etc/hermes-guardrails/policy.conf"
e2e_reload
expect_dropin "upgraded to $newer"
e2e_stop

purge
installed && fail "$PKG is still installed after apt-get purge" || ok "purged"
cmp -s /etc/hermes-guardrails/policy.conf "$work/policy.conf" && ok "purge leaves the admin's policy.conf" ||
        fail "purge removed or changed /etc/hermes-guardrails/policy.conf"

DEB=$deb2 . tests/deb/ansible-check.sh
purge
installed && fail "$PKG is still installed after apt-get purge" || ok "purged again"
rm -f "$MARK"
snapshot > "$work/after"
diff "$work/before" "$work/after" | grep '^[<>]' | sed 's/^\(. [^ ]*\) .*/\1/' > "$work/changed"
printf '> /etc/hermes-guardrails\n> /etc/hermes-guardrails/policy.conf\n' > "$work/changed-expected"
if diff -u "$work/changed-expected" "$work/changed"; then
        ok "the file system after purge is as before, but for the admin's policy.conf"
else
        fail "the file system after purge differs (above: expected vs found; < before, > after)"
fi

e2e_check_sanitizers
checks=$E2E_CHECKS efails=$E2E_FAILS
echo "deb-check: $((fails + efails)) failures ($checks manager checks)"
[ $((fails + efails)) -eq 0 ]
