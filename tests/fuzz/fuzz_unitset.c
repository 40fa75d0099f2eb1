/* SPDX-License-Identifier: MIT */
/* libFuzzer target: the search path loader over a generated tree. The input is a
 * list of operations on two search path dirs (write a unit or drop-in with the
 * next line as text, make a directory, a symlink to another entry, to /dev/null,
 * to "..", to itself), from a fixed vocabulary of names. Then the index, discovery,
 * every unit's lookup and its merge run as the generator and linter run them:
 * nothing crashes, leaks or loops, every discovered name is a valid unit name and
 * every applied drop-in path is below a search path dir. The tree lives in the
 * process's scratch dir (scratch.h), emptied before each input. */
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "effective.h"
#include "strv.h"
#include "unitname.h"
#include "unitset.h"
#include "scratch.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
        "hermes-gateway.service", "hermes-gateway-a.service", "hermes-gateway@.service",
        "hermes-gateway@x.service", "hermes.service", "hermes-gateway.service.d",
        "hermes-gateway-.service.d", "service.d", "hermes-gateway@.service.d", "hermes.service.d",
        "hermes-gateway.service.d/10-a.conf", "hermes-gateway.service.d/20-b.conf",
        "service.d/x.conf", "hermes-gateway-.service.d/y.conf", "hermes-gateway@.service.d/z.conf",
        "default.target.wants", "default.target.wants/hermes-gateway@x.service", "bad name",
};
#define N_NAMES (sizeof(names) / sizeof(names[0]))

static char root[256];

/* The tree is <scratch>/t: a link to ".." reaches <scratch>, which holds nothing
 * but t. An entry is made only where its parent resolves inside the tree: chained
 * links to ".." (service.d -> .., service.d/x.conf -> .., x.d -> service.d/x.conf)
 * once wrote hermes-gateway@.service.d/z.conf into /dev/shm itself, where the next
 * inputs found it. */
static bool parent_in_tree(const char *path) {
        char dir[512], real[PATH_MAX], *slash;
        size_t n = strlen(root);

        snprintf(dir, sizeof(dir), "%s", path);
        if (!(slash = strrchr(dir, '/')))
                return false;
        *slash = 0;
        return realpath(dir, real) && strncmp(real, root, n) == 0 && (real[n] == 0 || real[n] == '/');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        char dirs[2][288], *search[3] = { dirs[0], dirs[1], NULL };
        struct manager_defaults defaults;
        struct unit_index *idx = NULL;
        struct diag_list diags = {};
        char **found = NULL;

        if (!root[0]) {
                snprintf(root, sizeof(root), "%s/t", fuzz_scratch("unitset"));
                if (mkdir(root, 0755) < 0)
                        abort();
        }
        fuzz_scratch_clear(root);       /* each input on its own: nothing left from the last one */
        for (int d = 0; d < 2; d++) {
                snprintf(dirs[d], sizeof(dirs[d]), "%s/%d", root, d);
                mkdir(dirs[d], 0755);
        }
        /* Records: op, dir, name, target; op 0: file (text up to '\n'), 1: dir, 2: link
         * to another name, 3: link to /dev/null, 4: link to "..", 5: link to itself. */
        for (size_t i = 0; i + 4 <= size;) {
                unsigned op = data[i] % 6, d = data[i + 1] % 2;
                const char *name = names[data[i + 2] % N_NAMES], *target = names[data[i + 3] % N_NAMES];
                char path[512];
                i += 4;
                snprintf(path, sizeof(path), "%s/%s", dirs[d], name);
                bool make = parent_in_tree(path);
                if (op == 0) {
                        size_t len = 0;
                        while (i + len < size && data[i + len] != '\n' && len < 512)
                                len++;
                        /* O_NOFOLLOW: an entry already there may be a link out of the tree. */
                        int fd = make ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644) : -1;
                        if (fd >= 0) {
                                (void) !write(fd, data + i, len);
                                close(fd);
                        }
                        i += len + (i + len < size);
                } else if (!make)
                        continue;
                else if (op == 1)
                        mkdir(path, 0755);
                else
                        (void) symlink(op == 2 ? target : op == 3 ? "/dev/null" : op == 4 ? ".." : name, path);
        }
        manager_defaults_init(&defaults, SCOPE_USER);
        if (unit_index_new(search, &idx, &diags) < 0 || unitset_discover(search, &found, &diags) < 0)
                abort();
        for (size_t k = 0; found[k]; k++) {
                struct unitset *u = NULL;
                struct effective *e = NULL;
                if (!unit_name_is_valid(found[k], UNIT_NAME_ANY))
                        abort();
                if (unitset_lookup(idx, found[k], &u, &diags) < 0)
                        continue;
                for (size_t a = 0; a < u->n_applied; a++)
                        if (strncmp(u->applied[a].path, root, strlen(root)) != 0 && strcmp(u->applied[a].path, "/dev/null") != 0)
                                abort();
                if (effective_compute(u, &defaults, &e, &diags) >= 0)
                        effective_free(e);
                unitset_free(u);
        }
        strv_free(found);
        unit_index_free(idx);
        manager_defaults_done(&defaults);
        diag_list_clear(&diags);
        return 0;
}
