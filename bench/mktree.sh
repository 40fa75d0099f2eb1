#!/bin/sh
# bench/mktree.sh N [M] [DIR]: a deterministic user unit search path tree for the
# benchmarks, with N Hermes gateway units and M (default 150) other units, in three
# dirs shaped like a user's search path, highest priority first:
#   DIR/config  (~/.config/systemd/user)   DIR/etc  (/etc/systemd/user)
#   DIR/lib     (/usr/lib/systemd/user)
# Prints the SYSTEMD_UNIT_PATH for it (DIR/config:DIR/etc:DIR/lib) on stdout.
#
# Hermes units: hermes-gateway-pNNNN.service, the stock text Hermes writes
# (tests/demo/home/.config/systemd/user/hermes-gateway.service) made per profile,
# spread round-robin over the three dirs; each enabled (a default.target.wants/
# link), every 4th with a `systemctl edit` override.conf in config/, every 10th with
# a site drop-in in etc/, every 7th with a stray non-.conf file in its .d dir, every
# 50th masked in config/ by a /dev/null link over a copy in lib/. Shared drop-ins:
# config/hermes-gateway-.service.d/ (dash prefix) and lib/service.d/ (type-wide).
# Other units: mostly in lib/ (the distro), some in etc/ and config/, a mix of
# services, sockets, timers and targets, one template, every 25th masked (a
# /dev/null link in config/ over the distro unit in lib/).
# The same N and M always give the same tree (names, bytes, links).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
stock=$top/tests/demo/home/.config/systemd/user/hermes-gateway.service

case ${1:-} in ''|*[!0-9]*) echo "usage: $0 N [M] [DIR]" >&2; exit 2 ;; esac
n=$1
m=${2:-150}
case $m in ''|*[!0-9]*) echo "usage: $0 N [M] [DIR]" >&2; exit 2 ;; esac
dir=${3:-bench-tree-$n}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
[ -z "$(ls -A "$dir")" ] || { echo "$0: $dir is not empty" >&2; exit 1; }

# One awk program decides where everything goes: with what=dirs it lists the dirs
# to create, with what=files it writes the files and lists the symlinks to make
# ("null LINK" for a mask, "wants TARGET" for an enabled unit).
layout() {
        awk -v what="$1" -v n="$n" -v m="$m" -v d="$dir" -v stock="$stock" '
        function hermes_dir(i) { return i % 3 == 0 ? "config" : i % 3 == 1 ? "etc" : "lib" }
        function other_dir(j)  { return j % 10 == 0 ? "config" : j % 5 == 0 ? "etc" : "lib" }
        function put(path, text) { printf "%s", text > path; close(path) }
        function hermes_unit(p,   s, i, line) {
                s = ""
                for (i = 1; i <= nstock; i++) {
                        line = stockl[i]
                        if (line ~ /^(WorkingDirectory|Environment)=/)
                                sub(/\/home\/alice\/\.hermes/, "&/profiles/" p, line)
                        else if (line ~ /^ExecStart=/)
                                sub(/ gateway run$/, " --profile " p " gateway run", line)
                        s = s line "\n"
                }
                return s
        }
        function other_unit(j, type,   s) {
                s = "[Unit]\nDescription=Background unit " j "\n"
                if (type == "service")
                        s = s "\n[Service]\nExecStart=/usr/bin/true\nRestart=on-failure\n\n[Install]\nWantedBy=default.target\n"
                else if (type == "socket")
                        s = s "\n[Socket]\nListenStream=%t/other-" j ".sock\n\n[Install]\nWantedBy=sockets.target\n"
                else if (type == "timer")
                        s = s "\n[Timer]\nOnCalendar=daily\n\n[Install]\nWantedBy=timers.target\n"
                return s
        }
        function other_type(j) { return j % 7 == 3 ? "socket" : j % 7 == 5 ? "timer" : j % 11 == 0 ? "target" : "service" }
        BEGIN {
                while ((getline line < stock) > 0)
                        stockl[++nstock] = line
                for (i = 1; i <= n; i++) {
                        p = sprintf("p%04d", i)
                        u = "hermes-gateway-" p ".service"
                        home = i % 50 == 0 ? "lib" : hermes_dir(i)
                        if (what == "dirs") {
                                if (i % 4 == 0 || i % 7 == 0) print d "/config/" u ".d"
                                if (i % 10 == 0) print d "/etc/" u ".d"
                                continue
                        }
                        put(d "/" home "/" u, hermes_unit(p))
                        if (i % 4 == 0)
                                put(d "/config/" u ".d/override.conf", "[Service]\nEnvironment=HERMES_LOG_LEVEL=info\n")
                        if (i % 10 == 0)
                                put(d "/etc/" u ".d/50-site.conf", "[Service]\nNice=5\n")
                        if (i % 7 == 0)
                                put(d "/config/" u ".d/notes.txt", "kept here by hand, never read\n")
                        if (i % 50 == 0)
                                print "null " d "/config/" u
                        else
                                print "wants " d "/" home "/" u
                }
                for (j = 1; j <= m; j++) {
                        t = other_type(j)
                        u = (j == 1 ? "other-worker@" : sprintf("other-%04d", j)) "." t
                        if (what == "dirs")
                                continue
                        put(d "/" other_dir(j) "/" u, other_unit(j, t))
                        if (j % 25 == 12)
                                print "null " d "/config/" u
                }
                if (what == "dirs") {
                        print d "/config/default.target.wants"
                        print d "/config/hermes-gateway-.service.d"
                        print d "/lib/service.d"
                        exit
                }
                put(d "/config/hermes-gateway-.service.d/20-common.conf", "[Service]\nEnvironment=PYTHONUNBUFFERED=1\n")
                put(d "/lib/service.d/10-distro.conf", "[Unit]\nDefaultDependencies=yes\n")
        }'
}

mkdir -p "$dir/config" "$dir/etc" "$dir/lib"
layout dirs | xargs mkdir -p
layout files > "$dir/.links"
grep '^wants ' "$dir/.links" | cut -d' ' -f2 | xargs ln -s -t "$dir/config/default.target.wants"
grep '^null ' "$dir/.links" | cut -d' ' -f2 | while read -r link; do ln -s /dev/null "$link"; done
rm -f "$dir/.links"
echo "$dir/config:$dir/etc:$dir/lib"
