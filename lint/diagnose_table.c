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
 * it (and not at all when the pattern is a plain string starting with the anchor),
 * and the anchors are found by one filter over a whole buffer of lines
 * (compile_filter(), dscan_next()): lines with no anchor are not even parsed.
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
 * The anchor filter (Teddy's, from Hyperscan): each anchor gets a fingerprint, DFILTER_F
 * consecutive bytes of it, and one of 16 buckets. For the byte at fingerprint position j,
 * two 16-entry tables per set of 8 buckets (one by its low nibble, one by its high) say
 * which buckets may have it there; a window whose DFILTER_F bytes agree on some bucket
 * is verified against that bucket's anchors with memcmp. With AVX2 the tables are looked
 * up 32 windows at a time (vpshufb); without it the same tables, combined per byte value
 * (t[][]), one window at a time: both find the same windows.
 *
 * Which fingerprint: the DFILTER_F-gram of the anchor that ordinary log text has least,
 * by a rough model of it (lowercase letters by English frequency, spaces, digits, rare
 * capitals and punctuation), avoiding the words that fill Hermes' own INFO lines
 * ("telegram" is in every line of the Telegram adapter). Which bucket: the one whose
 * tables grow least by taking it (every pair of a low and a high nibble in a bucket's
 * tables is matched, not just the bytes put in).
 */
static const char *const level_anchors[DLEVEL_ANCHORS] = { "ERROR ", "CRITICAL " };
static const char *const common_words[] = {
        "telegram", "discord", "provider", "gateway", "platform", "message", "session", "error", NULL,
};

static double byte_weight(unsigned char b) {
        static const char english[] = "etaoinsrhldcumfpgwybvkxjqz";
        const char *e;

        if (b == ' ')
                return 0.15;
        if (b >= 'a' && b <= 'z' && (e = strchr(english, b))) {
                double w = 0.09;
                for (const char *q = english; q < e; q++)
                        w *= 0.8;
                return w + 0.002;
        }
        if (b >= '0' && b <= '9')
                return 0.02;
        if (b >= 'A' && b <= 'Z')
                return 0.004;
        if (b && strchr("._-:=/,", b))
                return 0.01;
        return 0.002;
}

static double gram_weight(const char *g) {
        char low[DFILTER_F + 1];
        double w = 1;

        for (size_t j = 0; j < DFILTER_F; j++) {
                w *= byte_weight((unsigned char) g[j]);
                low[j] = (char) (g[j] >= 'A' && g[j] <= 'Z' ? g[j] - 'A' + 'a' : g[j]);
        }
        low[DFILTER_F] = 0;
        for (size_t i = 0; common_words[i]; i++)
                if (strstr(common_words[i], low))
                        return w * 1000;
        return w;
}

/* The weight of the bytes a bucket's tables at position j let through (los, his: nibble sets). */
static double nibble_weight(const double w[16][16], uint16_t los, uint16_t his) {
        double sum = 0;

        for (uint16_t h = his; h; h &= (uint16_t) (h - 1))
                for (uint16_t l = los; l; l &= (uint16_t) (l - 1))
                        sum += w[__builtin_ctz(h)][__builtin_ctz(l)];
        return sum;
}

static double bucket_weight(const double w[16][16], const uint16_t los[DFILTER_F], const uint16_t his[DFILTER_F]) {
        double p = 1;

        for (size_t j = 0; j < DFILTER_F; j++)
                p *= nibble_weight(w, los[j], his[j]);
        return p;
}

static int compile_filter(struct dclassifier *c) {
        size_t n = n_drows + DLEVEL_ANCHORS, *order;
        double w[16][16], *gw;
        uint16_t los[DFILTER_BUCKETS][DFILTER_F] = {}, his[DFILTER_BUCKETS][DFILTER_F] = {};
        bool used[DFILTER_BUCKETS] = {};
        uint8_t *bucket;
        size_t fill[DFILTER_BUCKETS] = {};

        for (unsigned b = 0; b < 256; b++)
                w[b >> 4][b & 15] = byte_weight((unsigned char) b);
        c->n_anchors = n;
        c->anchor = calloc(n, sizeof(*c->anchor));
        c->anchor_len = calloc(n, sizeof(*c->anchor_len));
        c->fp_off = calloc(n, sizeof(*c->fp_off));
        c->by_bucket = calloc(n, sizeof(*c->by_bucket));
        c->literal = calloc(n_drows, sizeof(*c->literal));
        c->pattern_len = calloc(n_drows, sizeof(*c->pattern_len));
        gw = calloc(n, sizeof(*gw));
        order = calloc(n, sizeof(*order));
        bucket = calloc(n, sizeof(*bucket));
        if (!c->anchor || !c->anchor_len || !c->fp_off || !c->by_bucket || !c->literal || !c->pattern_len ||
            !gw || !order || !bucket) {
                free(gw), free(order), free(bucket);
                return -ENOMEM;
        }
        for (size_t i = 0; i < n; i++) {
                const char *a = i < n_drows ? drows[i].anchor : level_anchors[i - n_drows];
                double best = 0;
                c->anchor[i] = a;
                c->anchor_len[i] = strlen(a);
                if (c->anchor_len[i] < DFILTER_F || c->anchor_len[i] > 255) {
                        free(gw), free(order), free(bucket);
                        return -EINVAL;
                }
                for (size_t o = 0; o + DFILTER_F <= c->anchor_len[i]; o++) {
                        double g = gram_weight(a + o);
                        if (o == 0 || g < best)
                                best = g, c->fp_off[i] = (uint8_t) o;
                }
                gw[i] = best;
                order[i] = i;
                if (i < n_drows) {
                        /* A pattern that is a plain string starting with the anchor: memcmp, no regexec. */
                        const char *pat = drows[i].pattern;
                        c->pattern_len[i] = strlen(pat);
                        c->literal[i] = !pat[strcspn(pat, "\\.[]()*+?{}|^$")] &&
                                        strncmp(pat, a, c->anchor_len[i]) == 0;
                }
        }
        /* The most common fingerprints first, each into the bucket it costs least. */
        for (size_t i = 1; i < n; i++)
                for (size_t k = i; k > 0 && gw[order[k]] > gw[order[k - 1]]; k--) {
                        size_t t = order[k];
                        order[k] = order[k - 1], order[k - 1] = t;
                }
        for (size_t k = 0; k < n; k++) {
                size_t i = order[k], bb = 0;
                const unsigned char *g = (const unsigned char *) c->anchor[i] + c->fp_off[i];
                double best = 0;
                for (size_t b = 0; b < DFILTER_BUCKETS; b++) {
                        uint16_t l2[DFILTER_F], h2[DFILTER_F];
                        double d;
                        for (size_t j = 0; j < DFILTER_F; j++)
                                l2[j] = los[b][j] | (uint16_t) (1u << (g[j] & 15)),
                                h2[j] = his[b][j] | (uint16_t) (1u << (g[j] >> 4));
                        d = bucket_weight(w, l2, h2) - (used[b] ? bucket_weight(w, los[b], his[b]) : 0);
                        if (b == 0 || d < best)
                                best = d, bb = b;
                }
                used[bb] = true;
                bucket[i] = (uint8_t) bb;
                for (size_t j = 0; j < DFILTER_F; j++)
                        los[bb][j] |= (uint16_t) (1u << (g[j] & 15)), his[bb][j] |= (uint16_t) (1u << (g[j] >> 4));
        }
        for (size_t i = 0; i < n; i++)
                c->bucket_start[bucket[i] + 1]++;
        for (size_t b = 0; b < DFILTER_BUCKETS; b++)
                c->bucket_start[b + 1] += c->bucket_start[b];
        for (size_t i = 0; i < n; i++)
                c->by_bucket[c->bucket_start[bucket[i]] + fill[bucket[i]]++] = (uint16_t) i;
        for (size_t b = 0; b < DFILTER_BUCKETS; b++)
                for (size_t j = 0; j < DFILTER_F; j++)
                        for (unsigned x = 0; x < 16; x++) {
                                if (los[b][j] & (1u << x))
                                        c->lo[b / 8][j][x] |= (uint8_t) (1u << (b % 8));
                                if (his[b][j] & (1u << x))
                                        c->hi[b / 8][j][x] |= (uint8_t) (1u << (b % 8));
                        }
        for (size_t j = 0; j < DFILTER_F; j++)
                for (unsigned x = 0; x < 256; x++)
                        c->t[j][x] = (uint16_t) ((c->lo[0][j][x & 15] & c->hi[0][j][x >> 4]) |
                                                 (c->lo[1][j][x & 15] & c->hi[1][j][x >> 4]) << 8);
#if DFILTER_HAVE_AVX2
        c->avx2 = __builtin_cpu_supports("avx2");
#endif
        free(gw), free(order), free(bucket);
        return 0;
}

int dclassifier_init(struct dclassifier *c) {
        int r;

        *c = (struct dclassifier) {};
        if (n_drows > DROWS_MAX)
                return -EINVAL;
        c->re = calloc(n_drows, sizeof(*c->re));
        c->re_state = calloc(n_drows, sizeof(*c->re_state));
        if (!c->re || !c->re_state) {
                dclassifier_done(c);
                return -ENOMEM;
        }
        r = compile_groups(c);
        if (r == 0)
                r = compile_filter(c);
        if (r < 0)
                dclassifier_done(c);
        return r;
}

/* Row i's expression, compiled when first needed (most rows are plain strings and never
 * are). NULL when it does not compile (a bug: dclassifier_compile_all() in the tests). */
static const regex_t *row_re(const struct dclassifier *c, size_t i) {
        if (c->re_state[i] == 0)
                c->re_state[i] = regcomp(&c->re[i], drows[i].pattern, REG_EXTENDED | REG_NOSUB) == 0 ? 1 : -1;
        return c->re_state[i] > 0 ? &c->re[i] : NULL;
}

int dclassifier_compile_all(const struct dclassifier *c) {
        for (size_t i = 0; i < n_drows; i++)
                if (!row_re(c, i))
                        return -EINVAL;
        return 0;
}

void dclassifier_done(struct dclassifier *c) {
        if (c->re && c->re_state)
                for (size_t i = 0; i < n_drows; i++)
                        if (c->re_state[i] > 0)
                                regfree(&c->re[i]);
        if (c->recovers)
                for (size_t i = 0; i < n_drows; i++)
                        free(c->recovers[i]);
        free(c->re);
        free(c->re_state);
        free(c->recovers);
        free(c->group_of);
        free(c->anchor);
        free(c->anchor_len);
        free(c->fp_off);
        free(c->by_bucket);
        free(c->literal);
        free(c->pattern_len);
        *c = (struct dclassifier) {};
}

/* ---- the scan ----------------------------------------------------------------------------- */

static size_t next_window_scalar(const struct dclassifier *c, const unsigned char *s, size_t n, size_t i,
                                 uint16_t *mask) {
        for (; i + DFILTER_F <= n; i++) {
                uint16_t m = c->t[0][s[i]] & c->t[1][s[i + 1]] & c->t[2][s[i + 2]] & c->t[3][s[i + 3]];
                if (m) {
                        *mask = m;
                        return i;
                }
        }
        return n;
}

#if DFILTER_HAVE_AVX2
#include <immintrin.h>

__attribute__((target("avx2")))
static size_t next_window_avx2(const struct dclassifier *c, const unsigned char *s, size_t n, size_t i,
                               uint16_t *mask) {
        const __m256i nib = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
        __m256i lo[2][DFILTER_F], hi[2][DFILTER_F];

        if (n < 32 + DFILTER_F)
                return next_window_scalar(c, s, n, i, mask);
        for (size_t k = 0; k < 2; k++)
                for (size_t j = 0; j < DFILTER_F; j++) {
                        lo[k][j] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) c->lo[k][j]));
                        hi[k][j] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *) c->hi[k][j]));
                }
#define DFILTER_STEP(j)                                                                                  \
        do {                                                                                             \
                __m256i v = _mm256_loadu_si256((const __m256i *) (s + i + (j)));                         \
                __m256i vl = _mm256_and_si256(v, nib), vh = _mm256_and_si256(_mm256_srli_epi16(v, 4), nib); \
                a = _mm256_and_si256(a, _mm256_and_si256(_mm256_shuffle_epi8(lo[0][j], vl),              \
                                                         _mm256_shuffle_epi8(hi[0][j], vh)));            \
                b = _mm256_and_si256(b, _mm256_and_si256(_mm256_shuffle_epi8(lo[1][j], vl),              \
                                                         _mm256_shuffle_epi8(hi[1][j], vh)));            \
        } while (0)
        _Static_assert(DFILTER_F == 4, "the loop below is unrolled for 4");
        for (; i + 32 + DFILTER_F - 1 <= n; i += 32) {
                __m256i a = _mm256_set1_epi8(-1), b = a;
                uint32_t bits;
                DFILTER_STEP(0);
                DFILTER_STEP(1);
                DFILTER_STEP(2);
                DFILTER_STEP(3);
                bits = ~(uint32_t) _mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_or_si256(a, b), zero));
                if (bits) {
                        uint8_t va[32], vb[32];
                        unsigned k = (unsigned) __builtin_ctz(bits);
                        _mm256_storeu_si256((__m256i *) va, a);
                        _mm256_storeu_si256((__m256i *) vb, b);
                        *mask = (uint16_t) (va[k] | vb[k] << 8);
                        return i + k;
                }
        }
#undef DFILTER_STEP
        return next_window_scalar(c, s, n, i, mask);
}
#endif

void dscan_init(struct dscan *it, const struct dclassifier *c, const char *s, size_t n) {
        *it = (struct dscan) { .c = c, .s = (const unsigned char *) s, .n = n };
}

bool dscan_next(struct dscan *it, size_t *ret_anchor, size_t *ret_at) {
        const struct dclassifier *c = it->c;

        for (;;) {
                while (it->mask) {
                        unsigned b = (unsigned) __builtin_ctz(it->mask);
                        size_t end = c->bucket_start[b + 1];
                        if (it->k < c->bucket_start[b])
                                it->k = c->bucket_start[b];
                        while (it->k < end) {
                                size_t a = c->by_bucket[it->k++], at;
                                if (it->window < c->fp_off[a])
                                        continue;
                                at = it->window - c->fp_off[a];
                                if (at + c->anchor_len[a] <= it->n &&
                                    memcmp(it->s + it->window, c->anchor[a] + c->fp_off[a], DFILTER_F) == 0 &&
                                    memcmp(it->s + at, c->anchor[a], c->anchor_len[a]) == 0) {
                                        *ret_anchor = a;
                                        *ret_at = at;
                                        return true;
                                }
                        }
                        it->mask &= (uint16_t) (it->mask - 1);
                        it->k = 0;
                }
                if (it->next >= it->n)
                        return false;
#if DFILTER_HAVE_AVX2
                if (c->avx2 && !it->scalar)
                        it->window = next_window_avx2(c, it->s, it->n, it->next, &it->mask);
                else
#endif
                        it->window = next_window_scalar(c, it->s, it->n, it->next, &it->mask);
                if (it->window >= it->n)
                        return false;
                it->next = it->window + 1;
                it->k = 0;
        }
}

static bool logger_ok(const struct drow *row, const char *logger, size_t n) {
        size_t k;

        if (!row->logger || n == 0)
                return true;
        k = strlen(row->logger);
        return n >= k && memcmp(logger, row->logger, k) == 0 && (n == k || logger[k] == '.');
}

void dmatch_begin(struct dmatch *m) {
        m->best = -1;
        memset(m->tried, 0, sizeof(m->tried));
}

void dmatch_consider(const struct dclassifier *c, struct dmatch *m, size_t anchor, const char *logger,
                     size_t logger_len, const char *msg, size_t n, size_t at) {
        const regex_t *re;
        size_t row = anchor;

        if (anchor >= n_drows || (m->best >= 0 && row >= (size_t) m->best))
                return;
        if (c->literal[row]) {
                /* Decided here, by this occurrence (the pattern starts with the anchor). */
                if (c->pattern_len[row] <= n - at && memcmp(msg + at, drows[row].pattern, c->pattern_len[row]) == 0 &&
                    logger_ok(&drows[row], logger, logger_len))
                        m->best = (int) row;
                return;
        }
        if (m->tried[row / 64] & (UINT64_C(1) << (row % 64)))
                return;   /* regexec looks at the whole message: once per row */
        m->tried[row / 64] |= UINT64_C(1) << (row % 64);
        if (logger_ok(&drows[row], logger, logger_len) && (re = row_re(c, row)) && regexec(re, msg, 0, NULL, 0) == 0)
                m->best = (int) row;
}

int dclassifier_match(const struct dclassifier *c, const char *logger, size_t logger_len,
                      const char *msg, size_t n) {
        struct dscan it;
        struct dmatch m;
        size_t a, at;

        dmatch_begin(&m);
        dscan_init(&it, c, msg, n);
        while (dscan_next(&it, &a, &at))
                dmatch_consider(c, &m, a, logger, logger_len, msg, n, at);
        return m.best;
}

void dclassifier_print_patterns(FILE *f) {
        for (size_t i = 0; i < n_drows; i++)
                fprintf(f, "%s\n", drows[i].pattern);
}
