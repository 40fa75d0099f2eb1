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
                if (!strchr("#;", f->comments[i].text[0]) || f->comments[i].line == 0)
                        abort();
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct diag_list diags = {};
        struct unit_file *f = NULL;
        int r = unitfile_parse("fuzz.service", (const char *) data, size, &f, &diags);

        /* Refused: exactly one error, nothing returned. Parsed: warnings at most. */
        if (r < 0 ? (f || diag_count(&diags, DIAG_ERROR) != 1) : (!f || diag_count(&diags, DIAG_ERROR)))
                abort();
        if (r < 0 && r != -ENOBUFS && r != -EBADMSG && r != -EINVAL && r != -ENOMEM)
                abort();
        for (size_t i = 0; i < diags.n; i++)
                if (diags.items[i].line == 0 || strcmp(diags.items[i].file, "fuzz.service") != 0)
                        abort();
        if (f)
                check_file(f);
        unitfile_free(f);
        diag_list_clear(&diags);
        return 0;
}
