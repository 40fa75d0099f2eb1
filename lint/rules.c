/* SPDX-License-Identifier: MIT */
/*
 * The registry of rules. Severities follow one principle:
 *   error   systemd does not do what the files say (an ignored key, value, line or
 *           file), or the unit can restart for ever;
 *   warning systemd does what the files say, but it goes against the policy or
 *           will not last (Hermes rewrites its unit, linger, overrides);
 *   info    works as written, worth knowing: a deprecated key, a guardrail that another
 *           file overrides (when the result breaks the policy, the value rules say so).
 * Every rule's help (why it matters, a bad example, the fix) has one source: its
 * subsection in the RULES section of docs/hermes-unit-lint.1, compiled in as
 * rule_help[] (rulehelp.h; format in build-aux/rulehelp.sh). A new rule is a row
 * here, a file in lint/rules/ and a subsection there; the unit tests fail until
 * all three exist.
 */
#include <string.h>
#include <strings.h>

#include "rulehelp.h"
#include "rules.h"

#define PER_UNIT(fn) .check = (fn)
#define PER_RUN(fn) .check_run = (fn)

const struct rule rules[] = {
        { "HG001", "restart-missing", SEVERITY_WARNING, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "Restart= is no (or unset): the gateway stays down after a crash",
          PER_UNIT(check_restart_missing) },
        { "HG002", "restart-always", SEVERITY_WARNING, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "Restart=always also restarts after a clean exit; the policy wants another mode",
          PER_UNIT(check_restart_always) },
        { "HG003", "restart-sec-too-low", SEVERITY_WARNING, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "RestartSec= is below the policy minimum (systemd's default is 100ms)",
          PER_UNIT(check_restart_sec_too_low) },
        { "HG004", "start-limit-disabled", SEVERITY_ERROR, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "StartLimitIntervalSec=0 or StartLimitBurst=0: a crashing gateway restarts for ever",
          PER_UNIT(check_start_limit_disabled) },
        { "HG005", "start-limit-never-trips", SEVERITY_ERROR, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "StartLimitBurst x RestartSec >= StartLimitIntervalSec: the start limit can never be reached",
          PER_UNIT(check_start_limit_never_trips) },
        { "HG006", "restart-prevent-78-missing", SEVERITY_WARNING, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "RestartPreventExitStatus= lacks 78: a fatal configuration error is restarted in a loop",
          PER_UNIT(check_restart_prevent_78_missing) },
        { "HG007", "planned-restart-lost", SEVERITY_WARNING, RULE_GATEWAY_ONLY | RULE_FIXABLE | RULE_EFFECTIVE,
          "A planned restart (exit 75) leaves the gateway stopped",
          PER_UNIT(check_planned_restart_lost) },
        { "HG008", "key-wrong-section", SEVERITY_ERROR, 0,
          "A key in the wrong section is ignored by systemd",
          PER_UNIT(check_key_wrong_section) },
        { "HG009", "key-legacy", SEVERITY_INFO, 0,
          "A legacy key name still works but is deprecated",
          PER_UNIT(check_key_legacy) },
        { "HG010", "key-near-miss", SEVERITY_ERROR, 0,
          "An unknown key that looks like a known one (typo or wrong case) is ignored by systemd",
          PER_UNIT(check_key_near_miss) },
        { "HG011", "value-invalid", SEVERITY_ERROR, 0,
          "An unparsable value is ignored by systemd: the previous value silently stays",
          PER_UNIT(check_value_invalid) },
        { "HG012", "empty-assignment-ignored", SEVERITY_WARNING, 0,
          "An empty assignment that does not reset this key: the previous value stays",
          PER_UNIT(check_empty_assignment_ignored) },
        { "HG013", "month-not-minute", SEVERITY_ERROR, 0,
          "A time span in months (M) where minutes (m, min) were surely meant",
          PER_UNIT(check_month_not_minute) },
        { "HG014", "dropin-not-read", SEVERITY_ERROR, 0,
          "A drop-in systemd never reads (no .conf suffix, wrong directory name, off the search path)",
          PER_UNIT(check_dropin_not_read), PER_RUN(check_dropin_not_read_files) },
        { "HG015", "guardrail-overridden", SEVERITY_INFO, RULE_GATEWAY_ONLY,
          "The guardrail drop-in is shadowed, masked or overridden by a later drop-in",
          PER_UNIT(check_guardrail_overridden) },
        { "HG016", "hermes-unit-edited", SEVERITY_WARNING, RULE_GATEWAY_ONLY,
          "Restart settings edited in the unit Hermes writes: Hermes will overwrite them",
          PER_UNIT(check_hermes_unit_edited) },
        { "HG017", "linger-off", SEVERITY_WARNING, RULE_GATEWAY_ONLY,
          "Linger is off for a user with enabled gateway units: they stop at logout",
          PER_UNIT(check_linger_off) },
        { "HG018", "wantedby-multi-user", SEVERITY_ERROR, 0,
          "A user unit wanted by a system target that the user manager never reaches",
          PER_UNIT(check_wantedby_multi_user) },
        { "HG019", "key-needs-newer-systemd", SEVERITY_ERROR, 0,
          "A key the target systemd version does not know: it is ignored there",
          PER_UNIT(check_key_needs_newer_systemd) },
        { "HG020", "line-ignored", SEVERITY_ERROR, 0,
          "A line systemd cannot parse (no '=', outside a section, bad section header) is ignored",
          PER_UNIT(check_line_ignored) },
        { "HG021", "file-refused", SEVERITY_ERROR, 0,
          "A line where systemd stops reading (bad section header, invalid UTF-8, overlong line)",
          PER_UNIT(check_file_refused) },
        { "HG022", "value-changed", SEVERITY_WARNING, 0,
          "A value systemd takes as another one (StartLimitAction=reboot in a user unit is exit-force)",
          PER_UNIT(check_value_changed) },
        { "HG023", "hermes-token-shared", SEVERITY_ERROR, 0,
          "Two Hermes profiles use one bot token: the second gateway exits 78 at start-up",
          PER_RUN(check_hermes_token_shared) },
        { "HG024", "hermes-cron-own-gateway", SEVERITY_ERROR, 0,
          "A Hermes cron job restarts, stops or kills its own gateway (or all gateways)",
          PER_RUN(check_hermes_cron_own_gateway) },
        { "HG025", "hermes-cron-other-gateway", SEVERITY_WARNING, 0,
          "A Hermes cron job restarts, stops or kills another profile's gateway, or starts a gateway",
          PER_RUN(check_hermes_cron_other_gateway) },
        { "HG026", "hermes-cron-script-invalid", SEVERITY_ERROR, 0,
          "A Hermes cron job's script is outside the profile's scripts/ directory, missing, or absent",
          PER_RUN(check_hermes_cron_script_invalid) },
        { "HG027", "hermes-file-unreadable", SEVERITY_ERROR, 0,
          "A Hermes cron/jobs.json or .env that cannot be read or parsed: its jobs or settings are lost",
          PER_RUN(check_hermes_file_unreadable) },
        { "HG028", "hermes-file-partly-read", SEVERITY_WARNING, 0,
          "Part of a Hermes .env is skipped, or Hermes repairs and rewrites jobs.json",
          PER_RUN(check_hermes_file_partly_read) },
        /* HG030-HG034 ask the running manager (--live); HG035-HG036 read files. HG037-HG039 are free. */
        { "HG030", "gateway-crash-looping", SEVERITY_ERROR, RULE_LIVE,
          "The manager is restarting the gateway again and again (activating/auto-restart, NRestarts > 0)",
          PER_RUN(check_gateway_crash_looping) },
        { "HG031", "gateway-gave-up", SEVERITY_ERROR, RULE_LIVE,
          "The gateway is failed and will not be restarted (its start limit stopped a crash loop)",
          PER_RUN(check_gateway_gave_up) },
        { "HG032", "gateway-config-fatal", SEVERITY_ERROR, RULE_LIVE,
          "The gateway last exited 78 (fatal configuration, e.g. a bot token another profile's gateway holds)",
          PER_RUN(check_gateway_config_fatal) },
        { "HG033", "guardrail-not-loaded", SEVERITY_WARNING, RULE_LIVE,
          "The running unit lacks a drop-in or value that is on disk (no daemon-reload since it changed)",
          PER_RUN(check_guardrail_not_loaded) },
        { "HG034", "profile-gateway-missing", SEVERITY_WARNING, RULE_LIVE,
          "A Hermes profile configures a messaging platform but its gateway is not installed, enabled or running",
          PER_RUN(check_profile_gateway_missing) },
        { "HG035", "unit-profile-missing", SEVERITY_ERROR, RULE_GATEWAY_ONLY,
          "A gateway unit's HERMES_HOME= or --profile names a profile that does not exist",
          PER_UNIT(check_unit_profile_missing) },
        { "HG036", "profile-scope-mismatch", SEVERITY_ERROR, RULE_GATEWAY_ONLY,
          "A gateway unit's name and its HERMES_HOME=/--profile disagree, or one profile has a user and a system unit",
          PER_UNIT(check_profile_scope_mismatch) },
        /* The cron contract: what a job promises and what its run state shows. */
        { "HG040", "hermes-cron-send-message", SEVERITY_WARNING, 0,
          "An agent job with a deliver target whose prompt also tells the agent to send_message: delivered twice",
          PER_RUN(check_hermes_cron_send_message) },
        { "HG041", "hermes-cron-duplicate", SEVERITY_WARNING, 0,
          "Two enabled jobs with the same schedule and the same prompt or script: every run happens twice",
          PER_RUN(check_hermes_cron_duplicate) },
        { "HG042", "hermes-cron-stuck", SEVERITY_WARNING, 0,
          "An enabled recurring job with next_run_at null or more than one period behind now",
          PER_RUN(check_hermes_cron_stuck) },
        { "HG043", "hermes-cron-no-failure-rule", SEVERITY_INFO, 0,
          "An agent job's prompt says nothing of what to do without evidence (no [SILENT], no partial report)",
          PER_RUN(check_hermes_cron_no_failure_rule) },
        { "HG044", "hermes-cron-no-archive", SEVERITY_INFO, 0,
          "An agent job's prompt names no absolute path where the result is saved",
          PER_RUN(check_hermes_cron_no_archive) },
};

const size_t n_rules = sizeof(rules) / sizeof(rules[0]);

const struct rule *rule_find(const char *id_or_name) {
        for (size_t i = 0; i < n_rules; i++)
                if (strcasecmp(rules[i].id, id_or_name) == 0 || strcmp(rules[i].name, id_or_name) == 0)
                        return &rules[i];
        return NULL;
}

size_t rule_index(const struct rule *r) {
        return (size_t) (r - rules);
}

const struct rule_help *rule_help_find(const char *id) {
        for (size_t i = 0; i < n_rule_help; i++)
                if (strcmp(rule_help[i].id, id) == 0)
                        return &rule_help[i];
        return NULL;
}
