#!/bin/sh
# make install / uninstall into a DESTDIR: PREFIX, SYSCONFDIR, the generator dirs
# from pkg-config systemd, SYSTEM_GENERATOR=1; uninstall leaves nothing behind.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
dest=$(mktemp -d "${TMPDIR:-/tmp}/hg-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT
failed=0

inst() { make -s -C "$top" BUILD="${B%-san}" "$@" DESTDIR="$dest" >"$dest.log" 2>&1 || { cat "$dest.log"; failed=$((failed + 1)); }; }
has() {
        if [ -e "$dest$1" ] || [ -L "$dest$1" ]; then echo "ok: $1"
        else echo "FAIL: missing $1"; failed=$((failed + 1)); fi
}

gendir=$(pkg-config --define-variable=prefix=/usr --define-variable=root_prefix=/usr \
         --variable=systemd_user_generator_dir systemd)
sysgendir=$(pkg-config --define-variable=prefix=/usr --define-variable=root_prefix=/usr \
            --variable=systemd_system_generator_dir systemd)
SAN=; case $B in *-san) SAN=SANITIZE=1 ;; esac
inst install PREFIX=/usr SYSCONFDIR=/etc SYSTEM_GENERATOR=1 $SAN
has "$gendir/hermes-guardrail-generator"
has "$sysgendir/hermes-guardrail-generator"
has /usr/bin/hermes-unit-lint
has /usr/bin/hermes-guardrail-generator
has /etc/hermes-guardrails/policy.conf.example
has /usr/share/man/man8/hermes-guardrail-generator.8
has /usr/share/man/man5/hermes-guardrails.conf.5
has /usr/share/man/man1/hermes-unit-lint.1
has /usr/share/hermes-guardrails/hermes-gateway-watchdog.sh
[ -x "$dest$gendir/hermes-guardrail-generator" ] &&
        "$dest$gendir/hermes-guardrail-generator" --version | grep -q '^hermes-guardrail-generator ' ||
        { echo "FAIL: the installed generator does not run"; failed=$((failed + 1)); }
inst uninstall PREFIX=/usr SYSCONFDIR=/etc SYSTEM_GENERATOR=1 $SAN
left=$(find "$dest" -type f -o -type l)
[ -z "$left" ] || { echo "FAIL: uninstall left:"; echo "$left"; failed=$((failed + 1)); }
rm -f "$dest.log"
echo "install: $failed failures"
[ "$failed" -eq 0 ]
