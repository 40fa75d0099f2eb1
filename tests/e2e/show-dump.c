/* SPDX-License-Identifier: MIT */
/*
 * show-dump [--provenance] [--system] UNIT...: effective_compute() + lint_show()
 * for the current environment's search path, without the linter's main.c. The
 * agreement suite uses it when $B/hermes-unit-lint is not built. Diagnostics go
 * to stderr.
 */
#include <stdio.h>
#include <string.h>

#include "effective.h"
#include "show.h"
#include "strv.h"

static void print_diags(struct diag_list *diags) {
        for (size_t i = 0; i < diags->n; i++)
                fprintf(stderr, "%s:%u: %s: %s [%s]\n", diags->items[i].file ? diags->items[i].file : "-",
                        diags->items[i].line, diag_level_name(diags->items[i].level),
                        diags->items[i].message, diag_code_name(diags->items[i].code));
        diag_list_clear(diags);
}

static int show_one(char **search_path, const struct manager_defaults *d, const char *name,
                    bool provenance) {
        struct diag_list diags = {};
        struct unitset *u = NULL;
        struct effective *e = NULL;
        int r = unitset_load(search_path, name, &u, &diags);

        if (r >= 0)
                r = effective_compute(u, d, &e, &diags);
        if (r >= 0)
                r = lint_show(stdout, e, provenance);
        print_diags(&diags);
        effective_free(e);
        unitset_free(u);
        return r;
}

int main(int argc, char **argv) {
        enum scope scope = SCOPE_USER;
        struct diag_list diags = {};
        struct manager_defaults d;
        bool provenance = false;
        char **search_path = NULL;
        int i = 1, r, failed = 0;

        for (; i < argc && argv[i][0] == '-'; i++)
                if (strcmp(argv[i], "--provenance") == 0)
                        provenance = true;
                else if (strcmp(argv[i], "--system") == 0)
                        scope = SCOPE_SYSTEM;
        if (searchpath_lookup(scope, NULL, &search_path) < 0 ||
            manager_defaults_load(scope, NULL, &d, &diags) < 0)
                return 2;
        print_diags(&diags);
        for (int first = i; i < argc; i++) {
                if (i > first)
                        putchar('\n');
                r = show_one(search_path, &d, argv[i], provenance);
                if (r < 0) {
                        fprintf(stderr, "%s: %s\n", argv[i], strerror(-r));
                        failed = 1;
                }
        }
        manager_defaults_done(&d);
        strv_free(search_path);
        return failed;
}
