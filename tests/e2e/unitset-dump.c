/* SPDX-License-Identifier: MIT */
/*
 * Test driver for tests/e2e/test-unitset-agrees.sh: prints what unitset computes
 * for each UNIT in `systemctl show` format (Id, Names, LoadState, FragmentPath,
 * DropInPaths), on the search path of the current environment ($SYSTEMD_SCOPE,
 * default user). With --path, prints that search path as the manager's UnitPath=;
 * with --discover, unitset_discover()'s names, one a line (as the first column of
 * `systemctl list-unit-files`). Diagnostics go to stderr.
 */
#include <stdio.h>
#include <string.h>

#include "searchpath.h"
#include "strv.h"
#include "unitset.h"

static void print_list(const char *key, char *const *l) {
        printf("%s=", key);
        for (size_t i = 0; l && l[i]; i++)
                printf("%s%s", i ? " " : "", l[i]);
        printf("\n");
}

static void print_diags(const char *what, struct diag_list *diags) {
        for (size_t i = 0; i < diags->n; i++)
                fprintf(stderr, "%s: %s: %s [%s]\n", what, diag_level_name(diags->items[i].level),
                        diags->items[i].message, diag_code_name(diags->items[i].code));
        diag_list_clear(diags);
}

static int discover(char *const *search_path) {
        struct diag_list diags = {};
        char **names = NULL;
        int r = unitset_discover(search_path, &names, &diags);

        print_diags("discover", &diags);
        if (r < 0) {
                fprintf(stderr, "discover: %s\n", strerror(-r));
                return 1;
        }
        for (size_t i = 0; names[i]; i++)
                printf("%s\n", names[i]);
        strv_free(names);
        return 0;
}

static int dump(char *const *search_path, const char *name) {
        struct diag_list diags = {};
        struct unitset *u = NULL;
        int r = unitset_load(search_path, name, &u, &diags);

        print_diags(name, &diags);
        if (r < 0) {
                fprintf(stderr, "%s: %s\n", name, strerror(-r));
                return 1;
        }
        printf("Id=%s\n", u->id);
        print_list("Names", u->names);
        printf("LoadState=%s\n", load_state_name(u->load_state));
        printf("FragmentPath=%s\n", u->fragment_path ? u->fragment_path : "");
        printf("DropInPaths=");
        for (size_t i = 0; i < u->n_applied; i++)
                printf("%s%s", i ? " " : "", u->applied[i].path);
        printf("\n");
        unitset_free(u);
        return 0;
}

int main(int argc, char **argv) {
        enum scope scope = SCOPE_USER;
        char **search_path = NULL;
        int r, failed = 0;

        (void) scope_from_env(&scope);
        r = searchpath_lookup(scope, NULL, &search_path);
        if (r < 0) {
                fprintf(stderr, "search path: %s\n", strerror(-r));
                return 1;
        }
        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--path") == 0)
                        print_list("UnitPath", search_path);
                else if (strcmp(argv[i], "--discover") == 0)
                        failed |= discover(search_path);
                else
                        failed |= dump(search_path, argv[i]);
        }
        strv_free(search_path);
        return failed;
}
