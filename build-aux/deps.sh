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
        # Test tools, not build dependencies: systemd-journal-remote writes real journal files
        # (tests/golden/diagnose-journal.sh), strace counts the files a run opens
        # (tests/golden/hermes-reads-once.sh), python3 parses JSON in the golden and e2e tests.
        # As root they are installed, and a failed install fails the step, so that CI never
        # passes by skipping them; otherwise those tests say "skipped: <why>".
        tools=""
        [ -x /lib/systemd/systemd-journal-remote ] || [ -x /usr/lib/systemd/systemd-journal-remote ] ||
                tools="$tools systemd-journal-remote"
        command -v strace >/dev/null 2>&1 || tools="$tools strace"
        command -v python3 >/dev/null 2>&1 || tools="$tools python3"
        if [ -n "$tools" ]; then
                if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
                        echo "deps: installing test tools:$tools" >&2
                        export DEBIAN_FRONTEND=noninteractive
                        # shellcheck disable=SC2086
                        { apt-get install -y -qq --no-install-recommends $tools ||
                          { apt-get update -qq && apt-get install -y -qq --no-install-recommends $tools; }; } >&2 ||
                                { echo "deps: apt-get could not install:$tools" >&2; exit 1; }
                else
                        echo "deps: not root: the tests that need$tools say skipped" >&2
                fi
        fi
        ;;
sarif)
        pkgs="npm"
        need_cmd npm npm ;;
deb)
        pkgs="dpkg-dev debhelper fakeroot lintian ansible-core"
        for c in dpkg-buildpackage:dpkg-dev dh:debhelper fakeroot:fakeroot lintian:lintian \
                 ansible-playbook:ansible-core; do
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
