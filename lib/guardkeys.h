/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The guardrail key table: one row per unit file key that the policy sets, the
 * merge replays as systemd does, or the linter checks for its systemd version,
 * in the manner of systemd's load-fragment-gperf table. A row names the key and
 * its unit section, the type of its value, where the value lives in struct
 * guardrails (the policy) and in struct effective (the merge), and the first
 * systemd version that knows the key. The table drives
 *   - policy parsing, layering (overlay) and freeing     lib/policy.c
 *   - the drop-in text                                   lib/guardrail_dropin.c
 *   - the merge                                          lib/effective.c
 *   - the version rule HG019, the override rule HG015 and --fix's version cut.
 *
 * Adding a guardrail key: its field in struct guardrails (policy.h), one row in
 * guardkeys.c (plus a field in struct effective if the merge must follow it), its
 * tests, and its line in hermes-guardrails.conf(5). Nothing else: test_guardkeys.c
 * shows a key going through parsing, layering and rendering from its row alone.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a value is read and kept. "policy:" is the struct guardrails field,
 * "merge:" the struct effective field. */
enum guard_type {
        GUARD_TYPE_NONE,         /* not read: the row only says since which version it exists */
        GUARD_TYPE_RESTART,      /* policy: char * mode name; merge: enum restart_mode */
        GUARD_TYPE_TIMESPAN,     /* usec_t, a bare number is seconds */
        GUARD_TYPE_UNSIGNED,     /* unsigned */
        GUARD_TYPE_ACTION,       /* char *, a StartLimitAction= value valid in the scope */
        GUARD_TYPE_UNIT_LIST,    /* policy: char *, space-separated unit names (specifiers allowed) */
        GUARD_TYPE_EXIT_STATUS,  /* policy: char *, normalized ("75 78 SIGKILL");
                                    merge: struct exit_status_set */
        GUARD_TYPE_PRIORITY,     /* policy: enum policy_priority */
        GUARD_TYPE_BOOLEAN,      /* policy: bool */
};

enum {
        GUARD_KEY_OPTIONAL = 1 << 0,  /* policy: an empty value clears it; drop-in: not written while
                                         clear (NULL or 0) */
        GUARD_KEY_LEGACY   = 1 << 1,  /* merge: systemd takes it as a compatibility spelling (a note) */
};

#define GUARD_NO_FIELD SIZE_MAX

struct guard_key {
        const char *key;
        const char *section;        /* unit file section ("Unit", "Service"); NULL: policy only */
        enum guard_type type;
        size_t policy_offset;       /* in struct guardrails, or GUARD_NO_FIELD */
        size_t policy_size;
        size_t merge_offset;        /* in struct effective, or GUARD_NO_FIELD: the merge ignores it */
        size_t from_offset;         /* its struct provenance in struct effective, or GUARD_NO_FIELD */
        unsigned flags;             /* GUARD_KEY_* */
        unsigned since;             /* first systemd version with the key; 0: all we support */
        const char *note;           /* GUARD_KEY_LEGACY: why it is a legacy spelling here */
};

/* The table, in drop-in order within each section. Policy keys come first:
 * a policy key's index is its bit in struct guardrails.set. */
extern const struct guard_key guard_keys[];
extern const size_t n_guard_keys;

/* The policy key of that name ([guardrails] and unit sections; case-sensitive), or NULL. */
const struct guard_key *guard_key_policy(const char *key);

/* The row the merge replays for section/key, or NULL when the merge ignores it. */
const struct guard_key *guard_key_merged(const char *section, const char *key);

/* The systemd version that introduced section/key; 0 when every version we support
 * knows it (or the table does not list it). */
unsigned guard_key_since(const char *section, const char *key);

/* Is a policy key set explicitly in a struct guardrails' set bits? */
unsigned guard_key_bit(const struct guard_key *k);

/* Do a and b hold the same value for every policy key (the set bits aside)?
 * Then they give the same drop-in text. */
struct guardrails;
bool guard_values_equal(const struct guardrails *a, const struct guardrails *b);

/* Does the type keep a malloc'd string in struct guardrails? */
bool guard_type_is_string(enum guard_type t);

static inline void *guard_field(void *base, size_t offset) {
        return (char *) base + offset;
}

static inline const void *guard_cfield(const void *base, size_t offset) {
        return (const char *) base + offset;
}
