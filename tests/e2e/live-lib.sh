# shellcheck shell=sh
# Helpers for the --live and status tests (tests/e2e/test-live-*.sh), after lib.sh:
#   live_setup           copy the linter where the test user can run it; empty policy
#   live_unit NAME EXEC [KEY=VALUE...]   write a gateway unit into ~/.config/systemd/user:
#                        [Service] ExecStart=EXEC plus the [Service] keys given, and
#                        StartLimit*= keys moved to [Unit]; enabled by default.target
#   live_profile NAME [TOKEN]   a Hermes profile (default: the root ~/.hermes) with a
#                        Telegram bot token in its .env
#   live_lint ARGS...    run the linter as the test user (in $E2E_TMP, so that paths
#                        print absolute), with the test user's environment: stdout in
#                        $E2E_TMP/out, stderr in $E2E_TMP/err, exit status echoed
#   live_count RULE [UNIT]   how many findings of RULE (for UNIT) the last
#                        --format=json run reported; RULE "" any rule, "LIVE" the
#                        live rules (HG030-HG039)
#   live_field RULE UNIT KEY   a member of the first such finding
#   live_fp TOKEN        Hermes' fingerprint: the first 16 hex of sha256(TOKEN)

live_setup() {
        lint_bin=${B:-build}/hermes-unit-lint
        [ -x "$lint_bin" ] || { echo "missing $lint_bin (run make)"; exit 1; }
        install -m 0755 "$lint_bin" "$E2E_TMP/hermes-unit-lint"
        : > "$E2E_TMP/policy.conf"
        chmod 644 "$E2E_TMP/policy.conf"
        command -v python3 >/dev/null 2>&1 || e2e_skip "python3 is needed to read the JSON reports"
}

live_unit() {
        _name=$1 _exec=$2
        shift 2
        mkdir -p "$E2E_UNITS"
        {
                echo "[Unit]"
                echo "Description=Fake Hermes gateway for tests ($_name)"
                for _kv in "$@"; do case $_kv in StartLimit*) echo "$_kv" ;; esac; done
                echo
                echo "[Service]"
                echo "Type=simple"
                echo "ExecStart=$_exec"
                for _kv in "$@"; do case $_kv in StartLimit*) ;; *) echo "$_kv" ;; esac; done
                echo
                echo "[Install]"
                echo "WantedBy=default.target"
        } > "$E2E_UNITS/$_name"
        mkdir -p "$E2E_UNITS/default.target.wants"
        ln -sf "../$_name" "$E2E_UNITS/default.target.wants/$_name"
}

live_profile() {
        if [ "$1" = default ]; then _home=$E2E_HOME/.hermes; else _home=$E2E_HOME/.hermes/profiles/$1; fi
        mkdir -p "$_home"
        [ -n "${2:-}" ] && printf 'TELEGRAM_BOT_TOKEN=%s\n' "$2" > "$_home/.env"
        chown -R "$E2E_USER:" "$E2E_HOME/.hermes"
}

live_lint() {
        chown -R "$E2E_USER:" "$E2E_HOME/.config" 2>/dev/null
        e2e_as_user sh -c 'cd "$1" && shift && exec env HERMES_GUARDRAILS_POLICY="$0" "$@"' \
                "$E2E_TMP/policy.conf" "$E2E_TMP" "$E2E_TMP/hermes-unit-lint" "$@" > "$E2E_TMP/out" 2> "$E2E_TMP/err"
        echo $?
}

live_count() {
        python3 - "$E2E_TMP/out" "$1" "${2:-}" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
def rule_is(f, want):
    return not want or want in (f["rule_id"], f["rule"]) or (want == "LIVE" and "HG030" <= f["rule_id"] <= "HG039")
print(sum(1 for f in report["findings"]
          if rule_is(f, sys.argv[2]) and (not sys.argv[3] or f["unit"] == sys.argv[3])))
EOF
}

live_field() {
        python3 - "$E2E_TMP/out" "$1" "$2" "$3" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
for f in report["findings"]:
    if (not sys.argv[2] or sys.argv[2] in (f["rule_id"], f["rule"])) and f["unit"] == sys.argv[3]:
        print(f[sys.argv[4]])
        break
EOF
}

# The findings of the last JSON run, one line each (for failure messages).
live_list() {
        python3 -c 'import json,sys; [print(f["rule_id"], f["unit"], f["message"]) for f in json.load(open(sys.argv[1]))["findings"]]' "$E2E_TMP/out"
}

live_fp() { printf '%s' "$1" | sha256sum | cut -c1-16; }
