#!/bin/sh
# bench/diagnose.sh: `hermes-unit-lint diagnose` on a profile's full rotated logs
# (agent.log 4 x 5 MiB, errors.log 3 x 2 MiB, gateway.log 4 x 5 MiB: 46 MiB, what
# hermes_logging.py keeps at its defaults), timed against
# `LC_ALL=C grep -cE -f <the classifier's own patterns>` over the same files, as a
# RATIO in the same invocation; and its peak RSS on those 46 MiB and on ten times
# as much (460 MiB, files ten times larger). The bounds we hold (docs/performance.md):
# ratio <= 2, and the same peak RSS for both sizes. Nothing here fails on a time; it
# fails when diagnose fails or finds other problems than the logs hold, or when grep
# did not count every file.
#
# grep writes its counts to a file: bench-runner sends output to /dev/null, and GNU
# grep stops at the first match when its output is /dev/null (it then reads 96 KiB of
# each file, not the files). `wc -l` over the same files is the floor: reading them.
# Run by make bench; alone: B=build sh bench/diagnose.sh
#
# Environment: B (build dir), HG_DIAG_RUNS (timed runs, median; default 5),
# HG_DIAG_BIG=0 to skip the 460 MiB run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-build}
case $B in /*) ;; *) B=$top/$B ;; esac
lint=$B/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)" >&2; exit 1; }
[ -x "$B/bench/bench-runner" ] || { echo "missing $B/bench/bench-runner (run make bench)" >&2; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed"; exit 0; }
mkdir -p "$B/bench"
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-diag.XXXXXX")
[ -n "${HG_DIAG_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
exec python3 - "$lint" "$work" "${HG_DIAG_RUNS:-5}" "${HG_DIAG_BIG:-1}" "$B/bench/diagnose.txt" <<'PY'
import json, os, subprocess, sys

lint, work, runs, big, results = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", sys.argv[5]
MiB = 1 << 20

# A day of a busy gateway: the lines Hermes writes most (messages, turns, tools, cron,
# housekeeping), one in twelve a warning or error the classifier knows or reports.
LINES = [
    "INFO gateway.run: inbound message: platform=telegram user=op chat=42 msg='status?'",
    "INFO agent.conversation_loop: Turn ended: reason=text_response(finish_reason=stop) response_len=812",
    "INFO [cron_2882f372fbf9_20260615_082731] agent.tool_executor: tool web_search completed (1.21s, 5120 chars)",
    "INFO hermes_plugins.telegram_platform.adapter: [Telegram] set_my_commands OK for scope BotCommandScopeDefault (60 cmds)",
    "INFO agent.auxiliary_client: Auxiliary auto-detect: using openrouter for vision",
    "INFO gateway.run: Gateway housekeeping started (interval=60s)",
    "INFO agent.conversation_loop: API call #3: model=anthropic/claude provider=openrouter in=4095 out=468 total=4563 latency=3.1s",
    "INFO gateway.run: outbound message: platform=telegram chat=42 len=812",
    "INFO agent.tool_executor: tool terminal completed (0.42s, 311 chars)",
    "INFO cron.scheduler: Job 'a1b2c3d4e5f6' (ID: a1b2c3d4e5f6): wakeAgent=false, skipping agent run",
    "INFO agent.memory: Memory flushed: 3 entries, 1.2 KiB",
    "WARNING gateway.run: Unauthorized user: 5947288074 (:)) on telegram",
    "INFO gateway.run: inbound message: platform=telegram user=op chat=42 msg='summarise the thread above please'",
    "INFO agent.conversation_loop: Context compression: 38211 -> 12040 tokens",
    "INFO cron.scheduler: Job 'a1b2c3d4e5f6': delivered to telegram:42",
    "INFO agent.tool_executor: tool read_file completed (0.01s, 20480 chars)",
    "WARNING gateway.platforms.telegram: [Telegram] Telegram network error (attempt 1/10), reconnecting in 5s. Error: httpx.ReadError: ",
    "INFO gateway.platforms.telegram: [Telegram] Telegram polling resumed after network error (attempt 1)",
    "INFO hermes_cli.plugins: Plugin 'openrouter' registered image_gen provider: openrouter",
    "INFO agent.conversation_loop: Turn ended: reason=tool_calls(finish_reason=tool_calls) response_len=0",
    "INFO gateway.run: Session storage: /home/op/.hermes/sessions",
    "INFO agent.tool_executor: tool web_extract completed (2.80s, 18000 chars)",
    "INFO gateway.run: inbound message: platform=telegram user=op chat=42 msg='ok thanks'",
    "ERROR tools.browser_tool: Browser session crashed: Target page, context or browser has been closed",
]
FAIL = "WARNING gateway.run: Primary provider auth failed: HTTP 401: invalid x-api-key"

def block(day_sec0):
    out, i = [], 0
    while sum(len(l) for l in out) < MiB:
        t = day_sec0 + i
        hh, mm, ss = (t // 3600) % 24, (t // 60) % 60, t % 60
        out.append("2026-05-03 %02d:%02d:%02d,%03d %s\n" % (hh, mm, ss, i % 1000, LINES[i % len(LINES)]))
        i += 1
    return "".join(out).encode()

def make_home(root, scale):
    logs = os.path.join(root, "logs")
    os.makedirs(logs)
    open(os.path.join(root, ".env"), "w").close()
    open(os.path.join(root, "config.yaml"), "w").close()
    b = block(0)
    files = []
    for name, n, size in (("agent.log", 4, 5), ("errors.log", 3, 2), ("gateway.log", 4, 5)):
        for k in range(n):
            path = os.path.join(logs, name + (".%d" % k if k else ""))
            with open(path, "wb") as f:
                for _ in range(size * scale):
                    f.write(b)
                if k == 0 and name == "agent.log":
                    f.write(("2026-05-03 23:59:59,000 %s\n" % FAIL).encode())
            files.append(path)
    return files

def diag_cmd(home):
    return [lint, "diagnose", "--hermes-home", home, "--no-journal", "--no-manager", "--since", "@0",
            "--now", "2026-05-04T00:00:00+00:00", "--format=json"]

home = os.path.join(work, "h46")
files = make_home(home, 1)
total = sum(os.path.getsize(f) for f in files)
pat = os.path.join(work, "patterns")
with open(pat, "w") as f:
    subprocess.run([lint, "diagnose", "--print-patterns"], stdout=f, check=True)
grep_out = os.path.join(work, "grep.out")
def grep_cmd(files):
    # not /dev/null: grep would stop at the first match (see the top)
    return ["sh", "-c", 'out=$1; shift; LC_ALL=C exec grep -cE -f "$@" > "$out"', "sh", grep_out, pat] + files
def grep_counted_all(files):
    want = subprocess.run(["grep", "-cE", "-f", pat] + files, capture_output=True, text=True,
                          env=dict(os.environ, LC_ALL="C")).stdout
    got = open(grep_out).read()
    return got == want and len(got.splitlines()) == len(files) and all(int(l.rsplit(":", 1)[1]) > 0 for l in got.splitlines())

# The result first: the one failure of the logs, and the unclassified browser crash.
p = subprocess.run(diag_cmd(home), capture_output=True, text=True)
doc = json.loads(p.stdout)
classes = sorted(x["class"] for x in doc["profiles"][0]["problems"])
if p.returncode != 1 or classes != ["provider-auth", "unclassified"]:
    print("diagnose found the wrong thing: exit %d, %s; %s" % (p.returncode, classes, p.stderr[-500:]))
    sys.exit(1)

runner = os.path.join(os.path.dirname(lint), "bench", "bench-runner")
def compare(a_name, a_cmd, b_name, b_cmd, n):
    out = subprocess.run([runner, "-n", str(n), "-s", "1", a_name] + a_cmd + ["--", b_name] + b_cmd,
                         capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stdout, out.stderr)
        sys.exit(1)
    last = out.stdout.strip().splitlines()[-1].split()   # result A ms B ms ratio rss_a rss_b
    return float(last[2]), float(last[4]), float(last[5]), int(last[6]), int(last[7])
mt, mb, ratio, rss46, _ = compare("diagnose", diag_cmd(home), "grep", grep_cmd(files), runs)
if not grep_counted_all(files):
    print("grep did not count every file (%s): the baseline is wrong" % grep_out)
    sys.exit(1)
mt2, mw, ratio_wc, _, _ = compare("diagnose", diag_cmd(home), "wc-l", ["wc", "-l"] + files, runs)
lines = ["diagnose: %.1f MiB of rotated logs (%d files), CPU time (user+sys), median of %d runs by bench-runner" % (total / MiB, len(files), runs),
         "  diagnose        %.0f ms CPU" % mt,
         "  grep -cE -f     %.0f ms CPU  (LC_ALL=C, the classifier's %d patterns, counts to a file)" % (mb, sum(1 for _ in open(pat))),
         "  ratio           %.2f  (goal: <= 2, %s)" % (ratio, "met" if ratio <= 2 else "NOT met"),
         "  wc -l           %.0f ms CPU  (reading the files: the floor; diagnose %.0f ms in that run, ratio %.2f)" % (mw, mt2, ratio_wc),
         "  peak RSS  46 MiB: %d KiB" % rss46]
if big:
    subprocess.run(["rm", "-rf", home])
    home = os.path.join(work, "h460")
    files = make_home(home, 10)
    total = sum(os.path.getsize(f) for f in files)
    _, _, _, rss460, _ = compare("diagnose-460", diag_cmd(home), "wc-460", ["wc", "-l"] + files, 1)
    lines.append("  peak RSS %d MiB: %d KiB (%+d KiB; goal: the same, %s)" % (total / MiB, rss460, rss460 - rss46,
                 "met" if abs(rss460 - rss46) <= 512 else "NOT met"))
print("\n".join(lines))
with open(results, "w") as f:
    f.write("\n".join(lines) + "\n")
PY
