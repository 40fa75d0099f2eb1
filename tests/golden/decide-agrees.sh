#!/bin/sh
# The generator and the linter take one decision (policy_decide()): which units get
# guardrails, with which values. Over one tree of every kind of case (plain, alias
# of a matched unit with its own per-unit section, alias of an unmatched unit,
# masked, dangling alias, Enabled=no, excluded), the real generator writes its
# drop-ins, then the linter runs in host mode and on each unit file alone, and:
#   - every unit the generator wrote a drop-in for is a gateway to the linter;
#   - every gateway the linter sees that can run has a guardrail drop-in applied
#     (under its name or its unit's) and no restart finding (HG001-HG007): the
#     linter checks the values the generator wrote;
#   - no drop-in is written for a name the linter says gets none.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
gen=$bin/hermes-guardrail-generator lint=$bin/hermes-unit-lint
[ -x "$gen" ] && [ -x "$lint" ] || { echo "missing $gen or $lint (run make)"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed to read the JSON report"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-decide.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

root=$work/root
units=$root/home/hgtest/.config/systemd/user
gdir=$root/run/user/1000/systemd
mkdir -p "$units" "$gdir/generator" "$gdir/generator.early" "$gdir/generator.late" "$root/var/lib/systemd/linger"
: > "$root/var/lib/systemd/linger/hgtest"
for u in hermes-gateway-a hermes-gateway-b hermes-gateway-off hermes-gateway-excluded other; do
        printf '[Service]\nExecStart=/bin/true\n' > "$units/$u.service"
done
ln -s hermes-gateway-b.service "$units/hermes-b.service"           # alias of a matched unit
ln -s other.service "$units/hermes-c.service"                      # alias of an unmatched one
ln -s /dev/null "$units/hermes-gateway-masked.service"
ln -s missing.service "$units/hermes-gateway-dangling.service"
cat > "$work/policy.conf" <<'POLICY'
[guardrails]
RestartSec=20s
[match]
Units=hermes-gateway-*.service hermes-b.service hermes-c.service
Exclude=hermes-gateway-excluded.service
[hermes-b.service]
RestartSec=60s
StartLimitBurst=2
[hermes-gateway-off.service]
Enabled=no
[hermes-c.service]
RestartSec=30s
POLICY

env -i PATH="$PATH" SYSTEMD_SCOPE=user HOME=/home/hgtest HERMES_GUARDRAILS_POLICY="$work/policy.conf" \
        SYSTEMD_UNIT_PATH="$units" "$gen" "$gdir/generator" "$gdir/generator.early" "$gdir/generator.late" ||
        { echo "FAIL: the generator failed"; exit 1; }

run_lint() {   # run_lint OUT ARGS...: JSON report in OUT; exit status 0 or 1 (findings) only
        out=$1; shift
        (cd "$work" && env -i PATH="$PATH" HOME=/home/hgtest USER=hgtest XDG_RUNTIME_DIR=/run/user/1000 \
                HERMES_GUARDRAILS_POLICY="$work/policy.conf" LC_ALL=C \
                "$lint" --root root --systemd-version 252 --format=json "$@") > "$out" 2> "$out.err"
        rc=$?
        [ "$rc" -le 1 ] || { echo "FAIL: hermes-unit-lint $* exited $rc"; cat "$out.err"; exit 1; }
}
run_lint "$work/host.json"
n=0
for f in "$units"/*.service; do
        [ -e "$f" ] || continue     # a dangling link is no file to lint
        n=$((n + 1))
        run_lint "$work/file$n.json" "root/home/hgtest/.config/systemd/user/${f##*/}"
done

python3 - "$work" "$gdir" "$work"/host.json "$work"/file*.json <<'PY'
import json, os, sys
work, gdir, reports = sys.argv[1], sys.argv[2], sys.argv[3:]
written = set()
for d in ("generator", "generator.early"):
    for e in os.listdir(os.path.join(gdir, d)):
        if os.path.exists(os.path.join(gdir, d, e, "10-restart-guardrails.conf")):
            written.add(e[:-2])
failed = 0
def fail(msg):
    global failed
    failed += 1
    print("FAIL:", msg)
seen = {}
for path in reports:
    rep = json.load(open(path))
    for u in rep["units"]:
        name = u["name"]
        if seen.setdefault(name, u["gateway"]) != u["gateway"]:
            fail(f"{name}: a gateway in one run and not in another")
        if name in written and not u["gateway"]:
            fail(f"{name}: the generator wrote guardrails, the linter says it gets none")
        if not u["gateway"]:
            continue
        if u["load_state"] != "loaded":
            if name in written:
                fail(f"{name}: {u['load_state']}, yet the generator wrote guardrails")
            continue
        if not any(p.endswith("/10-restart-guardrails.conf") for p in u["dropin_paths"]):
            fail(f"{name}: a gateway the linter checks, but no guardrail drop-in applies")
        for f in rep["findings"]:
            if f.get("unit") == name and f["rule_id"] in {"HG%03d" % i for i in range(1, 8)}:
                fail(f"{name}: {f['rule_id']} {f['message']}: the linter checks other values than the generator wrote")
expected = {"hermes-gateway-a.service", "hermes-gateway-b.service", "hermes-c.service"}
if written != expected:
    fail(f"the generator wrote {sorted(written)}, expected {sorted(expected)}")
if not seen.get("hermes-b.service"):
    fail("hermes-b.service (an alias of a guarded unit) is not a gateway to the linter")
for name in ("hermes-gateway-off.service", "hermes-gateway-excluded.service", "other.service"):
    if seen.get(name):
        fail(f"{name}: the linter takes it for a gateway")
print(f"decide-agrees: {len(seen)} units, {len(written)} guarded, generator and linter agree" if not failed else "")
sys.exit(1 if failed else 0)
PY
