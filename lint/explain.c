/* SPDX-License-Identifier: MIT */
/* See explain.h. */
#include <errno.h>

#include "explain.h"
#include "rulehelp.h"
#include "rules.h"

int explain_rule(FILE *out, const char *id_or_name) {
        const struct rule *r = rule_find(id_or_name);
        const struct rule_help *h = r ? rule_help_find(r->id) : NULL;

        if (!h)   /* a rule without help fails the unit tests; never on a release */
                return -ENOENT;
        fprintf(out, "%s %s (%s)\n%s\n\n%s\n", r->id, r->name, h->attrs, r->summary, h->text);
        return ferror(out) ? -EIO : 0;
}
