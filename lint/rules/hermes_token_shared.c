/* SPDX-License-Identifier: MIT */
/*
 * HG023 hermes-token-shared: two Hermes profiles use one bot identity (Telegram
 * or Discord bot token, Slack app token, Mattermost token). At start-up each
 * gateway takes a machine-wide lock on the identity; the second one finds it
 * taken and exits 78 (fatal configuration), so one of the two gateways never
 * runs. Reported at each profile's .env line, naming the others, with the
 * fingerprint Hermes uses for the lock (never the token).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../hermes/rulesupport.h"
#include "../ruleutil.h"

/* "work (hermes-gateway-work.service, <path>:3), ..." for every member but self. */
static char *others(const struct hermes_home *h, const struct hermes_token_group *g,
                    const struct hermes_identity *self) {
        char *list = strdup(""), *l;

        for (size_t i = 0; list && i < g->n; i++) {
                const struct hermes_identity *m = g->members[i];
                const struct hermes_profile *p = &h->profiles[m->profile];
                if (m == self)
                        continue;
                if (asprintf(&l, "%s%s%s (%s, %s:%u)", list, list[0] ? ", " : "", p->name, p->unit,
                             path_shown(p->env_path), m->line) < 0)
                        l = NULL;
                free(list);
                list = l;
        }
        return list;
}

static void report_group(const struct hermes_home *h, const struct hermes_token_group *g, struct findings *out) {
        for (size_t i = 0; i < g->n; i++) {
                const struct hermes_identity *m = g->members[i];
                const struct hermes_profile *p = &h->profiles[m->profile];
                char *list = others(h, g, m);
                if (!list)
                        return;
                out->unit = p->unit;
                finding_add(out, p->env_path, m->line, m->column,
                            "%s of profile %s (%s identity, fingerprint %s) is also used by profile%s %s: "
                            "only one gateway can hold it, the other exits 78 at start-up "
                            "(lock %s-%s.lock)", m->key, p->name, hermes_platform_name(g->platform),
                            m->fingerprint, g->n > 2 ? "s" : "", list,
                            hermes_platform_lock_scope(g->platform), m->fingerprint);
                out->unit = NULL;
                free(list);
        }
}

void check_hermes_token_shared(const struct lint_ctx *ctx, struct findings *out) {
        struct hermes_token_group *groups;
        const struct hermes_check *c = ctx->hermes_check;
        size_t n;

        if (!c)
                return;
        if (hermes_token_groups(c->home, &groups, &n) == 0) {
                for (size_t i = 0; i < n; i++)
                        report_group(c->home, &groups[i], out);
                hermes_token_groups_free(groups, n);
        }
}
