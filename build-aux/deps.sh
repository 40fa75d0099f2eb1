#!/bin/sh
# deps.sh [build|sarif|deb]: makes sure the dependencies of a step are there.
#   build  (default) what `make` and `make check` need;
#   sarif  npm, for the SARIF validation test (tests/golden/sarif-validate.sh);
#   deb    what `make deb-check` needs: the Debian packaging tools, lintian, ansible-core.
# When one is missing and we are root with apt-get, installs Debian's packages;
# otherwise prints the command.
set -u
what=${1:-build}
missing=""
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
case $what in
build)
        # libgcrypt: SHA-256 (libsystemd already loads it). mandoc renders the rules' help
        # from the man page into the linter (build-aux/rulehelp.sh).
        pkgs="libsystemd-dev libinih-dev libgcrypt20-dev libcmocka-dev pkg-config mandoc"
        need_cmd pkg-config pkg-config
        need_cmd mandoc mandoc
        if [ -z "$missing" ]; then
                for m in libsystemd inih libgcrypt cmocka; do
                        pkg-config --exists "$m" || missing="$missing $m"
                done
        fi
        # A test tool, not a build dependency: tests/golden/diagnose-journal.sh writes real journal
        # files with systemd-journal-remote and skips without it. Installed when we can, never fatal.
        if [ ! -x /lib/systemd/systemd-journal-remote ] && [ ! -x /usr/lib/systemd/systemd-journal-remote ]; then
                if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                        echo "deps: installing systemd-journal-remote (for the journal tests)" >&2
                        { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                                systemd-journal-remote || { apt-get update -qq &&
                                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
                                systemd-journal-remote; }; } >&2 ||
                                echo "deps: skipped: systemd-journal-remote (apt-get failed; the journal tests skip)" >&2
                else
                        echo "deps: skipped: systemd-journal-remote (not root; the journal tests skip)" >&2
                fi
        fi
        ;;
sarif)
        pkgs="npm"
        need_cmd npm npm ;;
deb)
        pkgs="dpkg-dev debhelper fakeroot lintian ansible-core acl"
        for c in dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot lintian:lintian \
                 ansible-playbook:ansible-core setfacl:acl; do
                need_cmd "${c%%:*}" "${c#*:}"
        done ;;
*)
        echo "deps: unknown step '$what' (build, sarif or deb)" >&2; exit 2 ;;
esac
[ -z "$missing" ] && exit 0

echo "deps: missing:$missing" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "deps: installing $pkgs with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || exit 1
        apt-get install -y -qq --no-install-recommends $pkgs >&2 || exit 1
        exit 0
fi
echo "deps: run as root:  apt-get install $pkgs" >&2
exit 1
