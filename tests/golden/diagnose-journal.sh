#!/bin/sh
# diagnose reads the journal for real: journal files written by systemd-journal-remote from
# export format, with the fields journald sets for a user unit's stdout, two units
# interleaved; read back through sd-journal with --journal-file. Only the asked unit's
# lines count, a token in a journal traceback never shows, --since cuts.
set -u
B=${B:-build}
cd "$(dirname "$0")/../.." || exit 2
JR=/lib/systemd/systemd-journal-remote
[ -x "$JR" ] || JR=/usr/lib/systemd/systemd-journal-remote
if [ ! -x "$JR" ]; then
        echo "skipped: systemd-journal-remote is not installed (apt-get install systemd-journal-remote; build-aux/deps.sh does it as root)"
        exit 77
fi
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is not installed"; exit 77; }
exec python3 - "$B/hermes-unit-lint" "$JR" <<'PY'
import json, os, subprocess, sys, tempfile

lint, jr = sys.argv[1], sys.argv[2]
T0 = 1777791600 * 10**6              # 2026-05-03 07:00:00 UTC
TOKEN = "6123456789:AAHk-9xQv3LmZp7RsT2uVwXy1AbCdEfGhIj"
BOOT = "0123456789abcdef0123456789abcdef"

def entry(sec, unit, msg, prio=6, key="_SYSTEMD_USER_UNIT"):
    usec = T0 + int(sec * 10**6)
    return (f"__REALTIME_TIMESTAMP={usec}\n__MONOTONIC_TIMESTAMP={usec - T0 + 10**10}\n_BOOT_ID={BOOT}\n"
            f"{key}={unit}\n_UID=1000\n_GID=1000\n_COMM=python\nSYSLOG_IDENTIFIER=python\n_TRANSPORT=stdout\n"
            f"PRIORITY={prio}\nMESSAGE={msg}\n\n")

W, C = "hermes-gateway-work.service", "hermes-gateway-coder.service"
entries = [
    # before --since: a provider failure that must not count
    entry(-7200, W, "WARNING gateway.run: Primary provider auth failed: HTTP 401", 4),
    entry(0, W, "INFO gateway.run: Starting Hermes Gateway..."),
    entry(1, C, "ERROR gateway.run: Gateway hit a non-retryable startup conflict: telegram: coder-only-marker", 3),
    entry(2, W, "WARNING gateway.platforms.telegram: [Telegram] Telegram polling conflict (1/5) — previous "
                "session still held open on Telegram's servers. Waiting 20s for it to expire. Error: Conflict: "
                "terminated by other getUpdates request; make sure that only one bot instance is running", 4),
    entry(3, C, "WARNING gateway.run: Primary provider auth failed: coder-only-marker", 4),
    entry(23, W, "INFO gateway.platforms.telegram: [Telegram] Telegram polling resumed after conflict retry 1/5"),
    entry(60, W, "Traceback (most recent call last):", 3),
    entry(60, W, "  File \"/srv/hermes/venv/lib/python3.11/site-packages/telegram/request/_baserequest.py\", "
                 "line 330, in _request_wrapper", 3),
    entry(60, W, f"telegram.error.InvalidToken: The token `{TOKEN}` was rejected by the server.", 3),
    entry(61, W, f"{W}: Main process exited, code=exited, status=78/CONFIG", 4, key="USER_UNIT"),
]

fails = 0
def check(cond, what):
    global fails
    if not cond:
        fails += 1
        print("FAIL:", what)

with tempfile.TemporaryDirectory() as tmp:
    exp = os.path.join(tmp, "in.export")
    with open(exp, "w", encoding="utf-8") as f:
        f.write("".join(entries))
    jf = os.path.join(tmp, "user-1000.journal")
    with open(exp, "rb") as f:
        p = subprocess.run([jr, "-o", jf, "-"], stdin=f, capture_output=True)
    check(p.returncode == 0 and os.path.exists(jf), f"systemd-journal-remote wrote the journal: {p.stderr[-300:]!r}")
    home = os.path.join(tmp, "hermes")
    for prof in ("work", "coder"):
        d = os.path.join(home, "profiles", prof)
        os.makedirs(d)
        for n in (".env", "config.yaml"):
            open(os.path.join(d, n), "w").close()
    for n in (".env", "config.yaml"):
        open(os.path.join(home, n), "w").close()
    base = [lint, "diagnose", "--hermes-home", home, "--no-manager", "--journal-file", jf,
            "--now", "2026-05-03T07:30:00+00:00", "--since", "2026-05-03T06:30:00+00:00"]

    def run(profile, fmt):
        return subprocess.run(base + ["--profile", profile, "--format=" + fmt], capture_output=True, text=True)

    pj, pt = run("work", "json"), run("work", "text")
    check(pj.returncode == 1 and pt.returncode == 1, f"work: exit 1 ({pj.returncode}, {pt.returncode}): {pj.stderr}")
    doc = json.loads(pj.stdout)
    probs = doc["profiles"][0]["problems"]
    check([p["class"] for p in probs] == ["transport"], f"work: one transport problem, got {probs}")
    ev = probs[0]["evidence"] if probs else []
    check(ev and ev[0]["file"] is None and ev[0]["cursor"] and ev[0]["time"] == "2026-05-03 07:01:00",
          f"work: journal evidence with time and cursor: {ev}")
    check(ev and "InvalidToken" in ev[0]["text"] and "[redacted:" in ev[0]["text"], f"work: the line, redacted: {ev}")
    for out in (pj.stdout, pt.stdout, pj.stderr, pt.stderr):
        check(TOKEN not in out and TOKEN.split(":")[1] not in out, "work: the token is not shown")
        check("coder-only-marker" not in out, "work: no line of the other unit")
    check(doc["profiles"][0]["lines_read"] == 7, f"work: the unit's 7 entries (its own and the manager's USER_UNIT= one) since --since, got {doc['profiles'][0]['lines_read']}")
    check("journal " in pt.stdout and "cursor " in pt.stdout, "work: text names the journal time and cursor")

    pc = run("coder", "json")
    doc = json.loads(pc.stdout)
    classes = sorted(p["class"] for p in doc["profiles"][0]["problems"])
    check(pc.returncode == 1 and classes == ["provider-auth", "transport"], f"coder: its own two problems, got {classes}")
    check("InvalidToken" not in pc.stdout, "coder: no line of the work unit")

    # Without --since the old provider failure of work is back (the window is the only filter).
    p = subprocess.run([a for a in base if a not in ("--since", "2026-05-03T06:30:00+00:00")] +
                       ["--profile", "work", "--now", "2026-05-03T07:30:00+00:00", "--format=json"],
                       capture_output=True, text=True)
    classes = sorted(x["class"] for x in json.loads(p.stdout)["profiles"][0]["problems"])
    check(classes == ["provider-auth", "transport"], f"work, 24 h window: {classes}")

    # An unreadable --journal-file is exit 2.
    p = subprocess.run(base[:4] + ["--journal-file", os.path.join(tmp, "missing.journal"), "--profile", "work"],
                       capture_output=True, text=True)
    check(p.returncode == 2, f"missing --journal-file: exit 2, got {p.returncode}")

print("diagnose journal: %s" % ("ok" if not fails else f"{fails} checks failed"))
sys.exit(1 if fails else 0)
PY
