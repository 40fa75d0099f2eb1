#!/bin/sh
# Hostile input, round two (docs/security.md): exit statuses that tell the truth,
# text that cannot reach a terminal or the journal raw, log floods said once.
# Each check names the promise it pins. Cases that need an unreadable directory
# run the tools as "nobody" when we are root (root reads everything), and are
# skipped with a reason otherwise only if that cannot be arranged.
set -u
cd "$(dirname "$0")/../.." || exit 2
B=${B:-build}
top=$(pwd)
case $B in /*) ;; *) B=$top/$B ;; esac
LINT=$B/hermes-unit-lint
GEN=$B/hermes-guardrail-generator
STOCK=$top/tests/demo/home/.config/systemd/user/hermes-gateway.service
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-hostile.XXXXXX")
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
failures=0

ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; failures=$((failures + 1)); }

# expect_exit NAME STATUS CMD...: the command's exit status is STATUS.
expect_exit() {
        name=$1 want=$2
        shift 2
        "$@" > "$work/out" 2> "$work/err"
        got=$?
        if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else
                bad "$name: exit $got, want $want"; sed 's/^/  | /' "$work/err" | head -5; fi
}

# has_raw_control FILE: a C0 control other than newline, DEL, a C1 control, or
# bytes that are not UTF-8.
has_raw_control() {
        python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
try:
    t = d.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)
sys.exit(0 if any((ord(c) < 32 and c != "\n") or 127 <= ord(c) <= 0x9f for c in t) else 1)' "$1"
}

# As "nobody" (root reads everything), else as ourselves.
as_user() {
        if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi
}

# ---- defect 5: exit statuses ------------------------------------------------
expect_exit "--list-rules succeeds" 0 "$LINT" --list-rules
expect_exit "--list-rules into a full disk fails" 2 sh -c "'$LINT' --list-rules > /dev/full"
expect_exit "--home that does not exist is a usage error" 2 "$LINT" --home "$work/nonexistent"
grep -q "nonexistent is not a directory" "$work/err" && ok "--home names the path" || bad "--home names the path"
mkdir -p "$work/ops"
mkfifo "$work/ops/hermes-gateway.service"
expect_exit "a FIFO named like a unit is refused, not replaced by the stock unit" 2 \
        "$LINT" --systemd-version 252 "$work/ops/hermes-gateway.service"
[ ! -s "$work/out" ] && ok "nothing linted in place of the FIFO" || bad "nothing linted in place of the FIFO"
mkdir "$work/ops/hermes-gateway-x.service"
expect_exit "a directory operand is refused" 2 "$LINT" --systemd-version 252 "$work/ops/hermes-gateway-x.service"
expect_exit "/dev/null as an operand is refused" 2 "$LINT" --systemd-version 252 /dev/null
: > "$work/ops/foo.txt"
expect_exit "foo.txt is refused" 2 "$LINT" --systemd-version 252 "$work/ops/foo.txt"
grep -q "foo.txt: not a unit file" "$work/err" && ok "foo.txt named" || bad "foo.txt named"
ln -s /dev/null "$work/ops/hermes-gateway-masked.service"
"$LINT" --systemd-version 252 "$work/ops/hermes-gateway-masked.service" > "$work/out" 2> "$work/err"
[ $? -le 1 ] && ok "a unit masked by a /dev/null link is linted" || bad "a unit masked by a /dev/null link is linted"

# Unreadable input is exit 2 naming the path, once.
h=$work/unreadable
mkdir -p "$h/.config/systemd/user/hermes-gateway.service.d"
cp "$STOCK" "$h/.config/systemd/user/"
chmod -R a+rX "$h"
chmod 000 "$h/.config/systemd/user/hermes-gateway.service.d"
if as_user test -r "$h/.config/systemd/user/hermes-gateway.service.d"; then
        echo "skipped: cannot make a directory unreadable here (not root, and root reads everything)"
else
        expect_exit "an unreadable <unit>.d is an input error" 2 as_user "$LINT" --systemd-version 252 --home "$h" --root "$h"
        n=$(grep -c "hermes-gateway.service.d: error: cannot read: Permission denied$" "$work/err")
        [ "$n" = 1 ] && ok "the unreadable <unit>.d is named once" || bad "the unreadable <unit>.d is named $n times"
        chmod 755 "$h/.config/systemd/user/hermes-gateway.service.d"
        chmod 000 "$h/.config/systemd/user"
        expect_exit "an unreadable ~/.config/systemd/user is an input error" 2 as_user "$LINT" --systemd-version 252 --home "$h" --root "$h"
        grep -q "systemd/user.*Permission denied" "$work/err" && ok "~/.config/systemd/user named" || bad "~/.config/systemd/user named"
        chmod 755 "$h/.config/systemd/user"

        # defect 8: one unreadable search path dir, 1 000 units: said once per cause.
        f=$work/flood
        mkdir -p "$f/units" "$f/locked"
        i=0
        while [ $i -lt 1000 ]; do
                printf '[Service]\nExecStart=/bin/true\n' > "$f/units/hermes-gateway-p$i.service"
                i=$((i + 1))
        done
        : > "$f/empty.conf"
        chmod -R a+rX "$f"
        chmod 000 "$f/locked"
        as_user env SYSTEMD_UNIT_PATH="$f/units:$f/locked" SYSTEMD_SCOPE=user HOME="$f" \
                HERMES_GUARDRAILS_POLICY="$f/empty.conf" "$GEN" --print > /dev/null 2> "$work/err"
        n=$(wc -l < "$work/err")
        [ "$n" -le 3 ] && ok "unreadable dir with 1000 units: $n log lines" ||
                { bad "unreadable dir with 1000 units: $n log lines"; head -3 "$work/err"; }
fi

# The generator: truthful, and still never failing a reload on bad input.
expect_exit "generator --print into a full disk fails" 1 env -u HERMES_GUARDRAILS_POLICY SYSTEMD_SCOPE=user \
        HOME="$top/tests/demo/home" SYSTEMD_UNIT_PATH="$top/tests/demo/home/.config/systemd/user" \
        sh -c "'$GEN' --print > /dev/full"
mkdir -p "$work/out-normal"
expect_exit "generator: a missing EARLY dir is an error" 1 env SYSTEMD_UNIT_PATH="$work/ops" "$GEN" \
        "$work/out-normal" "$work/no-early" "$work/out-normal"
grep -q "no-early" "$work/err" && ok "the missing dir is named" || bad "the missing dir is named"
expect_exit "generator: SYSTEMD_SCOPE=bogus is an error, not user" 1 env SYSTEMD_SCOPE=bogus "$GEN" --print
grep -q 'SYSTEMD_SCOPE=bogus' "$work/err" && ok "bogus scope named" || bad "bogus scope named"

# defect 8: a 4 MB policy of bad lines: each cause said once, with a count.
python3 -c 'import sys; sys.stdout.write("[guardrails]\n" + "bad line\n" * 400000 + "RestartSec=nope\n" * 100)' > "$work/policy.conf"
env HERMES_GUARDRAILS_POLICY="$work/policy.conf" SYSTEMD_SCOPE=user SYSTEMD_UNIT_PATH="$work/ops" \
        "$GEN" --print > /dev/null 2> "$work/err"
n=$(wc -l < "$work/err")
[ "$n" -le 30 ] && grep -q "and 399990 more" "$work/err" && ok "flood of bad policy lines: $n log lines with a count" ||
        { bad "flood of bad policy lines: $n log lines"; tail -3 "$work/err"; }

# ---- defect 2: --fix=diff shows no Environment= value, --fix keeps user lines --
h=$work/fix
mkdir -p "$h/.config/systemd/user"
cp "$STOCK" "$h/.config/systemd/user/"
expect_exit "--fix writes its drop-in" 0 "$LINT" --systemd-version 252 --home "$h" --fix
f=$h/.config/systemd/user/hermes-gateway.service.d/zz-hermes-unit-lint-fix.conf
[ -f "$f" ] && ok "the fix file exists" || bad "the fix file exists"
expect_exit "--fix again: nothing to change" 0 "$LINT" --systemd-version 252 --home "$h" --fix=diff
sed -i 's/^RestartSec=.*/RestartSec=3s/' "$f"
expect_exit "--fix=diff over its own, edited file" 1 "$LINT" --systemd-version 252 --home "$h" --fix=diff
grep -q '^-RestartSec=3s' "$work/out" && ok "the diff shows the edited line" || bad "the diff shows the edited line"
echo 'Environment=TELEGRAM_BOT_TOKEN=1234567890:AAFakeFakeFakeFakeFakeFakeFakeFake_-x' >> "$f"
echo 'Environment=OTHER=plain-value-xyz' >> "$f"
cp "$f" "$work/fix-before"
expect_exit "--fix=diff refuses a file with user lines" 2 "$LINT" --systemd-version 252 --home "$h" --fix=diff
grep -q 'AAFake\|plain-value-xyz' "$work/out" "$work/err" && bad "--fix=diff shows an Environment= value" ||
        ok "--fix=diff shows no Environment= value"
grep -q 'zz-hermes-unit-lint-fix.conf:17: Environment= is not written by --fix' "$work/err" &&
        ok "the refusal names the line" || bad "the refusal names the line"
expect_exit "--fix refuses to overwrite user lines" 2 "$LINT" --systemd-version 252 --home "$h" --fix
cmp -s "$f" "$work/fix-before" && ok "the user's lines are kept" || bad "the user's lines are kept"

# ---- defect 3: --fix stays beneath --home --------------------------------------
h=$work/escape
mkdir -p "$h" "$work/outside/systemd/user"
ln -s "$work/outside" "$h/.config"
cp "$STOCK" "$work/outside/systemd/user/"
expect_exit "--fix through a symlinked ~/.config is refused" 2 "$LINT" --systemd-version 252 --home "$h" --fix
[ -z "$(find "$work/outside" -name 'zz-*')" ] && ok "nothing written outside --home" || bad "a fix was written outside --home"
mkdir -p "$work/escape2/.config/systemd" "$work/outside2"
ln -s "$work/outside2" "$work/escape2/.config/systemd/user"
cp "$STOCK" "$work/outside2/"
expect_exit "--fix through a symlinked systemd/user is refused" 2 "$LINT" --systemd-version 252 --home "$work/escape2" --fix
[ -z "$(find "$work/outside2" -name 'zz-*')" ] && ok "nothing written outside --home (deeper link)" ||
        bad "a fix was written outside --home (deeper link)"

# ---- defect 6: jobs.json Python accepts is checked, not called unreadable --------
for shape in nan surrogate deep500 deep100000; do
        h=$work/json-$shape
        mkdir -p "$h/.hermes/cron"
        python3 - "$shape" "$h/.hermes/cron/jobs.json" <<'PY'
import sys
shape, path = sys.argv[1], sys.argv[2]
job = '{"id": "a1", "name": "n", "prompt": "hermes gateway restart"%s}'
extra = {"nan": ', "x": NaN, "y": -Infinity', "surrogate": ', "x": "\\ud800"',
         "deep500": ', "x": ' + '[' * 500 + ']' * 500, "deep100000": ', "x": ' + '[' * 100000 + ']' * 100000}[shape]
open(path, "w").write('{"jobs": [' + job % extra + ']}')
PY
        "$LINT" --systemd-version 252 --home "$h" --root "$h" --format=json > "$work/json" 2>/dev/null
        rules=$(python3 -c 'import json,sys; print(" ".join(sorted({f["rule_id"] for f in json.load(open(sys.argv[1]))["findings"]})))' "$work/json")
        case $shape in
        deep100000) want=HG027 ;;   # Python gives up too (RecursionError): Hermes runs none of the jobs
        *) want=HG024 ;;            # the job is read and its prompt checked
        esac
        case " $rules " in *" $want "*) ok "jobs.json $shape: $want ($rules)" ;; *) bad "jobs.json $shape: want $want, got: $rules" ;; esac
done

# ---- defect 7: a .env expansion past 4 MiB is said, the other tokens compared ----
h=$work/expansion
mkdir -p "$h/.hermes/profiles/b"
python3 - "$h" <<'PY'
import sys
h = sys.argv[1]
lines, prev = ['A=' + 'x' * 1000], 'A'
for i in range(13):
    lines.append('B%d=${%s}${%s}' % (i, prev, prev))
    prev = 'B%d' % i
lines += ['DISCORD_BOT_TOKEN=${%s}' % prev, 'TELEGRAM_BOT_TOKEN=123456:TEST-TOKEN-SHARED']
open(h + '/.hermes/.env', 'w').write('\n'.join(lines) + '\n')
open(h + '/.hermes/profiles/b/.env', 'w').write('TELEGRAM_BOT_TOKEN=123456:TEST-TOKEN-SHARED\n')
PY
"$LINT" --systemd-version 252 --home "$h" --root "$h" --format=json > "$work/json" 2>/dev/null
python3 - "$work/json" <<'PY' && ok ".env expansion past 4 MiB: HG028 for it, HG023 for the shared token" || bad ".env expansion past 4 MiB"
import json, sys
f = json.load(open(sys.argv[1]))["findings"]
big = [x for x in f if x["rule_id"] == "HG028" and "DISCORD_BOT_TOKEN grows past 4 MiB" in x["message"]]
shared = [x for x in f if x["rule_id"] == "HG023"]
sys.exit(0 if big and len(shared) == 2 else 1)
PY

# ---- defect 4: terminal and log injection ------------------------------------
j=$work/inject
mkdir -p "$j/.hermes/cron" "$j/.hermes/scripts"
python3 - "$j/.hermes/cron/jobs.json" <<'PY'
import json, sys
evil = "\x1b]0;pwned\x07\x1b[2J"
jobs = [
    {"id": "a1" + evil, "name": "nightly" + evil + "\nx.service:1:1: error: forged", "prompt": "hermes gateway restart"},
    {"id": "b2", "name": "tok 1234567890:AAFakeFakeFakeFakeFakeFakeFakeFake_-x",
     "no_agent": True, "script": "../outside" + evil + ".sh"},
]
json.dump({"jobs": jobs}, open(sys.argv[1], "w"))
PY
"$LINT" --systemd-version 252 --home "$j" --root "$j" --format=text > "$work/text" 2> "$work/err"
"$LINT" --systemd-version 252 --home "$j" --root "$j" --format=json > "$work/json" 2>/dev/null
has_raw_control "$work/text" && bad "text report holds a raw control character" || ok "text report: no raw control character"
has_raw_control "$work/err" && bad "stderr holds a raw control character" || ok "stderr: no raw control character"
nf=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/json")
nl=$(wc -l < "$work/text")
[ "$nf" = "$nl" ] && [ "$nf" -gt 0 ] && ok "one text line per finding ($nl): no forged line" ||
        bad "text lines $nl, findings $nf"
grep -q 'AAFakeFake' "$work/text" "$work/json" "$work/err" && bad "a bot token is printed" || ok "no bot token printed"

# A file name with a newline cannot forge a finding line.
n=$work/newline
mkdir -p "$n/.config/systemd/user/hermes-gateway.service.d"
cp "$STOCK" "$n/.config/systemd/user/"
printf '[Service]\nRestart=sometimes\n' > "$n/.config/systemd/user/hermes-gateway.service.d/10-a
b.service:1:1: error: forged.conf"
"$LINT" --systemd-version 252 --home "$n" --root "$n" > "$work/text" 2> "$work/err"
"$LINT" --systemd-version 252 --home "$n" --root "$n" --format=json > "$work/json" 2>/dev/null
nf=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$work/json")
nl=$(wc -l < "$work/text")
[ "$nf" = "$nl" ] && grep -q '10-a\\nb.service' "$work/text" && ok "a newline in a file name is escaped" ||
        bad "newline in a file name: $nl lines for $nf findings"

# Generator logs: a policy value with an escape sequence is escaped in the journal.
printf '[guardrails]\nRestartSec=\033]0;x\007\n' > "$work/esc.conf"
env HERMES_GUARDRAILS_POLICY="$work/esc.conf" SYSTEMD_SCOPE=user SYSTEMD_UNIT_PATH="$work/ops" \
        "$GEN" --print > /dev/null 2> "$work/err"
has_raw_control "$work/err" && bad "generator log holds a raw control character" ||
        { grep -q 'invalid RestartSec= value' "$work/err" && ok "generator log: the bad value said, no raw control character" ||
          bad "generator log: the bad value is not said"; }

# ---- defect 9: a pre-commit run killed by SIGTERM leaves no temporary directory ----
h=$work/sigterm
t=$work/tmp
mkdir -p "$h/.config/systemd/user/hermes-gateway.service.d" "$h/.hermes/cron" "$t"
printf '[Service]\nRestartSec=1s\n' > "$h/.config/systemd/user/hermes-gateway.service.d/10-x.conf"
# A big jobs.json keeps the run busy after it has written its stand-in unit.
python3 -c 'import sys; sys.stdout.write("{\"jobs\":[{\"prompt\":\"" + "a " * 2000000 + "\"}]}")' > "$h/.hermes/cron/jobs.json"
TMPDIR=$t "$LINT" --systemd-version 252 --home "$h" "$h/.config/systemd/user/hermes-gateway.service.d/10-x.conf" \
        > /dev/null 2>&1 &
pid=$!
i=0
while [ -z "$(ls -A "$t")" ] && [ $i -lt 1000 ] && kill -0 $pid 2>/dev/null; do sleep 0.01; i=$((i + 1)); done
if [ -z "$(ls -A "$t")" ]; then
        wait $pid
        bad "SIGTERM: the run never made its temporary directory (or ended first)"
else
        kill -TERM $pid
        wait $pid
        rc=$?
        [ "$rc" = 143 ] && ok "SIGTERM ends the run with the signal (exit $rc)" || bad "SIGTERM: exit $rc, want 143"
        [ -z "$(ls -A "$t")" ] && ok "SIGTERM: the temporary directory is removed" ||
                { bad "SIGTERM: left behind: $(ls -A "$t")"; }
fi

# ---- a report kept in a temporary file that cannot be written whole ----
# A run over 3 000 units keeps its JSON report's records in a temporary file past
# 1 MiB. With the file size limit at 2-4 MB (SIGXFSZ ignored, so write() fails with
# EFBIG) they cannot all be kept: exit 2 naming the cause, before any output (stdout
# is a pipe here, which the limit does not touch).
h=$work/stash
mkdir -p "$h/.config/systemd/user"
sh "$top/bench/mkunits.sh" 3000 "$h/.config/systemd/user"
(trap '' XFSZ; ulimit -f 4000
 "$LINT" --systemd-version 252 --home "$h" --root "$h" --format=json 2> "$work/err"; echo $? > "$work/rc") |
        cat > "$work/out"
[ "$(cat "$work/rc")" = 2 ] && ok "temporary file too small: exit 2" || bad "temporary file too small: exit $(cat "$work/rc"), want 2"
grep -q "Failed to lint: File too large" "$work/err" && ok "temporary file too small: the cause is said" ||
        bad "temporary file too small: stderr: $(head -c 300 "$work/err")"
[ ! -s "$work/out" ] && ok "temporary file too small: no report" || bad "temporary file too small: $(wc -c < "$work/out") bytes of report"
"$LINT" --systemd-version 252 --home "$h" --root "$h" --format=json > "$work/out" 2> "$work/err"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); sys.exit(0 if len(r["findings"]) >= 3000 else 1)' "$work/out" &&
        ok "the same run without the limit: a whole JSON report" || bad "the same run without the limit: no whole report"
rm -rf "$h"

echo
if [ "$failures" -gt 0 ]; then
        echo "hostile: $failures failures"
        exit 1
fi
echo "hostile: all checks pass"
