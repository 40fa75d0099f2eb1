/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The policy reader (lib/policy.c) runs its own line grammar in front of inih, for
 * line numbers and precise messages. This pins it to bare inih, the libinih the
 * programs link: on one text, when our reader refuses no line, inih alone must
 * parse the text without an error and report exactly the same keys (section, key,
 * value, in order) as inih behind our reader. The text inih alone gets has each
 * line's leading whitespace removed: "an indented line is never a continuation"
 * is the one difference hermes-guardrails.conf(5) documents for lines we accept.
 * Shared by tests/unit/test_policy_grammar.c and the fuzz target
 * tests/fuzz/fuzz_policy_grammar.c.
 */

#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "policy.h"

struct grammar_keys {
        char *text;         /* "section\x1fkey\x1fvalue\n" per key, in order */
        size_t size;
        FILE *f;
        unsigned n;
};

static inline int grammar_key(void *userdata, const char *section, const char *key, const char *value) {
        struct grammar_keys *k = userdata;

        fprintf(k->f, "%s\x1f%s\x1f%s\n", section, key, value);
        k->n++;
        return 1;
}

static inline void grammar_section(void *userdata, const char *name) {
}

static inline bool grammar_keys_open(struct grammar_keys *k) {
        *k = (struct grammar_keys) {};
        k->f = open_memstream(&k->text, &k->size);
        return k->f != NULL;
}

static inline void grammar_keys_close(struct grammar_keys *k) {
        if (k->f)
                fclose(k->f);
        k->f = NULL;
}

/* text without a leading BOM and with every line's leading whitespace removed. */
static inline char *grammar_unindented(const char *text) {
        char *out = malloc(strlen(text) + 1), *o = out;
        bool line_start = true;

        if (!out)
                return NULL;
        if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
                text += 3;
        for (const char *s = text; *s; s++) {
                if (line_start && strchr(" \t\v\f\r", *s))
                        continue;
                line_start = *s == '\n';
                *o++ = *s;
        }
        *o = 0;
        return out;
}

/*
 * NULL when the two agree on text (or our reader refused a line: then the texts
 * differ on purpose and only the absence of crashes counts), else what differs.
 * *ret_keys (may be NULL): the keys our reader saw; *ret_refused: lines refused.
 */
static inline const char *grammar_disagreement(const char *text, unsigned *ret_keys, unsigned *ret_refused) {
        struct grammar_keys ours, bare;
        struct diag_list diags = {};
        const char *why = NULL;
        char *plain = NULL;
        int r;

        if (!grammar_keys_open(&ours) || !grammar_keys_open(&bare))
                abort();
        if (policy_grammar_parse("p.conf", text, grammar_section, grammar_key, &ours, &diags) < 0)
                abort();
        grammar_keys_close(&ours);
        if (ret_keys)
                *ret_keys = ours.n;
        if (ret_refused)
                *ret_refused = (unsigned) diags.n;
        if (diags.n == 0) {
                if (!(plain = grammar_unindented(text)))
                        abort();
                r = ini_parse_string(plain, grammar_key, &bare);
                grammar_keys_close(&bare);
                if (r != 0)
                        why = "inih alone refuses a line our reader accepts";
                else if (bare.size != ours.size || memcmp(bare.text, ours.text, ours.size) != 0)
                        why = "inih alone reports other keys than inih behind our reader";
        }
        grammar_keys_close(&bare);
        free(plain);
        free(ours.text);
        free(bare.text);
        diag_list_clear(&diags);
        return why;
}
