#!/bin/sh
# hermes-unit-lint diagnose asks a real systemd --user (issue 8): the unit's live state
# per profile (text and JSON, the members of status' gateway object), the window of lines
# from the unit's last start, a down gateway explained by its lines or reported as down.
#   default running, never restarted: the window starts at its start (ExecMainStartTimestamp);
#           a provider failure an hour before that start is not a problem
#   coder   crash-looping (Restart=always, no start limit): its stdout writes Hermes' token
#           lock line at every attempt. No journald runs here, so the same lines (and that
#           older provider failure) are written into a journal file with
#           systemd-journal-remote and read with --journal-file. Restarted: the window is the
#           last 24 hours (the loop's beginning is not kept: each attempt moves
#           ExecMainStart-, ActiveEnter- and InactiveExitTimestamp, checked below); the lock
#           line's problem (transport) carries the manager's view
#   writer  failed at its start limit, and no line explains it: "unit is down"
# Then the manager is gone (XDG_RUNTIME_DIR an empty dir): the files still speak, one note
# says so, the window is the last 24 hours (default's older failure is back), exit 1, not 2.
cd "$(dirname "$0")/../.." || exit 2
. tests/e2e/lib.sh
. tests/e2e/live-lib.sh
JR=/lib/systemd/systemd-journal-remote
[ -x "$JR" ] || JR=/usr/lib/systemd/systemd-journal-remote
[ -x "$JR" ] || e2e_skip "systemd-journal-remote is not installed (apt-get install systemd-journal-remote)"
e2e_init hgt-diag
live_setup

LOCK_LINE='ERROR gateway.run: Telegram bot token already in use (PID 4242). Stop the other gateway first.'
live_profile default 555555:FFFFdiagdiagdiagdiagdiagdiagdiagdi
live_profile coder 666666:GGGGcodercodercodercodercodercoderco
live_profile writer 777777:HHHHwriterwriterwriterwriterwriterwr
for p in coder writer; do : > "$E2E_HOME/.hermes/profiles/$p/config.yaml"; done
: > "$E2E_HOME/.hermes/config.yaml"
chown -R "$E2E_USER:" "$E2E_HOME/.hermes"
live_unit hermes-gateway.service "/bin/sleep 1000"
live_unit hermes-gateway-coder.service "/bin/sh -c 'echo \"$LOCK_LINE\"; exit 1'" \
        Restart=always RestartSec=300ms StartLimitIntervalSec=0
live_unit hermes-gateway-writer.service "/bin/sh -c 'exit 3'" \
        Restart=on-failure RestartSec=200ms StartLimitIntervalSec=10min StartLimitBurst=2
e2e_start
looping() { [ "$(e2e_show hermes-gateway-coder.service NRestarts)" -ge 3 ] 2>/dev/null; }
writer_failed() { [ "$(e2e_show hermes-gateway-writer.service ActiveState)" = failed ]; }
e2e_ok "coder crash-loops (3 restarts)" e2e_wait_for 150 looping
e2e_ok "writer gave up" e2e_wait_for 100 writer_failed

# What systemd 252 keeps of a crash loop: every attempt passes through inactive, so the
# loop's beginning is in no timestamp (what diagnose's window relies on, lint/diagnose.c).
stamps() { e2e_userctl show hermes-gateway-coder.service -p InactiveExitTimestamp -p ExecMainStartTimestamp \
                -p NRestarts --timestamp=unix | tr '\n' ' '; }
before=$(stamps)
moved() { [ "$(stamps)" != "$before" ]; }
e2e_ok "a crash loop's attempt moves InactiveExit- and ExecMainStartTimestamp" e2e_wait_for 50 moved
started=$(e2e_userctl show hermes-gateway.service -p ExecMainStartTimestamp --value --timestamp=unix | tr -d @)
e2e_ok "the manager tells default's start ($started)" [ "${started:-0}" -gt 0 ]

# The journal the units would have written: default's and coder's provider failure an hour
# before default started, the lock line of coder's attempts, an INFO line of default.
python3 - "$started" "$E2E_UID" "$LOCK_LINE" > "$E2E_TMP/in.export" <<'PY'
import sys, time
started, uid, lock = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def entry(sec, unit, msg, prio):
    usec = int(sec * 10**6)
    return (f"__REALTIME_TIMESTAMP={usec}\n__MONOTONIC_TIMESTAMP={usec % 10**9 + 1}\n"
            f"_BOOT_ID=0123456789abcdef0123456789abcdef\n_SYSTEMD_USER_UNIT={unit}\n_UID={uid}\n_GID={uid}\n"
            f"_COMM=sh\nSYSLOG_IDENTIFIER=sh\n_TRANSPORT=stdout\nPRIORITY={prio}\nMESSAGE={msg}\n\n")
C, D = "hermes-gateway-coder.service", "hermes-gateway.service"
old = "WARNING gateway.run: Primary provider auth failed: HTTP 401: invalid x-api-key"
out = [entry(started - 3600, D, old, 4), entry(started - 3600, C, old, 4)]
out += [entry(started + 0.2 + 0.35 * k, C, lock, 3) for k in range(4)]
out.append(entry(started + 1, D, "INFO gateway.run: Starting Hermes Gateway...", 6))
sys.stdout.write("".join(out))
PY
"$JR" -o "$E2E_TMP/user.journal" - < "$E2E_TMP/in.export" 2> "$E2E_TMP/jr.err"
e2e_ok "systemd-journal-remote wrote the journal" [ -s "$E2E_TMP/user.journal" ]
chmod 644 "$E2E_TMP/user.journal"

json() {   # json PYTHON-EXPRESSION: evaluated with d = the last JSON output, p = its profiles by name
        python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); p = {x["profile"]: x for x in d["profiles"]}
print(eval(sys.argv[2]))' "$E2E_TMP/out" "$1"
}

echo "--- the manager answers"
e2e_expect "diagnose --format=json: exit 1" 1 "$(live_lint diagnose --journal-file "$E2E_TMP/user.journal" --format=json)"
e2e_expect "the manager answered" True "$(json 'd["manager"]["answered"]')"
e2e_expect "no note about the manager" 0 "$(json 'sum("manager" in n for n in d["notes"])')"
e2e_expect "coder: restarted again and again" True \
        "$(json 'p["coder"]["restarts"] >= 3 and p["coder"]["active_state"] in ("activating", "active")')"
e2e_expect "coder: last exit 1, or running its next attempt" True "$(json 'p["coder"]["last_exit"] in ("1", None)')"
e2e_expect "coder: the status members" "load_state unit_file_state active_state sub_state result restarts last_exit guardrail dropin_paths" \
        "$(json '" ".join(k for k in p["coder"] if k in ("load_state", "unit_file_state", "active_state", "sub_state", "result", "restarts", "last_exit", "guardrail", "dropin_paths"))')"
e2e_expect "coder: restarted, the window is the last 24 hours" "restarts" "$(json 'p["coder"]["window"]')"
e2e_expect "coder: the lock line (transport) and the older provider failure" "['provider-auth', 'transport']" \
        "$(json 'sorted(x["class"] for x in p["coder"]["problems"])')"
e2e_expect "coder: the transport problem carries the manager's view first" "transport manager journal" \
        "$(json '" ".join(" ".join([x["class"], x["evidence"][0]["kind"], x["evidence"][1]["kind"]]) for x in p["coder"]["problems"] if x["class"] == "transport")')"
e2e_expect "coder: the provider failure does not" "journal" \
        "$(json '" ".join(e["kind"] for x in p["coder"]["problems"] if x["class"] == "provider-auth" for e in x["evidence"])')"
e2e_expect "default: the window is from its start" "unit-start $(env -u TZ date -d "@$started" '+%Y-%m-%d %H:%M:%S')" \
        "$(json 'p["default"]["window"] + " " + p["default"]["window_start"]')"
e2e_expect "writer: failed, 2 restarts" "failed 2 3" \
        "$(json '" ".join(str(p["writer"][k]) for k in ("active_state", "restarts", "last_exit"))')"
e2e_expect "writer: 'unit is down', the manager's view as evidence" "unclassified unit is down manager" \
        "$(json '" ".join(" ".join((x["class"], x["summary"][:12], x["evidence"][0]["kind"])) for x in p["writer"]["problems"])')"
e2e_expect "default: running, no problem (its provider failure is from before its start)" "active running []" \
        "$(json '" ".join(str(p["default"][k]) for k in ("active_state", "sub_state", "problems"))')"

e2e_expect "diagnose (text): exit 1" 1 "$(live_lint diagnose --journal-file "$E2E_TMP/user.journal")"
e2e_ok "text: coder's unit line" grep -Eq "^  unit: (activating|active)/[a-z-]+, [0-9]+ restarts, last exit (1|-) " "$E2E_TMP/out"
e2e_ok "text: default's window from the unit's last start" grep -q "^  lines since .* (the unit's last start)" "$E2E_TMP/out"
e2e_ok "text: coder's window, restarted" grep -q "^  lines since .* (restarted automatically" "$E2E_TMP/out"
e2e_ok "text: the manager's view as evidence" grep -q "^    manager: hermes-gateway-coder.service is " "$E2E_TMP/out"
e2e_ok "text: writer is down" grep -q "^  unclassified: unit is down (failed)" "$E2E_TMP/out"
e2e_expect "text: nothing on stderr" "" "$(cat "$E2E_TMP/err")"

echo "--- no manager: XDG_RUNTIME_DIR is an empty dir"
mkdir -p "$E2E_TMP/rt-empty" && chown "$E2E_USER:" "$E2E_TMP/rt-empty"
no_manager() {
        e2e_as_user sh -c 'cd "$1" && shift && exec env XDG_RUNTIME_DIR="$0" "$@"' "$E2E_TMP/rt-empty" "$E2E_TMP" \
                "$E2E_TMP/hermes-unit-lint" diagnose --journal-file "$E2E_TMP/user.journal" "$@" \
                > "$E2E_TMP/out" 2> "$E2E_TMP/err"
        echo $?
}
e2e_expect "no manager, JSON: exit 1 (problems), not 2" 1 "$(no_manager --format=json)"
e2e_expect "no manager: it says so" True \
        "$(json 'd["manager"]["answered"] is False and any(n.startswith("manager not reachable: working from files") for n in d["notes"])')"
e2e_expect "no manager: no live state" "None None" "$(json '" ".join(str(p["coder"][k]) for k in ("active_state", "restarts"))')"
e2e_expect "no manager: the window is the last 24 hours, default's older failure is back" "default ['provider-auth']" \
        "$(json 'p["default"]["window"] + " " + str(sorted(x["class"] for x in p["default"]["problems"]))')"
e2e_expect "no manager: coder's problems from its lines, no manager's view" "['provider-auth', 'transport'] []" \
        "$(json 'str(sorted(x["class"] for x in p["coder"]["problems"])) + " " + str([e for x in p["coder"]["problems"] for e in x["evidence"] if e["kind"] == "manager"])')"
e2e_expect "no manager: writer's down unit is not known" "[]" "$(json 'p["writer"]["problems"]')"
e2e_expect "no manager, text: exit 1" 1 "$(no_manager)"
e2e_ok "no manager, text: the note" grep -q "^note: manager not reachable: working from files" "$E2E_TMP/out"

echo "--- no token in any output"
for args in "" "--format=json"; do
        # shellcheck disable=SC2086
        rc=$(live_lint diagnose --journal-file "$E2E_TMP/user.journal" $args)
        e2e_ok "diagnose $args answered (exit $rc)" [ "$rc" -le 1 ]
        e2e_lacks "no token in diagnose $args" "$E2E_TMP/out" "$E2E_TMP/err" -- FFFFdiag GGGGcoder HHHHwriter
done
e2e_finish
