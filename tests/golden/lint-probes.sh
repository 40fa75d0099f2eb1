#!/bin/sh
# Host mode on a user's real search path (~14 dirs, most missing) probes no drop-in
# dir that the unit index knows is absent: 20 stock units, of which only
# hermes-gateway-p00002.service has a drop-in dir (holding "override", no .conf)
# and p00003 a misnamed "hermes-gateway-p00003.d/". HG014 (dropin-not-read) must
# still report both files, and no open() naming any other unit may fail (before the
# index was used, each unit cost ~80 failed opendir()s: its candidate drop-in dirs
# and "<stem>.d" in every search path dir, and the --fix file in a missing dir).
set -u
. "$(dirname "$0")/strace.inc"
strace_setup lint-probes
user=$work/home/.config/systemd/user
mkdir -p "$user/hermes-gateway-p00002.service.d" "$user/hermes-gateway-p00003.d" "$work/runtime"
chmod 700 "$work/runtime"
sh "$top/bench/mkunits.sh" 20 "$user"
printf '[Service]\nRestart=on-failure\n' > "$user/hermes-gateway-p00002.service.d/override"
printf '[Service]\nRestart=on-failure\n' > "$user/hermes-gateway-p00003.d/10-x.conf"
: > "$work/policy.conf"
env -i PATH="$PATH" HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" USER=hgtest LC_ALL=C \
        HERMES_GUARDRAILS_POLICY="$work/policy.conf" \
        strace -f -e trace=open,openat,openat2 -o "$work/trace" \
        "$lint" --no-linger --format=json > "$work/out.json" 2> "$work/stderr"
rc=$?
failed=0
[ "$rc" -eq 1 ] || { echo "FAIL: exit status $rc, expected 1 (findings)"; cat "$work/stderr"; failed=1; }
python3 - "$work/out.json" <<'PY' || failed=1
import json, sys
got = sorted(f["file"].rsplit("/", 2)[-2] + "/" + f["file"].rsplit("/", 1)[-1]
             for f in json.load(open(sys.argv[1]))["findings"] if f["rule_id"] == "HG014")
want = ["hermes-gateway-p00002.service.d/override", "hermes-gateway-p00003.d/10-x.conf"]
if got != want:
    print("FAIL: HG014 reported", got, "expected", want)
    sys.exit(1)
PY
n=$(grep -E '"[^"]*hermes-gateway-p[0-9]+[^"]*".*= -1 ' "$work/trace" | grep -vc 'hermes-gateway-p00002\.service\.d/')
if [ "$n" -ne 0 ]; then
        echo "FAIL: $n failed open()s of another unit's paths, expected none:"
        grep -E '"[^"]*hermes-gateway-p[0-9]+[^"]*".*= -1 ' "$work/trace" | grep -v 'hermes-gateway-p00002\.service\.d/' | head -5
        failed=1
fi
[ "$failed" -eq 0 ] && echo "ok: HG014 reports both files; no failed open() of a missing drop-in dir"
exit "$failed"
