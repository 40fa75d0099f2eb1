/* SPDX-License-Identifier: MIT */
/*
 * The classifier of `hermes-unit-lint diagnose`: one table, one row per message.
 *
 * Where the lines come from (hermes_logging.py): every Hermes home writes
 * logs/agent.log (INFO and up, every logger), logs/errors.log (WARNING and up) and,
 * for the gateway, logs/gateway.log (loggers gateway*, hermes_plugins*,
 * plugins.platforms* only: provider and cron lines are not there), each line
 *   %(asctime)s %(levelname)s%(session_tag)s %(name)s: %(message)s
 *   2026-05-03 07:00:12,481 WARNING gateway.platforms.telegram: [Telegram] ...
 * where session_tag is " [<session id>]" or empty. The unit's journal holds the
 * same records without the time stamp ("WARNING gateway.run: ..."), and what
 * bypasses logging: tracebacks, exception lines, older versions' output. The
 * messaging adapters moved from gateway/platforms/ to plugins/platforms/ (their
 * loggers from gateway.platforms.* to hermes_plugins.*), so the transport rows
 * name no logger.
 *
 * A row matches when the line's logger starts with the row's logger (a line
 * without a logger matches any) and the message matches the pattern; the first
 * matching row wins, so specific rows come before general ones. A FAILURE is
 * current unless a RECOVERY of its group comes later (in time, whichever file it
 * is in). Each row says where its message comes from; the corpus in
 * tests/golden/diagnose/corpus/ holds a case for it.
 *
 * Speed: every row has an anchor, a literal each of its matches contains. A line
 * is looked at by a row's regular expression only when the row's anchor occurs in
 * it (and not at all when the pattern is the anchor), and the anchors are found
 * in one skipping pass over the message (compile_anchors()).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diagnose.h"

#define NEXT_TELEGRAM_TOKEN \
        "Check TELEGRAM_BOT_TOKEN in the profile's .env (a fresh one from @BotFather, /token); " \
        "`curl -s https://api.telegram.org/bot<TOKEN>/getMe` answers 401 for a dead token."
#define NEXT_ONE_POLLER \
        "Only one process may poll a bot token: find the other one (`hermes gateway status` " \
        "in every profile and on every host that has this token, a leftover `hermes gateway run`); " \
        "give each profile its own bot. Restarting does not help while the other poller runs."
#define NEXT_NETWORK \
        "Check DNS and outbound HTTPS from this host (`curl -sI https://api.telegram.org`); " \
        "Hermes reconnects by itself once the network is back."
#define NEXT_PROVIDER_LOGIN \
        "Sign in again for this profile: `hermes auth add <provider>` (`hermes auth list` shows " \
        "which credential is dead). The gateway needs no restart; do not rotate the bot token."
#define NEXT_PROVIDER_KEY \
        "Fix the provider's API key in the profile's .env (or `hermes auth`); " \
        "restarting the gateway does not fix a rejected key."
#define NEXT_QUOTA \
        "Wait for the provider's reset or raise the plan's quota/credits; add fallback_providers " \
        "in config.yaml. `hermes auth list` shows rate-limited credentials. A restart does not help."
#define NEXT_DELIVERY \
        "Check the job's deliver target (`hermes cron list`, deliver in cron/jobs.json): chat id, " \
        "the bot still in that chat, the platform token; the output is kept in cron/output/<job id>/. " \
        "Then `hermes cron run <id>`."

const struct drow drows[] = {
        /* ---- transport: the messaging platform ------------------------------------- */
        { "telegram-lock", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "token already in use", "(bot|app) token already in use",
          "the bot token's lock is held by another gateway (another profile): this one exits 78",
          "Two profiles share this token: give each its own (the lint rule HG023 names them), or "
          "stop the other gateway. Locks: $XDG_STATE_HOME/hermes/gateway-locks/.",
          "gateway/status.py acquire_scoped_lock(); issues #89477, #1339" },
        { "startup-conflict", DROW_FAILURE, DCLASS_TRANSPORT, "gateway.run",
          "non-retryable startup conflict", "non-retryable startup conflict",
          "the gateway refused to start (non-retryable start-up conflict): it exits 78",
          "Read the reason after the colon (a platform credential, lock or port), fix it in the "
          "profile's .env or config.yaml, then `systemctl --user reset-failed <unit>` and start it.",
          "gateway/run.py (\"Gateway hit a non-retryable startup conflict: %s\")" },
        { "telegram-conflict", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "terminated by other ", "onflict: terminated by other (getUpdates request|long poll)",
          "Telegram 409 Conflict: another process polls this bot token",
          NEXT_ONE_POLLER,
          "gateway/platforms/telegram.py _handle_polling_conflict(); issues #18513, #1339, #29325" },
        { "telegram-conflict", DROW_RECOVERY, DCLASS_TRANSPORT, NULL,
          "polling resumed after conflict retry", "polling resumed after conflict retry",
          NULL, NULL, "gateway/platforms/telegram.py (\"Telegram polling resumed after conflict retry %d/%d\")" },
        { "telegram-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "was rejected by the server", "token .* was rejected by the server",
          "Telegram rejected the bot token (revoked or mistyped)", NEXT_TELEGRAM_TOKEN,
          "python-telegram-bot InvalidToken (\"The token `%s` was rejected by the server.\")" },
        { "telegram-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "InvalidToken", "telegram\\.error\\.InvalidToken",
          "Telegram rejected the bot token (revoked or mistyped)", NEXT_TELEGRAM_TOKEN,
          "python-telegram-bot telegram.error.InvalidToken" },
        { "telegram-network", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "Telegram network error", "Telegram network error",
          "the Telegram API is unreachable (network error) and polling has not resumed since",
          NEXT_NETWORK, "gateway/platforms/telegram.py (\"Telegram network error (attempt %d/%d) ...\"); issue #46540" },
        { "telegram-network", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "NetworkError", "telegram\\.error\\.NetworkError",
          "the Telegram API is unreachable (network error)", NEXT_NETWORK,
          "python-telegram-bot telegram.error.NetworkError; issue Lexus2016/hermes-agent-evolution#466" },
        { "telegram-network", DROW_RECOVERY, DCLASS_TRANSPORT, NULL,
          "polling resumed after network error", "polling resumed after network error",
          NULL, NULL, "gateway/platforms/telegram.py (\"Telegram polling resumed after network error (attempt %d)\")" },
        { "telegram-conflict telegram-network telegram-token telegram-lock startup-conflict platform-token",
          DROW_RECOVERY, DCLASS_TRANSPORT, NULL,
          "telegram connected", "✓ telegram connected", NULL, NULL,
          "gateway/run.py (\"✓ %s connected\"); issue #87182" },
        { "telegram-conflict telegram-network telegram-token", DROW_RECOVERY, DCLASS_TRANSPORT, NULL,
          "Connected to Telegram", "Connected to Telegram", NULL, NULL,
          "plugins/platforms/telegram adapter (\"Connected to Telegram (polling mode)\"); issue #87182" },
        { "discord-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "discord.errors.", "discord\\.errors\\.(LoginFailure|HTTPException: 401)",
          "Discord rejected the bot token",
          "Check DISCORD_BOT_TOKEN in the profile's .env (Developer Portal, Bot, Reset Token).",
          "discord.py LoginFailure (\"Improper token has been passed.\"); issue #93221" },
        { "discord-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "Improper token", "Improper token has been passed",
          "Discord rejected the bot token",
          "Check DISCORD_BOT_TOKEN in the profile's .env (Developer Portal, Bot, Reset Token).",
          "discord.py LoginFailure; issue #93221" },
        { "discord-token platform-token", DROW_RECOVERY, DCLASS_TRANSPORT, NULL,
          "discord connected", "✓ discord connected", NULL, NULL, "gateway/run.py (\"✓ %s connected\")" },
        { "slack-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "invalid_auth", "invalid_auth",
          "Slack rejected the bot or app token (invalid_auth)",
          "Check SLACK_BOT_TOKEN (xoxb-) and SLACK_APP_TOKEN (xapp-, Socket Mode) in the profile's .env "
          "(api.slack.com/apps, OAuth & Permissions; Basic Information, App-Level Tokens).",
          "slack_sdk SlackApiError (\"'error': 'invalid_auth'\"), raised through the Slack adapter" },
        { "platform-token", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "No bot token configured", "No bot token configured",
          "a platform is enabled but has no bot token",
          "Set its token (DISCORD_BOT_TOKEN, TELEGRAM_BOT_TOKEN, SLACK_BOT_TOKEN ...) in this profile's "
          ".env, or turn the platform off in config.yaml.",
          "plugins/platforms/discord adapter (\"[Discord] No bot token configured\"); issue #30736" },

        /* ---- delivery: the job ran, its output did not arrive ------------------------ */
        { "cron-delivery", DROW_FAILURE, DCLASS_DELIVERY, NULL,
          "no delivery target resolved", "no delivery target resolved",
          "a cron job has no delivery target",
          "Set the platform's home channel (TELEGRAM_HOME_CHANNEL=... in the profile's .env, or /sethome "
          "in the chat), or give the job an explicit deliver=platform:chat_id.",
          "cron/scheduler_delivery.py _unresolved_delivery_outcome(); issue #17139" },
        { "cron-delivery", DROW_FAILURE, DCLASS_DELIVERY, NULL,
          "delivery error: ", "delivery error: ",
          "a cron job's output could not be delivered", NEXT_DELIVERY,
          "cron/scheduler_delivery.py (\"Job '%s': delivery error: ... (target ...)\")" },
        { "cron-delivery", DROW_FAILURE, DCLASS_DELIVERY, NULL,
          "delivery to ", "delivery to [^ ]+ failed",
          "a cron job's output could not be delivered", NEXT_DELIVERY,
          "cron/scheduler.py (\"Job '%s': delivery to %s failed\"); issue Lexus2016/hermes-agent-evolution#466" },
        { "cron-delivery", DROW_FAILURE, DCLASS_DELIVERY, NULL,
          "send failed", "(Telegram|Discord|Slack|Matrix|Weixin|Signal|Mattermost) send failed",
          "a send to the platform failed", NEXT_DELIVERY,
          "the standalone send lane of cron/scheduler_delivery.py (\"Telegram send failed: ...\")" },
        { "cron-delivery", DROW_FAILURE, DCLASS_DELIVERY, NULL,
          "sendmessage non-zero", "sendmessage non-zero iLink response",
          "a Weixin send failed (iLink ret != 0; ret=-2 is an expired context token)",
          "Weixin needs an inbound message in the chat within about a day to refresh its context "
          "token: send one from the chat, then `hermes cron run <id>`.",
          "plugins/platforms/weixin adapter; issue #83993" },
        { "cron-delivery", DROW_RECOVERY, DCLASS_DELIVERY, "cron.scheduler",
          "delivered to ", "delivered to ", NULL, NULL,
          "cron/scheduler_delivery.py (\"Job '%s': delivered to %s:%s\")" },

        /* After the delivery rows: a failed send names the Bot API URL too. */
        { "telegram-network", DROW_FAILURE, DCLASS_TRANSPORT, NULL,
          "api.telegram.org", "(Error|failed).*api\\.telegram\\.org|api\\.telegram\\.org.*(Error|failed)",
          "requests to api.telegram.org fail", NEXT_NETWORK,
          "gateway/platforms/telegram_network.py; httpx errors naming the Bot API URL" },

        /* ---- provider-auth: the model provider --------------------------------------- */
        { "provider-login", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "invalid_grant", "invalid_grant",
          "the provider's OAuth refresh failed (invalid_grant): the login is dead", NEXT_PROVIDER_LOGIN,
          "agent/credential_pool.py _recover_failed_refresh(); PR #113197" },
        { "provider-login", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "terminally invalid", "refresh token is terminally invalid",
          "the provider's OAuth refresh token is dead", NEXT_PROVIDER_LOGIN,
          "agent/credential_pool.py (\"Codex OAuth refresh token is terminally invalid ...\"); PR #113197" },
        { "provider-login", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "invalidated", "token_invalidated|token has been invalidated",
          "the provider invalidated the login (token_invalidated)", NEXT_PROVIDER_LOGIN,
          "agent/credential_pool.py (token_invalidated is terminal); issues #22903, #65346" },
        { "provider-login", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "already consumed by another client", "refresh token was already consumed by another client",
          "another client used the shared OAuth refresh token", NEXT_PROVIDER_LOGIN,
          "hermes_cli/auth.py refresh_codex_oauth_pure(); PR #5612" },
        { "provider-login", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "refresh_token_reused", "refresh_token_reused",
          "another client used the shared OAuth refresh token", NEXT_PROVIDER_LOGIN,
          "hermes_cli/auth.py; PR #5612" },
        { "provider-key", DROW_FAILURE, DCLASS_PROVIDER_AUTH, "gateway.run",
          "Primary provider auth failed", "Primary provider auth failed",
          "the model provider rejected the credentials", NEXT_PROVIDER_LOGIN,
          "gateway/run.py (\"Primary provider auth failed: %s\"); issue #32790" },
        { "provider-key", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "AuthenticationError", "AuthenticationError",
          "the model provider rejected the API key (HTTP 401)", NEXT_PROVIDER_KEY,
          "the openai/anthropic clients' AuthenticationError, raised through run_agent.py" },
        { "provider-quota", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "HTTP 429", "HTTP 429",
          "the model provider is rate-limiting, or the quota or credits are exhausted (HTTP 429)", NEXT_QUOTA,
          "agent/error_classifier.py; issues #84523, #15895, #117111" },
        { "provider-quota", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "status=429", "exhausted \\(status=429\\)",
          "the provider credential is exhausted (HTTP 429)", NEXT_QUOTA,
          "agent/credential_pool.py (\"marking %s exhausted (status=429), rotating\"); issue #89401" },
        { "provider-quota", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "insufficient_quota", "insufficient_quota",
          "the provider account has no quota or credits left", NEXT_QUOTA,
          "OpenAI-compatible error code insufficient_quota" },
        { "provider-down", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "API call failed after", "API call failed after [0-9]+ retries",
          "the model call failed after all retries",
          "Look at the provider error just before it (quota, key, outage); configure fallback_providers "
          "in config.yaml so a provider outage does not stop the gateway's replies.",
          "run_agent.py (\"API call failed after %d retries: ...\"); issues #17855, #89401" },
        { "provider-down", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "HTTP 50", "HTTP 50[0234]",
          "the model provider is unavailable (HTTP 5xx)",
          "A provider outage: wait, or configure fallback_providers in config.yaml. Nothing to fix "
          "locally; do not restart the gateway for it.",
          "agent/error_classifier.py; issue #86357" },
        { "provider-down", DROW_FAILURE, DCLASS_PROVIDER_AUTH, NULL,
          "Connection error.", "(APIConnectionError|RuntimeError): Connection error\\.",
          "the model provider could not be reached (connection error)",
          "Check outbound HTTPS to the provider's base_url from this host (proxy, DNS); configure "
          "fallback_providers for outages.",
          "the openai client's APIConnectionError (\"Connection error.\"); issue #104538" },

        /* ---- profile-scope: the profile's home ---------------------------------------- */
        { "home-fallback", DROW_FAILURE, DCLASS_PROFILE_SCOPE, NULL,
          "HERMES_HOME fallback", "\\[HERMES_HOME fallback\\]",
          "a named profile's process runs with the default profile's home",
          "Give the unit Environment=HERMES_HOME=<root>/profiles/<name> (what `hermes -p <name> gateway "
          "install` writes); check a process with `tr '\\0' '\\n' < /proc/<pid>/environ | grep HERMES_HOME`.",
          "hermes_constants.py get_hermes_home() fallback warning (upstream issue #18594); "
          "issue EKKOLearnAI/hermes-studio#689" },

        /* ---- scheduler: the job does not run ------------------------------------------- */
        { "cron-script", DROW_FAILURE, DCLASS_SCHEDULER, NULL,
          "Script exited with code", "Script exited with code [0-9]+",
          "a cron job's script failed",
          "Run the script by hand as the gateway's user from <home>/scripts/ and read its stderr in "
          "cron/output/<job id>/; fix it, then `hermes cron run <id>`.",
          "cron/scheduler.py _run_job_script(); issue #113603" },
        { "cron-script", DROW_FAILURE, DCLASS_SCHEDULER, NULL,
          "Script not found", "Script not found",
          "a cron job's script does not exist",
          "Put the script in <home>/scripts/ and name it relative to it (the lint rule HG026 checks this).",
          "cron/scheduler.py _run_job_script(); issue #71959" },
        { "cron-script", DROW_FAILURE, DCLASS_SCHEDULER, NULL,
          "outside the scripts directory", "resolves outside the scripts directory",
          "a cron job's script is outside <home>/scripts/: Hermes refuses it",
          "Move the script into <home>/scripts/ (the lint rule HG026 checks this).",
          "cron/scheduler.py _run_job_script(); issue #71959" },

        /* ---- known and harmless --------------------------------------------------------- */
        { "unauthorized-user", DROW_BENIGN, DCLASS_TRANSPORT, "gateway.run",
          "Unauthorized user", "Unauthorized user: ",
          "a stranger wrote to the bot and was denied (not a failure)", NULL,
          "gateway/run.py (\"Unauthorized user: %s (%s) on %s\"); PR #19582" },
};

const size_t n_drows = sizeof(drows) / sizeof(drows[0]);

static const char *const dclass_names[_DCLASS_MAX] = {
        [DCLASS_TRANSPORT] = "transport",
        [DCLASS_PROVIDER_AUTH] = "provider-auth",
        [DCLASS_PROFILE_SCOPE] = "profile-scope",
        [DCLASS_SCHEDULER] = "scheduler",
        [DCLASS_DELIVERY] = "delivery",
        [DCLASS_UNCLASSIFIED] = "unclassified",
};

const char *dclass_name(enum dclass c) {
        return c < _DCLASS_MAX ? dclass_names[c] : "unclassified";
}

#define PAIR(a, b) (((unsigned) (unsigned char) (a) << 8) | (unsigned char) (b))

/* Group names are words of drows[].group; returns the index of name[0..n), adding it. */
static unsigned group_index(const char **names, unsigned *n_names, const char *name, size_t n) {
        for (unsigned i = 0; i < *n_names; i++)
                if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
                        return i;
        names[*n_names] = name;   /* points into the table: words end at ' ' or NUL */
        return (*n_names)++;
}

static size_t word_len(const char *s) {
        return strcspn(s, " ");
}

static int compile_groups(struct dclassifier *c) {
        const char **names = calloc(n_drows * 8 + 1, sizeof(*names));
        unsigned n_names = 0;

        c->group_of = calloc(n_drows, sizeof(*c->group_of));
        c->recovers = calloc(n_drows, sizeof(*c->recovers));
        if (!names || !c->group_of || !c->recovers) {
                free(names);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n_drows; i++)
                if (drows[i].effect != DROW_RECOVERY)
                        c->group_of[i] = group_index(names, &n_names, drows[i].group, word_len(drows[i].group));
        for (size_t i = 0; i < n_drows; i++) {
                size_t k = 0;
                if (drows[i].effect != DROW_RECOVERY)
                        continue;
                if (!(c->recovers[i] = calloc(9, sizeof(unsigned)))) {
                        free(names);
                        return -ENOMEM;
                }
                for (const char *w = drows[i].group; *w && k < 8; w += word_len(w), w += *w == ' ')
                        c->recovers[i][k++] = group_index(names, &n_names, w, word_len(w));
                c->recovers[i][k] = UINT_MAX;
        }
        c->n_groups = n_names;
        free(names);
        return 0;
}

/*
 * The anchor scan is Wu-Manber's: the window is the first m bytes of every anchor
 * (m: the shortest anchor); for each byte pair, shift[] says how far the window
 * may move when the pair ends it (m - 1 when the pair occurs in no anchor's first m
 * bytes), and 0 names the pair that ends some anchor's prefix: those rows are
 * compared there. On log text most windows move m - 1 bytes at once.
 */
static int compile_anchors(struct dclassifier *c) {
        uint32_t *fill;

        c->anchor_len = calloc(n_drows, sizeof(*c->anchor_len));
        c->literal = calloc(n_drows, sizeof(*c->literal));
        c->shift = malloc(65536);
        c->pair_start = calloc(65537, sizeof(*c->pair_start));
        c->pair_rows = calloc(n_drows, sizeof(*c->pair_rows));
        fill = calloc(65536, sizeof(*fill));
        if (!c->anchor_len || !c->literal || !c->shift || !c->pair_start || !c->pair_rows || !fill) {
                free(fill);
                return -ENOMEM;
        }
        c->m = SIZE_MAX;
        for (size_t i = 0; i < n_drows; i++) {
                c->anchor_len[i] = strlen(drows[i].anchor);
                c->literal[i] = strcmp(drows[i].anchor, drows[i].pattern) == 0 &&
                                !drows[i].anchor[strcspn(drows[i].anchor, "\\.[]()*+?{}|^$")];
                if (c->anchor_len[i] < c->m)
                        c->m = c->anchor_len[i];
        }
        if (c->m < 2 || c->m > 255) {
                free(fill);
                return -EINVAL;
        }
        memset(c->shift, (int) (c->m - 1), 65536);
        for (size_t i = 0; i < n_drows; i++)
                for (size_t q = 2; q <= c->m; q++) {   /* the pair ending at byte q of the prefix */
                        unsigned p = PAIR(drows[i].anchor[q - 2], drows[i].anchor[q - 1]);
                        if (c->shift[p] > c->m - q)
                                c->shift[p] = (uint8_t) (c->m - q);
                }
        for (size_t i = 0; i < n_drows; i++)
                c->pair_start[PAIR(drows[i].anchor[c->m - 2], drows[i].anchor[c->m - 1]) + 1]++;
        for (unsigned p = 0; p < 65536; p++)
                c->pair_start[p + 1] += c->pair_start[p];
        for (size_t i = 0; i < n_drows; i++) {
                unsigned p = PAIR(drows[i].anchor[c->m - 2], drows[i].anchor[c->m - 1]);
                c->pair_rows[c->pair_start[p] + fill[p]++] = (uint32_t) i;
        }
        free(fill);
        return 0;
}

int dclassifier_init(struct dclassifier *c) {
        int r;

        *c = (struct dclassifier) {};
        if (!(c->re = calloc(n_drows, sizeof(*c->re))))
                return -ENOMEM;
        for (size_t i = 0; i < n_drows; i++)
                if (regcomp(&c->re[i], drows[i].pattern, REG_EXTENDED | REG_NOSUB) != 0) {
                        for (size_t j = 0; j < i; j++)
                                regfree(&c->re[j]);
                        free(c->re);
                        c->re = NULL;
                        return -EINVAL;
                }
        r = compile_groups(c);
        if (r == 0)
                r = compile_anchors(c);
        if (r < 0)
                dclassifier_done(c);
        return r;
}

void dclassifier_done(struct dclassifier *c) {
        if (c->re)
                for (size_t i = 0; i < n_drows; i++)
                        regfree(&c->re[i]);
        if (c->recovers)
                for (size_t i = 0; i < n_drows; i++)
                        free(c->recovers[i]);
        free(c->re);
        free(c->recovers);
        free(c->group_of);
        free(c->pair_start);
        free(c->pair_rows);
        free(c->shift);
        free(c->anchor_len);
        free(c->literal);
        *c = (struct dclassifier) {};
}

static bool logger_ok(const struct drow *row, const char *logger, size_t n) {
        size_t k;

        if (!row->logger || n == 0)
                return true;
        k = strlen(row->logger);
        return n >= k && memcmp(logger, row->logger, k) == 0 && (n == k || logger[k] == '.');
}

/* Does row i, whose anchor is at msg + at, match? msg is NUL-terminated at n. */
static bool row_matches(const struct dclassifier *c, size_t i, const char *logger, size_t logger_len,
                        const char *msg, size_t n, size_t at) {
        const char *a = drows[i].anchor;

        /* The window ends with the prefix's last pair; its first byte rules out most others. */
        if (msg[at] != a[0] || c->anchor_len[i] > n - at || memcmp(msg + at, a, c->anchor_len[i]) != 0 ||
            !logger_ok(&drows[i], logger, logger_len))
                return false;
        return c->literal[i] || regexec(&c->re[i], msg, 0, NULL, 0) == 0;
}

int dclassifier_match(const struct dclassifier *c, const char *logger, size_t logger_len,
                      const char *msg, size_t n) {
        const unsigned char *s = (const unsigned char *) msg;
        int best = -1;

        for (size_t end = c->m - 1; end < n;) {    /* end: the last byte of the window */
                unsigned p = PAIR(s[end - 1], s[end]);
                size_t k = c->shift[p];
                if (k > 0) {
                        end += k;
                        continue;
                }
                for (uint32_t j = c->pair_start[p]; j < c->pair_start[p + 1]; j++) {
                        size_t row = c->pair_rows[j];
                        if ((best < 0 || row < (size_t) best) &&
                            row_matches(c, row, logger, logger_len, msg, n, end + 1 - c->m))
                                best = (int) row;
                }
                end++;
        }
        return best;
}

void dclassifier_print_patterns(FILE *f) {
        for (size_t i = 0; i < n_drows; i++)
                fprintf(f, "%s\n", drows[i].pattern);
}
