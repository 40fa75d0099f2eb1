#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the systemd table of tests/unit/test_timespan.c from the real
# `systemd-analyze timespan` (parse_sec() + format_timespan(accuracy 1) of systemd).
#
#   tests/unit/timespan-oracle.sh           print the table (paste between the markers)
#   tests/unit/timespan-oracle.sh --check   diff it against the committed table
#
# Inputs are one per line below, with \t \n \r escapes understood by both printf %b
# and C, so a line is at the same time the shell input and the C string literal.
set -eu

here=$(dirname "$0")
command -v systemd-analyze >/dev/null || { echo "skipped: no systemd-analyze"; exit 77; }

inputs() {
        cat <<'IN'
0
1us
1usec
1μs
1µs
1500us
1ms
1msec
100ms
1.5ms
1s
1sec
1second
1seconds
5
+5
010
1.5
.5s
0.000001
0.0000001s
1.0000009s
1.000001s
59.999999s
60.5s
1.5s
3.0000005s
1m
1min
1minute
1minutes
1.5 min
1min 30s
1 min30s
1min30s
 1min 30s 
\t5
5 s
5 .5
1 2
1s1s
1 s 2 ms
61min
1h
1hr
1hour
2hours
1h 2min 3.004s
25h
1d
1day
2days
8d
30d
31d
35d
366d
1w
1week
4weeks
1M
1month
3months
1.5M
1y
1year
2 years
0.5y
1y 1M
infinity
 infinity 
infinityx
1 infinity
584541y
584542y
7014503M
7014504M
213503981d
213503982d
213503981d 1d
18446744073708s
18446744073709s
18446744073708.9s
18446744073708s 551614us
18446744073709s 551614us
9223372036854775807us
584542y 2w 2d 20h 1min 49.551614s
9223372036854775808us
99999999999999999999

 
\t
-1
-0
1 -1
+-5
1x
1.2.3s
1..5
.
5.s
1. 5
s
5 x
1mo
1mins
1secs
1S
1H
1Min
1,5s
1e3
0x10
IN
}

table() {
        inputs | while IFS= read -r line; do
                in=$(printf '%b' "$line")
                if out=$(systemd-analyze timespan -- "$in" 2>&1); then
                        usec=$(printf '%s\n' "$out" | sed -n 's/^ *μs: //p')
                        human=$(printf '%s\n' "$out" | sed -n 's/^ *Human: //p')
                        printf '        { "%s", 0, %sULL, "%s" },\n' "$line" "$usec" "$human"
                else
                        case $out in
                        *"out of range"*) err=-ERANGE ;;
                        *"Invalid argument"*) err=-EINVAL ;;
                        *) echo "unexpected: $out" >&2; exit 1 ;;
                        esac
                        printf '        { "%s", %s, 0, NULL },\n' "$line" "$err"
                fi
        done
}

if [ "${1:-}" = --check ]; then
        table > "${TMPDIR:-/tmp}/timespan-oracle.$$"
        sed -n '/ORACLE-BEGIN/,/ORACLE-END/p' "$here/test_timespan.c" | sed '1d;$d' |
                diff -u - "${TMPDIR:-/tmp}/timespan-oracle.$$" && rc=0 || rc=1
        rm -f "${TMPDIR:-/tmp}/timespan-oracle.$$"
        [ $rc = 0 ] && echo "timespan table matches $(systemd-analyze --version | head -1)"
        exit $rc
fi
table
