#!/bin/sh
# docs/systemd-notes.md names, for every behaviour of systemd or Hermes the code
# relies on, the tests that pin it. This checks that each note names at least one
# test, and that each named test exists and is run by `make check` (format at the
# top of the notes). A note whose test was renamed or removed fails here.
set -u
cd "$(dirname "$0")/../.." || exit 2
notes=${1:-docs/systemd-notes.md}
[ -f "$notes" ] || { echo "missing $notes"; exit 1; }
failed=0 n=0

fail() { echo "FAIL: $notes:$lineno: $*"; failed=$((failed + 1)); }

# Is PATH a test make check runs (see tests/run-all.sh)?
is_run() {
        case $1 in
        tests/unit/test_*.c|tests/golden/*.sh|tests/e2e/test-*.sh) [ -f "$1" ] ;;
        tests/e2e/agree/*) [ -d "$1" ] && [ -f tests/e2e/test-show-agrees.sh ] ;;
        tests/golden/*/*) suite=${1#tests/golden/}; suite=${suite%%/*}
                          [ -d "$1" ] && [ -f "tests/golden/$suite.sh" ] ;;
        *) false ;;
        esac
}

check_test() {   # check_test PATH NAME (NAME may be empty)
        path=${1%/} name=$2
        if ! is_run "$path"; then
                fail "$path does not exist or is not run by make check"; return
        fi
        [ -n "$name" ] || return 0
        case $path in
        *.c)    grep -Eq "\($name[,)]" "$path" && grep -Eq "^static void $name\(" "$path" ||
                        fail "$path has no test $name in its test list" ;;
        *.sh)   label=${name#\"}; label=${label%\"}
                [ "$label" != "$name" ] || { fail "a script's check label goes in double quotes: $name"; return; }
                grep -qF "\"$label\"" "$path" || fail "$path has no check labelled \"$label\"" ;;
        *)      fail "a case directory takes no name: $name" ;;
        esac
}

lineno=0 heading="" tests=0
end_note() {
        [ -z "$heading" ] || [ "$tests" -gt 0 ] || fail "note \"$heading\" names no test"
}
while IFS= read -r line; do
        lineno=$((lineno + 1))
        case $line in
        "## "*) end_note; heading=${line#\#\# }; tests=0; n=$((n + 1)) ;;
        "Test: "*)
                [ -n "$heading" ] || { fail "Test: line outside a note"; continue; }
                tests=$((tests + 1))
                rest=${line#Test: }
                p=${rest%% *}
                name=${rest#"$p"}
                check_test "$p" "${name# }" ;;
        esac
done < "$notes"
lineno=$((lineno + 1))
end_note
dups=$(grep '^## ' "$notes" | sort | uniq -d)
[ -z "$dups" ] || { lineno=0; fail "headings must be unique: $dups"; }

[ "$failed" -eq 0 ] || exit 1
echo "systemd-notes: $n notes, every named test exists and runs"
