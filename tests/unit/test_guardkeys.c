/* SPDX-License-Identifier: MIT */
/*
 * The guardrail key table drives the policy, its layers, the drop-in text and the
 * merge: these tests go over every row, so a new row is parsed, layered, freed and
 * rendered without another line of code, and a new key is tested by its row alone
 * (plus a sample value here if it brings a new type).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "fixture.h"
#include "guardkeys.h"
#include "guardrail_dropin.h"
#include "policy.h"

/* A value of each type different from the built-in default, and how the drop-in
 * writes it. */
static const struct sample {
        enum guard_type type;
        const char *value, *written;
} samples[] = {
        { GUARD_TYPE_RESTART,     "always",              "always" },
        { GUARD_TYPE_TIMESPAN,    "90",                  "1min 30s" },
        { GUARD_TYPE_UNSIGNED,    "7",                   "7" },
        { GUARD_TYPE_ACTION,      "exit",                "exit" },
        { GUARD_TYPE_UNIT_LIST,   "a.service  b@%n.service", "a.service b@%n.service" },
        { GUARD_TYPE_EXIT_STATUS, "SIGKILL 75",          "75 SIGKILL" },
        { GUARD_TYPE_PRIORITY,    "early",               NULL },
        { GUARD_TYPE_BOOLEAN,     "no",                  NULL },
};

static const struct sample *sample_of(enum guard_type t) {
        for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
                if (samples[i].type == t)
                        return &samples[i];
        fail_msg("no sample value for type %d: add one", t);
        return NULL;
}

static bool is_policy_key(const struct guard_key *k) {
        return k->policy_offset != GUARD_NO_FIELD;
}

/* Loads text on top of the built-in policy; no diagnostic allowed. */
static struct policy *load(const char *root, const char *text) {
        struct diag_list diags = {};
        struct policy *pol = NULL;
        char *path;

        fixture_write(root, "p.conf", text);
        assert_true(asprintf(&path, "%s/p.conf", root) > 0);
        assert_int_equal(policy_new_default(&pol), 0);
        assert_int_equal(policy_load_file(pol, path, &diags), 0);
        if (diags.n > 0)
                fail_msg("%s: %s", text, diags.items[0].message);
        free(path);
        return pol;
}

static void test_table_is_consistent(void **state) {
        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (is_policy_key(k)) {
                        assert_true(i < 8 * sizeof(unsigned));          /* its bit in guardrails.set */
                        assert_ptr_equal(guard_key_policy(k->key), k);  /* one policy row per name */
                        assert_true(k->policy_size > 0);
                        /* --fix and the drop-in leave out a key the target lacks by clearing it */
                        if (k->since)
                                assert_true(k->flags & GUARD_KEY_OPTIONAL);
                }
                if (k->merge_offset != GUARD_NO_FIELD) {
                        assert_non_null(k->section);
                        assert_ptr_equal(guard_key_merged(k->section, k->key), k);
                        assert_true(k->type != GUARD_TYPE_NONE);
                }
                if (k->flags & GUARD_KEY_LEGACY)
                        assert_non_null(k->note);
        }
        assert_null(guard_key_policy("StartLimitInterval"));    /* legacy spellings are merge-only */
        assert_null(guard_key_policy("restart"));               /* case-sensitive */
        assert_null(guard_key_merged("Unit", "Restart"));       /* in [Unit], systemd ignores it */
        assert_int_equal(guard_key_since("Service", "RestartSteps"), 254);
        assert_int_equal(guard_key_since("Service", "RestartMode"), 254);
        assert_int_equal(guard_key_since("Unit", "RestartSteps"), 0);
        assert_int_equal(guard_key_since("Service", "Restart"), 0);
}

/* Every policy key: parsed in [guardrails] (its bit set), written by the drop-in in
 * its section, replaced by a per-unit section for that unit only. */
static void test_every_policy_key_parses_layers_and_renders(void **state) {
        char *root = fixture_root();

        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (!is_policy_key(k))
                        continue;
                const struct sample *s = sample_of(k->type);
                char *text, *dropin = NULL, *line;
                struct guardrails other, unit;

                assert_true(asprintf(&text, "[hermes-gateway-x.service]\n%s=%s\n", k->key, s->value) > 0);
                struct policy *pol = load(root, text);
                assert_false(pol->guard.set & guard_key_bit(k));
                assert_true(pol->sections[0].guard.set & guard_key_bit(k));
                policy_guardrails_for(pol, "hermes-gateway-x.service", &unit);
                policy_guardrails_for(pol, "hermes-gateway-y.service", &other);
                assert_memory_not_equal(guard_cfield(&unit, k->policy_offset),
                                        guard_cfield(&other, k->policy_offset), k->policy_size);
                assert_memory_equal(guard_cfield(&other, k->policy_offset),
                                    guard_cfield(&pol->guard, k->policy_offset), k->policy_size);
                /* What the generator's one-render-per-policy cache compares by. */
                assert_false(guard_values_equal(&unit, &other));
                assert_true(guard_values_equal(&other, &pol->guard));
                if (s->written) {
                        assert_int_equal(guardrail_dropin_render(&unit, "hermes-gateway-x.service", SCOPE_USER,
                                                                 NULL, &dropin), 0);
                        assert_true(asprintf(&line, "\n%s=%s\n", k->key, s->written) > 0);
                        char *at = strstr(dropin, line), *section = strstr(dropin, "\n[Service]\n");
                        if (!at)
                                fail_msg("%s not in the drop-in:\n%s", line, dropin);
                        assert_non_null(section);
                        assert_true(strcmp(k->section, "Service") == 0 ? at > section : at < section);
                        free(line);
                        free(dropin);
                }
                policy_free(pol);
                free(text);
        }
        fixture_free(root);
}

/* An optional key cleared by an empty value is not written at all. */
static void test_optional_keys_clear_and_vanish(void **state) {
        char *root = fixture_root();

        for (size_t i = 0; i < n_guard_keys; i++) {
                const struct guard_key *k = &guard_keys[i];
                if (!is_policy_key(k) || !(k->flags & GUARD_KEY_OPTIONAL))
                        continue;
                char *text, *dropin = NULL, *key;
                assert_true(asprintf(&text, "[guardrails]\n%s=%s\n%s=\n", k->key, sample_of(k->type)->value,
                                     k->key) > 0);
                struct policy *pol = load(root, text);
                assert_int_equal(guardrail_dropin_render(&pol->guard, "x.service", SCOPE_USER, NULL, &dropin), 0);
                assert_true(asprintf(&key, "\n%s=", k->key) > 0);
                assert_null(strstr(dropin, key));
                free(key);
                free(dropin);
                free(text);
                policy_free(pol);
        }
        fixture_free(root);
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_table_is_consistent),
                cmocka_unit_test(test_every_policy_key_parses_layers_and_renders),
                cmocka_unit_test(test_optional_keys_clear_and_vanish),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
