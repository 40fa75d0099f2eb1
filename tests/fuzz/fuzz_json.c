/* SPDX-License-Identifier: MIT */
/* libFuzzer target: lib/json.c must never crash, leak or read out of bounds, and
 * every value it returns must be well-formed (checked by walking the tree). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct json_value *v, unsigned depth) {
        if (depth > JSON_MAX_DEPTH || v->line == 0 || v->column == 0)
                abort();
        (void) json_truthy(v);
        if (v->type == JSON_ARRAY)
                for (size_t i = 0; i < v->n; i++)
                        walk(v->elements[i], depth + 1);
        else if (v->type == JSON_OBJECT)
                for (size_t i = 0; i < v->n; i++) {
                        const struct json_member *m = &v->members[i];
                        /* A key without an inner NUL must be found by name. */
                        if (m->key[m->key_len] != 0 ||
                            (strlen(m->key) == m->key_len && !json_object_get(v, m->key)))
                                abort();
                        walk(v->members[i].value, depth + 1);
                }
        else if ((v->type == JSON_STRING || v->type == JSON_NUMBER) && v->string[v->n] != 0)
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
        for (unsigned flags = 0; flags <= JSON_ALLOW_CONTROL_CHARS; flags++) {
                struct diag_list diags = {};
                struct json_value *v = NULL;
                int r = json_parse("fuzz.json", (const char *) data, size, flags, &v, &diags);

                /* Exactly one error on failure; none (warnings aside) on success. */
                if ((r < 0) != (diag_count(&diags, DIAG_ERROR) == 1) || (r < 0 && v))
                        abort();
                if (r == 0)
                        walk(v, 1);
                json_free(v);
                diag_list_clear(&diags);
        }
        return 0;
}
