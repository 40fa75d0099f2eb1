/* SPDX-License-Identifier: MIT */
/* See policy_decide.h. */
#include <string.h>

#include "policy_decide.h"
#include "unitname.h"

/* The decision on the name alone: matched, a service, enabled. */
static enum policy_verdict decide_name(const struct policy *pol, const char *name, struct guardrails *g) {
        const char *suffix = unit_name_suffix(name);

        policy_guardrails_for(pol, name, g);
        if (!policy_matches(pol, name))
                return POLICY_NOT_MATCHED;
        if (!suffix || strcmp(suffix, ".service") != 0)
                return POLICY_NOT_SERVICE;
        return g->enabled ? POLICY_GUARD : POLICY_DISABLED;
}

void policy_decide(const struct policy *pol, const char *name, const struct unitset *u,
                   struct policy_decision *ret) {
        struct policy_decision d = { .unit = name };
        struct guardrails own;

        d.verdict = decide_name(pol, name, &d.guard);
        if (d.verdict == POLICY_GUARD && u) {
                if (u->load_state == LOAD_MASKED)
                        d.verdict = POLICY_MASKED;
                else if (u->load_state == LOAD_NOT_FOUND)
                        d.verdict = POLICY_NOT_FOUND;
                /* The unit's drop-in dirs are read for every name it has: guardrails
                 * written under its own name reach the alias too. */
                else if (strcmp(u->id, name) != 0 && decide_name(pol, u->id, &own) == POLICY_GUARD) {
                        d.verdict = POLICY_ALIAS;
                        d.unit = u->id;
                        d.guard = own;
                }
        }
        *ret = d;
}

bool policy_verdict_wants_guardrails(enum policy_verdict v) {
        return v == POLICY_GUARD || v == POLICY_ALIAS || v == POLICY_MASKED || v == POLICY_NOT_FOUND;
}

const char *policy_verdict_reason(enum policy_verdict v) {
        switch (v) {
        case POLICY_GUARD:       return "gets the guardrails";
        case POLICY_NOT_MATCHED: return "not matched by [match] Units=/Exclude=";
        case POLICY_NOT_SERVICE: return "matched by the policy but not a service";
        case POLICY_DISABLED:    return "Enabled=no in the policy";
        case POLICY_MASKED:      return "masked";
        case POLICY_NOT_FOUND:   return "no unit file behind the name (a dangling or looping alias)";
        case POLICY_ALIAS:       return "an alias of a unit that gets the guardrails itself";
        }
        return "?";
}
