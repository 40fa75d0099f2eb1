/* SPDX-License-Identifier: MIT */
/* See guardkeys.h. Sections and legacy spellings as systemd 252's
 * load-fragment-gperf.gperf.in maps them; docs/systemd-notes.md, "Start limit keys
 * belong in [Unit]" and "Keys newer than systemd 252". */
#include <string.h>

#include "effective.h"
#include "guardkeys.h"
#include "policy.h"

#define POLICY(f) .policy_offset = offsetof(struct guardrails, f), \
                  .policy_size = sizeof(((struct guardrails *) 0)->f)
#define NO_POLICY .policy_offset = GUARD_NO_FIELD
#define MERGE(f, from) .merge_offset = offsetof(struct effective, f), \
                       .from_offset = offsetof(struct effective, from)
#define MERGE_ONLY(f) .merge_offset = offsetof(struct effective, f), .from_offset = GUARD_NO_FIELD
#define NO_MERGE .merge_offset = GUARD_NO_FIELD, .from_offset = GUARD_NO_FIELD

const struct guard_key guard_keys[] = {
        /* The policy's keys, each also what the drop-in writes (the last two aside). */
        { "Restart", "Service", GUARD_TYPE_RESTART, POLICY(restart), MERGE(restart, restart_from) },
        { "RestartSec", "Service", GUARD_TYPE_TIMESPAN, POLICY(restart_sec),
          MERGE(restart_usec, restart_usec_from) },
        { "StartLimitIntervalSec", "Unit", GUARD_TYPE_TIMESPAN, POLICY(start_limit_interval),
          MERGE(start_limit_interval, start_limit_interval_from) },
        { "StartLimitBurst", "Unit", GUARD_TYPE_UNSIGNED, POLICY(start_limit_burst),
          MERGE(start_limit_burst, start_limit_burst_from) },
        { "StartLimitAction", "Unit", GUARD_TYPE_ACTION, POLICY(start_limit_action),
          MERGE(start_limit_action, start_limit_action_from), .flags = GUARD_KEY_OPTIONAL },
        { "OnFailure", "Unit", GUARD_TYPE_UNIT_LIST, POLICY(on_failure), NO_MERGE, .flags = GUARD_KEY_OPTIONAL },
        { "RestartPreventExitStatus", "Service", GUARD_TYPE_EXIT_STATUS, POLICY(restart_prevent_exit_status),
          MERGE(restart_prevent_exit_status, restart_prevent_exit_status_from), .flags = GUARD_KEY_OPTIONAL },
        { "RestartSteps", "Service", GUARD_TYPE_UNSIGNED, POLICY(restart_steps), NO_MERGE,
          .flags = GUARD_KEY_OPTIONAL, .since = 254 },
        { "RestartMaxDelaySec", "Service", GUARD_TYPE_TIMESPAN, POLICY(restart_max_delay), NO_MERGE,
          .flags = GUARD_KEY_OPTIONAL, .since = 254 },
        { "Priority", NULL, GUARD_TYPE_PRIORITY, POLICY(priority), NO_MERGE },
        { "Enabled", NULL, GUARD_TYPE_BOOLEAN, POLICY(enabled), NO_MERGE },

        /* Keys the merge replays or the linter checks, but the policy does not set. */
        { "StartLimitInterval", "Unit", GUARD_TYPE_TIMESPAN, NO_POLICY,
          MERGE(start_limit_interval, start_limit_interval_from), .flags = GUARD_KEY_LEGACY,
          .note = "legacy name of StartLimitIntervalSec=" },
        { "StartLimitInterval", "Service", GUARD_TYPE_TIMESPAN, NO_POLICY,
          MERGE(start_limit_interval, start_limit_interval_from), .flags = GUARD_KEY_LEGACY,
          .note = "works only as a legacy key: use StartLimitIntervalSec= in [Unit]" },
        { "StartLimitBurst", "Service", GUARD_TYPE_UNSIGNED, NO_POLICY,
          MERGE(start_limit_burst, start_limit_burst_from), .flags = GUARD_KEY_LEGACY,
          .note = "works only as a legacy key: StartLimitBurst= belongs in [Unit]" },
        { "StartLimitAction", "Service", GUARD_TYPE_ACTION, NO_POLICY,
          MERGE(start_limit_action, start_limit_action_from), .flags = GUARD_KEY_LEGACY,
          .note = "works only as a legacy key: StartLimitAction= belongs in [Unit]" },
        { "RestartForceExitStatus", "Service", GUARD_TYPE_EXIT_STATUS, NO_POLICY,
          MERGE_ONLY(restart_force_exit_status) },
        { "SuccessExitStatus", "Service", GUARD_TYPE_EXIT_STATUS, NO_POLICY, MERGE_ONLY(success_exit_status) },
        { "RestartMode", "Service", GUARD_TYPE_NONE, NO_POLICY, NO_MERGE, .since = 254 },
};

const size_t n_guard_keys = sizeof(guard_keys) / sizeof(guard_keys[0]);

/* set is an unsigned: every policy key needs a bit. */
_Static_assert(sizeof(guard_keys) / sizeof(guard_keys[0]) <= 8 * sizeof(unsigned),
               "more keys than bits in struct guardrails.set");

const struct guard_key *guard_key_policy(const char *key) {
        for (size_t i = 0; i < n_guard_keys; i++)
                if (guard_keys[i].policy_offset != GUARD_NO_FIELD && strcmp(guard_keys[i].key, key) == 0)
                        return &guard_keys[i];
        return NULL;
}

const struct guard_key *guard_key_merged(const char *section, const char *key) {
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (k->merge_offset != GUARD_NO_FIELD && strcmp(k->section, section) == 0 &&
                    strcmp(k->key, key) == 0)
                        return k;
        }
        return NULL;
}

unsigned guard_key_since(const char *section, const char *key) {
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (k->since && k->section && strcmp(k->section, section) == 0 && strcmp(k->key, key) == 0)
                        return k->since;
        }
        return 0;
}

unsigned guard_key_bit(const struct guard_key *k) {
        return 1u << (k - guard_keys);
}

bool guard_type_is_string(enum guard_type t) {
        return t == GUARD_TYPE_RESTART || t == GUARD_TYPE_ACTION || t == GUARD_TYPE_UNIT_LIST ||
               t == GUARD_TYPE_EXIT_STATUS;
}

static bool streq_null(const char *a, const char *b) {
        return a == b || (a && b && strcmp(a, b) == 0);
}

bool guard_values_equal(const struct guardrails *a, const struct guardrails *b) {
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (k->policy_offset == GUARD_NO_FIELD)
                        continue;
                const void *x = guard_cfield(a, k->policy_offset), *y = guard_cfield(b, k->policy_offset);
                if (guard_type_is_string(k->type) ? !streq_null(*(char *const *) x, *(char *const *) y)
                                                  : memcmp(x, y, k->policy_size) != 0)
                        return false;
        }
        return true;
}
