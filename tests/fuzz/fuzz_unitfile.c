/* SPDX-License-Identifier: MIT */
/* libFuzzer target: lib/unitfile.c must never crash, leak or read out of bounds,
 * and what it returns must hold the header's promises (checked below). */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "unitfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool is_ws(char c) {
        return c == ' ' || c == '\t';
}

/* Non-empty only if asked, no line end inside, no surrounding whitespace. */
static void check_text(const char *s, bool nonempty) {
        size_t n = strlen(s);

        if ((nonempty && n == 0) || strpbrk(s, "\r\n"))
                abort();
        if (n > 0 && (is_ws(s[0]) || is_ws(s[n - 1])))
                abort();
}

/* Nothing at or after the line where systemd stopped reading. */
static void check_before_refusal(const struct unit_file *f) {
        unsigned stop = f->refused ? f->refused_line : ~0u;

        if ((f->refused != 0) != (f->refused_line != 0))
                abort();
        if (f->refused && f->refused != -ENOBUFS && f->refused != -EBADMSG && f->refused != -EINVAL)
                abort();
        if ((f->n_assignments && f->assignments[f->n_assignments - 1].line >= stop) ||
            (f->n_sections && f->sections[f->n_sections - 1].line >= stop) ||
            (f->n_comments && f->comments[f->n_comments - 1].line >= stop))
                abort();
}

static void check_file(const struct unit_file *f) {
        unsigned last = 0;

        for (size_t i = 0; i < f->n_assignments; i++) {
                const struct unit_assignment *a = &f->assignments[i];
                /* In file order, in a section seen before it, never with an empty key. */
                if (a->line < last || !f->n_sections || f->sections[0].line >= a->line)
                        abort();
                last = a->line;
                check_text(a->key, true);
                check_text(a->value, false);
                if (strchr(a->key, '=') || a->key[0] == '[')
                        abort();
        }
        for (size_t i = 0; i < f->n_sections; i++)
                if (f->sections[i].line == 0 || (i > 0 && f->sections[i].line <= f->sections[i - 1].line) ||
                    strpbrk(f->sections[i].name, "\"'\\\t\n\r\x7f"))
                        abort();
        for (size_t i = 0; i < f->n_comments; i++) {
                check_text(f->comments[i].text, true);
                if (!strchr("#;", f->comments[i].text[0]) || f->comments[i].line == 0 ||
                    (i > 0 && f->comments[i].line <= f->comments[i - 1].line))
                        abort();
        }
        check_before_refusal(f);
}

/* A refused file has exactly one error, the last diagnostic, at refused_line;
 * any other file has warnings at most. */
static void check_diags(const struct unit_file *f, const struct diag_list *diags) {
        size_t errors = diag_count(diags, DIAG_ERROR);

        if (errors != (f->refused ? 1u : 0u))
                abort();
        if (f->refused && (diags->items[diags->n - 1].level != DIAG_ERROR ||
                           diags->items[diags->n - 1].line != f->refused_line))
                abort();
        for (size_t i = 0; i < diags->n; i++)
                if (diags->items[i].line == 0 || strcmp(diags->items[i].file, "fuzz.service") != 0)
                        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct diag_list diags = {};
        struct unit_file *f = NULL;
        int r = unitfile_parse("fuzz.service", (const char *) data, size, &f, &diags);

        /* Out of memory is the only error, and gives nothing. */
        if (r < 0 ? (r != -ENOMEM || f) : !f)
                abort();
        if (f) {
                check_file(f);
                check_diags(f, &diags);
        }
        unitfile_free(f);
        diag_list_clear(&diags);
        return 0;
}
