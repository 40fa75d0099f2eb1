#!/bin/sh
# rulehelp.sh MANPAGE OUT.c [MDDIR]: the rules' help, compiled in from the man page.
#
# The one source of every rule's help text is the RULES section of
# docs/hermes-unit-lint.1. This script renders each rule's subsection with mandoc
# into the strings that `hermes-unit-lint --explain`, SARIF (fullDescription, help)
# and, with MDDIR, one Markdown page per rule (MDDIR/HG001.md ...) are made of.
#
# The format of a rule in the man page (the build fails when a rule breaks it):
#
#   .Ss HG001 restart-missing (warning, gateway)      ID, name, (severity[, gateway])
#   prose: why it matters                              first paragraph(s); the SARIF
#                                                      fullDescription
#   .Bd -literal -offset indent                        the bad example (one or more
#   [Service]                                          literal blocks, prose between
#   Restart=no                                         them allowed)
#   .Ed
#   .Pp
#   Fix: prose (optional after "Fix:")                 the fix: a line starting "Fix:",
#   .Bd -literal -offset indent                        then prose and/or literal blocks
#   [Service]                                          up to the next .Ss or .Sh
#   Restart=on-failure
#   .Ed
#
# A .Ss that does not start with an HG ID (e.g. "Hermes profiles and cron jobs")
# is an ordinary subsection and not a rule. tests/unit/test_lint_rules.c checks
# that every rule of lint/rules.c has a page and every page a rule.
set -eu
man=$1 out=$2 mddir=${3:-}
command -v mandoc >/dev/null 2>&1 || { echo "rulehelp.sh: mandoc is needed (apt-get install mandoc)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Split the RULES section: per rule, $tmp/ID.meta (name and the parenthesised
# attributes), ID.why, ID.bad, ID.fix (mdoc lines).
awk -v dir="$tmp" '
function fail(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
function finish() {
        if (id == "") return
        if (!saw_bad) { FNR = start; fail(id ": no bad example (a .Bd -literal block before \"Fix:\")") }
        if (!saw_fix) { FNR = start; fail(id ": no line starting with \"Fix:\"") }
        id = ""
}
/^\.Sh / { finish(); rules = ($2 == "RULES"); next }
!rules { next }
/^\.Ss / {
        finish()
        if ($2 !~ /^HG[0-9][0-9][0-9]$/) next
        id = $2; start = FNR; part = "why"; saw_bad = saw_fix = 0
        attrs = $0; sub(/^[^(]*\(/, "", attrs); sub(/\)[ \t]*$/, "", attrs)
        if ($3 == "" || attrs == $0) fail(id ": want \".Ss " id " name (severity)\"")
        printf "%s\t%s\n", $3, attrs > (dir "/" id ".meta")
        printf "" > (dir "/" id ".why"); printf "" > (dir "/" id ".bad"); printf "" > (dir "/" id ".fix")
        next
}
id == "" { next }
/^\.Bd / && part == "why" { part = "bad" }
/^\.Bd / && part == "bad" { saw_bad = 1 }
/^Fix:/ {
        part = "fix"; saw_fix = 1
        sub(/^Fix:[ \t]*/, "")
        if ($0 == "") next
        $0 = toupper(substr($0, 1, 1)) substr($0, 2)
}
{ print > (dir "/" id "." part) }
END { if (!bad) finish() }
' "$man"

ids=$(cd "$tmp" && ls -- *.meta 2>/dev/null | sed 's/\.meta$//' | sort)
[ -n "$ids" ] || { echo "rulehelp.sh: no rules in the RULES section of $man" >&2; exit 1; }

# A paragraph macro at the end of a part renders as nothing; drop it so that
# mandoc has no empty paragraph to warn about.
trim() { sed -e :a -e '/^\.Pp$/{$d;N;ba' -e '}' "$1" | sed '${/^\.Pp$/d;}'; }

mini() { # mini ID: one mdoc document with the rule's three parts
        printf '.Dd January 1, 2026\n.Dt %s 1\n.Os hermes-guardrails\n' "$1"
        printf '.Sh Why it matters\n'; trim "$tmp/$1.why"
        printf '.Sh Example\n'; trim "$tmp/$1.bad"
        printf '.Sh Fix\n'; trim "$tmp/$1.fix"
}

# mandoc's page header (2 lines) and footer (2 lines) go; ascii overstrikes too.
# mandoc renders into a file first: a failure in a pipe would go unnoticed.
mdoc() { # mdoc FORMAT OPTIONS FILE
        mandoc -T "$1" ${2:+-O "$2"} "$3" > "$tmp/out" || { echo "rulehelp.sh: mandoc failed on $3" >&2; exit 1; }
        sed -e 's/.\x08//g' -e '1,2d' "$tmp/out" | sed -e '$d' | sed -e '$d'
}
render_text() { mdoc ascii width=78,indent=4 "$1"; }
render_md() { mdoc markdown "" "$1" | sed 's/^# /## /'; }
# The why, one paragraph per line: SARIF viewers wrap text themselves.
render_why() {
        { printf '.Dd January 1, 2026\n.Dt X 1\n.Os hermes-guardrails\n.Sh W\n'; trim "$1"; } > "$tmp/why.mdoc"
        mdoc ascii width=78,indent=0 "$tmp/why.mdoc" | sed '1d' |
                awk 'NF { sub(/^ +/, ""); p = p (p == "" ? "" : " ") $0; next }
                     p != "" { print p; p = "" }
                     END { if (p != "") print p }' | sed 's/  */ /g'
}

cstr() { # a C string literal of stdin, one line per source line, no final newline
        sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/^/                "/' -e 's/$/\\n"/' |
                sed '$s/\\n"$/"/'
}

{
        printf '/* Generated from %s by build-aux/rulehelp.sh. Do not edit: edit the man page. */\n' "$man"
        printf '#include "rulehelp.h"\n\nconst struct rule_help rule_help[] = {\n'
        for id in $ids; do
                IFS='	' read -r name attrs < "$tmp/$id.meta"
                mini "$id" > "$tmp/$id.mdoc"
                printf '        { "%s", "%s", "%s",\n' "$id" "$name" "$attrs"
                render_why "$tmp/$id.why" > "$tmp/why"
                render_text "$tmp/$id.mdoc" > "$tmp/text"
                render_md "$tmp/$id.mdoc" > "$tmp/md"
                cstr < "$tmp/why"; printf '                ,\n'
                cstr < "$tmp/text"; printf '                ,\n'
                cstr < "$tmp/md"; printf '        },\n'
                if [ -n "$mddir" ]; then
                        mkdir -p "$mddir"
                        { printf '# %s %s (%s)\n\n' "$id" "$name" "$attrs"; cat "$tmp/md"; } > "$mddir/$id.md"
                fi
        done
        printf '};\n\nconst size_t n_rule_help = sizeof(rule_help) / sizeof(rule_help[0]);\n'
} > "$out.tmp"
mv "$out.tmp" "$out"
