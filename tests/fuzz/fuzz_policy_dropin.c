/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any policy file loads without a crash, and the drop-in rendered
 * from it for any unit is a unit file systemd reads whole: it parses without a
 * diagnostic, every line is a comment, a section header or a known guardrail key,
 * and rendering is deterministic. (The grammar itself against inih is
 * fuzz_policy_grammar's.) */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "guardrail_dropin.h"
#include "policy.h"
#include "unitfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_dropin(const struct policy *pol, const char *unit) {
        struct diag_list diags = {};
        struct unit_file *f = NULL;
        struct guardrails g;
        char *a = NULL, *b = NULL;

        policy_guardrails_for(pol, unit, &g);
        if (guardrail_dropin_render(&g, unit, SCOPE_USER, pol->files, &a) < 0 ||
            guardrail_dropin_render(&g, unit, SCOPE_USER, pol->files, &b) < 0)
                abort();
        if (strcmp(a, b) != 0)
                abort();
        if (unitfile_parse("fuzz.conf", a, strlen(a), &f, &diags) < 0 || diags.n > 0)
                abort();
        for (const char *p = a; *p;) {
                size_t len = strcspn(p, "\n");
                if (len > 0 && p[0] != '#' && p[0] != '[' && !memchr(p, '=', len))
                        abort();
                p += len + (p[len] == '\n');
        }
        unitfile_free(f);
        diag_list_clear(&diags);
        free(a);
        free(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        struct diag_list diags = {};
        struct policy *pol = NULL;
        char path[64];
        int fd = memfd_create("policy.conf", MFD_CLOEXEC);

        if (fd < 0)
                return 0;
        if (write(fd, data, size) != (ssize_t) size) {
                close(fd);
                return 0;
        }
        snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
        if (policy_new_default(&pol) < 0)
                abort();
        if (policy_load_file(pol, path, &diags) < 0)
                abort();
        check_dropin(pol, "hermes-gateway.service");
        check_dropin(pol, "hermes-gateway-work.service");
        check_dropin(pol, "hermes-gateway@x.service");
        policy_free(pol);
        diag_list_clear(&diags);
        close(fd);
        return 0;
}
