/* SPDX-License-Identifier: MIT */
/*
 * HG013 month-not-minute: systemd's time units are case-sensitive and "M" is a
 * month (30.44 days), "m" a minute. RestartSec=10M waits ten months, and
 * StartLimitIntervalSec=10M makes a window no crash loop outlives; neither is
 * ever meant. Spelled-out "month" is taken as deliberate.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "../ruleutil.h"
#include "strv.h"

static const char *const time_keys[] = {
        "RestartSec", "RestartMaxDelaySec", "StartLimitIntervalSec", "StartLimitInterval",
        "TimeoutSec", "TimeoutStartSec", "TimeoutStopSec", "TimeoutAbortSec", "WatchdogSec",
        "RuntimeMaxSec", "JobTimeoutSec", NULL,
};

/* Copies value to buf with every "M" unit written as "min"; returns whether there was one. */
static bool month_to_minute(const char *value, char *buf, size_t size) {
        bool found = false;
        size_t n = 0;

        for (const char *p = value; *p && n + 4 < size; p++) {
                bool unit_m = *p == 'M' && p > value &&
                        (isdigit((unsigned char) p[-1]) || p[-1] == ' ' || p[-1] == '.') &&
                        !isalpha((unsigned char) p[1]);
                if (unit_m) {
                        memcpy(buf + n, "min", 3);
                        n += 3;
                        found = true;
                } else
                        buf[n++] = *p;
        }
        buf[n] = 0;
        return found;
}

void check_month_not_minute(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        char fixed[256];

        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                for (size_t j = 0; j < f->n_assignments; j++) {
                        const struct unit_assignment *a = &f->assignments[j];
                        if (!strv_contains((char *const *) time_keys, a->key) ||
                            strlen(a->value) >= sizeof(fixed) / 2 ||
                            !month_to_minute(a->value, fixed, sizeof(fixed)))
                                continue;
                        finding_add(out, f->path, a->line, a->value_column,
                                    "%s=%s is in months (M is a month, m a minute): write %s=%s for minutes",
                                    a->key, a->value, a->key, fixed);
                }
        }
}
