/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Does a unit get guardrails, and with which values? The one answer the generator
 * (which writes them) and the linter (which checks a unit against them) share.
 */

#include "policy.h"
#include "unitset.h"

enum policy_verdict {
        POLICY_GUARD,          /* the guardrails are written under this name */
        POLICY_NOT_MATCHED,    /* not in [match] Units=, or in Exclude= */
        POLICY_NOT_SERVICE,    /* matched, but only services restart */
        POLICY_DISABLED,       /* Enabled=no for it (or in [guardrails]) */
        POLICY_MASKED,         /* the unit is masked: it cannot run */
        POLICY_NOT_FOUND,      /* no unit file behind the name (dangling or looping alias) */
        POLICY_ALIAS,          /* an alias of a unit that gets the guardrails under its own name:
                                  they apply to the alias through it, with the unit's values */
};

struct policy_decision {
        enum policy_verdict verdict;
        const char *unit;           /* whose guardrails apply: the name, or for POLICY_ALIAS the
                                       unit's own name (points into the name or the unitset) */
        struct guardrails guard;    /* the values for unit (also when it gets none: what the
                                       policy would want); strings point into the policy */
};

/*
 * Decides for name. u is name resolved on the unit search path, or NULL to decide
 * on the name alone (before a lookup, which only a name the policy wants needs):
 * then POLICY_GUARD means "look it up and ask again".
 */
void policy_decide(const struct policy *pol, const char *name, const struct unitset *u,
                   struct policy_decision *ret);

/* Does the policy want guardrails on this unit, under this name or another
 * (GUARD, ALIAS), or would it if the unit could run (MASKED, NOT_FOUND)? */
bool policy_verdict_wants_guardrails(enum policy_verdict v);

/* Why a unit gets none, for logs: "not matched by [match] Units=/Exclude=". */
const char *policy_verdict_reason(enum policy_verdict v);
