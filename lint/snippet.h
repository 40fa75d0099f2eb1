/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Source lines around a finding, for SARIF's region.snippet and contextRegion
 * (code scanning shows them next to an alert). Only from unit files and drop-ins
 * (a unit suffix, or a file in a "<unit>.d/" directory), never from Hermes files
 * (.env, jobs.json, cron scripts: they hold tokens in forms no pattern catches),
 * and never a line that may carry a secret: a mention of Environment= or
 * SetCredential*= (also commented out), and the lines such an assignment
 * continues onto with a backslash. Secrets that lib/sanitize recognises (a bot
 * token in an ExecStart= argument) are redacted. A line is cut at
 * SNIPPET_LINE_MAX bytes.
 */

#define SNIPPET_LINE_MAX 512

/* Lines ctx_first..ctx_last (1-based) of a file; line (in that range) is the finding's. */
struct snippet {
        char *line_text;     /* the finding's line, without its newline */
        unsigned ctx_first, ctx_last;
        char *ctx_text;      /* those lines, each ended by '\n' */
};

/* Fills *ret for line of path. Returns 0, -EPERM when the file or the line may hold
 * a secret, -ENOENT when the line does not exist, or another -errno (unreadable). */
int snippet_get(const char *path, unsigned line, struct snippet *ret);
void snippet_done(struct snippet *s);
