#!/bin/sh
# Every man page must be clean under mandoc -T lint (style messages included).
command -v mandoc >/dev/null 2>&1 || {
        [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 &&
                { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mandoc; } >/dev/null 2>&1
}
command -v mandoc >/dev/null 2>&1 || { echo "skipped: mandoc is not installed (apt-get install mandoc)"; exit 77; }
set -- docs/*.[158]
[ -f "$1" ] || { echo "no man pages in docs/"; exit 1; }
# Whether other manuals are installed depends on the machine, not on our pages.
out=$(mandoc -T lint -W style "$@" 2>&1 | grep -v -e 'referenced manual not found' -e 'outdated mandoc.db')
if [ -n "$out" ]; then printf '%s\n' "$out"; exit 1; fi
echo "mandoc -T lint: $# pages clean"
