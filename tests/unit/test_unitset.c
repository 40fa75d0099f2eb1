/* SPDX-License-Identifier: MIT */
/*
 * Fragment, aliases and drop-ins of one unit, on trees built in a temp dir.
 * Every expectation here was also seen in a real systemd 252 user manager
 * (tests/e2e/test-unitset-agrees.sh loads the same kinds of trees and compares).
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture.h"

#include "strv.h"
#include "unitset.h"

/* Three search path dirs, highest priority first, plus a dir outside the path. */
static char root[64], hi[80], mid[80], lo[80], out[80];
static char *search[4];

static const char *p(const char *dir, const char *rel) {
        static char buf[8][256];
        static int k;

        k = (k + 1) % 8;
        assert_true(strlen(dir) + strlen(rel) + 2 <= sizeof(buf[k]));
        snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, rel);
        return buf[k];
}

static void put(const char *dir, const char *rel, const char *text) {
        fixture_write(dir, rel, text);
}

static void link_(const char *target, const char *dir, const char *rel) {
        fixture_symlink(dir, target, rel);
}

static int setup(void **state) {
        fixture_root_into(root, sizeof(root));
        snprintf(hi, sizeof(hi), "%s/hi", root);
        snprintf(mid, sizeof(mid), "%s/mid", root);
        snprintf(lo, sizeof(lo), "%s/lo", root);
        snprintf(out, sizeof(out), "%s/out", root);
        fixture_mkdirs(hi);
        fixture_mkdirs(mid);
        fixture_mkdirs(lo);
        fixture_mkdirs(out);
        search[0] = hi;
        search[1] = mid;
        search[2] = lo;
        search[3] = NULL;
        return 0;
}

static int teardown(void **state) {
        fixture_remove(root);
        return 0;
}

static void assert_strv_equal(char **a, char **b) {
        size_t i = 0;

        for (; a && a[i]; i++) {
                assert_non_null(b[i]);
                assert_string_equal(a[i], b[i]);
        }
        assert_true(!b || !b[i]);
}

/* unitset_lookup_unit() (the generator's) gives the same unit as the full lookup,
 * without the drop-ins. */
static void assert_lookup_unit_agrees(const struct unitset *full) {
        struct unit_index *idx = NULL;
        struct unitset *u = NULL;

        assert_int_equal(unit_index_new(search, &idx, NULL), 0);
        assert_int_equal(unitset_lookup_unit(idx, full->name, &u, NULL), 0);
        assert_string_equal(u->name, full->name);
        assert_true((u->id == NULL) == (full->id == NULL));
        if (u->id)
                assert_string_equal(u->id, full->id);
        assert_int_equal(u->load_state, full->load_state);
        assert_true((u->fragment_path == NULL) == (full->fragment_path == NULL));
        if (u->fragment_path)
                assert_string_equal(u->fragment_path, full->fragment_path);
        assert_strv_equal(u->names, full->names);
        assert_int_equal(u->n_applied, 0);
        assert_int_equal(u->n_hidden, 0);
        assert_null(u->dropin_dirs);
        unitset_free(u);
        unit_index_free(idx);
}

static struct unitset *load(const char *name) {
        struct unitset *u = NULL;

        assert_int_equal(unitset_load(search, name, &u, NULL), 0);
        assert_non_null(u);
        assert_string_equal(u->name, name);
        assert_lookup_unit_agrees(u);
        return u;
}

static void assert_names(const struct unitset *u, const char *const *expected) {
        size_t i = 0;

        for (; expected[i]; i++) {
                assert_non_null(u->names[i]);
                assert_string_equal(u->names[i], expected[i]);
        }
        assert_null(u->names[i]);
}

/* The applied drop-ins are exactly expected, in this order. */
static void assert_applied(const struct unitset *u, const char *const *expected) {
        size_t n = 0;

        for (; expected[n]; n++) {
                assert_true(n < u->n_applied);
                assert_string_equal(u->applied[n].path, expected[n]);
                assert_int_equal(u->applied[n].state, DROPIN_APPLIED);
                assert_null(u->applied[n].winner);
        }
        assert_int_equal(u->n_applied, n);
}

static const struct unit_dropin *hidden(const struct unitset *u, const char *path) {
        for (size_t i = 0; i < u->n_hidden; i++)
                if (strcmp(u->hidden[i].path, path) == 0)
                        return &u->hidden[i];
        fail_msg("%s is not among the hidden drop-ins", path);
        return NULL;
}

#define UNIT "[Service]\nExecStart=/bin/true\n"
#define STRS(...) ((const char *const[]) { __VA_ARGS__, NULL })

static void test_highest_priority_fragment_wins(void **state) {
        put(mid, "hermes-gateway.service", UNIT);
        put(lo, "hermes-gateway.service", UNIT);
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_string_equal(load_state_name(u->load_state), "loaded");
        assert_string_equal(u->id, "hermes-gateway.service");
        assert_string_equal(u->fragment_path, p(mid, "hermes-gateway.service"));
        assert_names(u, STRS("hermes-gateway.service"));
        unitset_free(u);
}

static void test_not_found_reads_no_dropins(void **state) {
        put(hi, "hermes-gateway.service.d/a.conf", "[Unit]\n");
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_NOT_FOUND);
        assert_string_equal(load_state_name(u->load_state), "not-found");
        assert_null(u->fragment_path);
        assert_string_equal(u->id, "hermes-gateway.service");
        assert_names(u, STRS("hermes-gateway.service"));
        assert_int_equal(u->n_applied, 0);
        assert_int_equal(u->n_hidden, 0);
        /* Where drop-ins would be looked for is still known. */
        assert_string_equal(u->dropin_dirs[0], p(hi, "hermes-gateway.service.d"));
        unitset_free(u);
}

static void test_devnull_link_masks_a_lower_file(void **state) {
        link_("/dev/null", hi, "hermes-gateway.service");
        put(lo, "hermes-gateway.service", UNIT);
        put(lo, "hermes-gateway.service.d/a.conf", "[Unit]\n");
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_MASKED);
        assert_string_equal(load_state_name(u->load_state), "masked");
        assert_string_equal(u->fragment_path, p(hi, "hermes-gateway.service"));
        /* A masked unit still lists its drop-ins, as the manager does. */
        assert_applied(u, STRS(p(lo, "hermes-gateway.service.d/a.conf")));
        unitset_free(u);
}

static void test_empty_file_masks(void **state) {
        put(hi, "hermes-gateway.service", "");
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_MASKED);
        assert_string_equal(u->fragment_path, p(hi, "hermes-gateway.service"));
        unitset_free(u);
}

static void test_instance_uses_template_unless_it_has_its_own_file(void **state) {
        put(lo, "hermes-gateway@.service", UNIT);
        struct unitset *u = load("hermes-gateway@x.service");
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_string_equal(u->fragment_path, p(lo, "hermes-gateway@.service"));
        assert_string_equal(u->id, "hermes-gateway@x.service");
        assert_names(u, STRS("hermes-gateway@x.service"));
        unitset_free(u);

        put(mid, "hermes-gateway@y.service", UNIT);
        u = load("hermes-gateway@y.service");
        assert_string_equal(u->fragment_path, p(mid, "hermes-gateway@y.service"));
        unitset_free(u);
}

static void test_alias_symlink_names_the_target(void **state) {
        put(lo, "hermes-gateway-work.service", UNIT);
        link_("hermes-gateway-work.service", lo, "hermes-work.service");
        link_(p(lo, "hermes-gateway-work.service"), hi, "hermes.service");

        struct unitset *u = load("hermes.service");
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_string_equal(u->id, "hermes-gateway-work.service");
        assert_string_equal(u->fragment_path, p(lo, "hermes-gateway-work.service"));
        assert_names(u, STRS("hermes-gateway-work.service", "hermes-work.service", "hermes.service"));
        unitset_free(u);

        u = load("hermes-gateway-work.service");
        assert_string_equal(u->id, "hermes-gateway-work.service");
        assert_names(u, STRS("hermes-gateway-work.service", "hermes-work.service", "hermes.service"));
        unitset_free(u);
}

static void test_alias_leads_to_the_highest_priority_file_of_the_target(void **state) {
        put(lo, "hermes-gateway.service", UNIT);
        put(mid, "hermes-gateway.service", UNIT);
        link_(p(lo, "hermes-gateway.service"), hi, "hermes.service");
        struct unitset *u = load("hermes.service");
        assert_string_equal(u->fragment_path, p(mid, "hermes-gateway.service"));
        unitset_free(u);
}

static void test_link_outside_the_path_is_a_linked_unit(void **state) {
        put(out, "elsewhere.service", UNIT);
        link_(p(out, "elsewhere.service"), hi, "hermes-gateway.service");
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_LOADED);
        assert_string_equal(u->id, "hermes-gateway.service");
        assert_string_equal(u->fragment_path, p(hi, "hermes-gateway.service"));
        assert_names(u, STRS("hermes-gateway.service"));
        unitset_free(u);
}

static void test_dangling_linked_unit_is_not_found(void **state) {
        link_(p(out, "missing.service"), hi, "hermes-gateway.service");
        struct unitset *u = load("hermes-gateway.service");
        assert_int_equal(u->load_state, LOAD_NOT_FOUND);
        assert_null(u->fragment_path);
        unitset_free(u);
}

static void test_alias_of_a_masked_unit_is_masked(void **state) {
        link_("/dev/null", hi, "hermes-gateway.service");
        link_("hermes-gateway.service", lo, "hermes.service");
        struct unitset *u = load("hermes.service");
        assert_int_equal(u->load_state, LOAD_MASKED);
        assert_string_equal(u->id, "hermes-gateway.service");
        assert_string_equal(u->fragment_path, p(hi, "hermes-gateway.service"));
        assert_names(u, STRS("hermes-gateway.service", "hermes.service"));
        unitset_free(u);
}

static void test_self_alias_is_ignored(void **state) {
        struct diag_list diags = {};
        struct unitset *u = NULL;

        put(lo, "hermes-gateway.service", UNIT);
        link_(p(lo, "hermes-gateway.service"), hi, "hermes-gateway.service");
        assert_int_equal(unitset_load(search, "hermes-gateway.service", &u, &diags), 0);
        assert_string_equal(u->fragment_path, p(lo, "hermes-gateway.service"));
        assert_int_equal(diags.n, 0);
        unitset_free(u);
}

static void test_relative_alias_into_another_dir(void **state) {
        put(lo, "hermes-gateway-work.service", UNIT);
        link_("./../lo//hermes-gateway-work.service", hi, "hermes.service");
        struct unitset *u = load("hermes.service");
        assert_string_equal(u->id, "hermes-gateway-work.service");
        assert_string_equal(u->fragment_path, p(lo, "hermes-gateway-work.service"));
        unitset_free(u);
}

static void test_alias_with_another_type_is_rejected(void **state) {
        struct diag_list diags = {};
        struct unitset *u = NULL;

        put(lo, "hermes-gateway.service", UNIT);
        put(lo, "hermes.service", UNIT);
        link_("hermes-gateway.service", hi, "hermes.socket");
        link_("hermes-gateway.service", hi, "hermes.service");  /* valid: wins over lo's file */
        assert_int_equal(unitset_load(search, "hermes.socket", &u, &diags), 0);
        assert_int_equal(u->load_state, LOAD_NOT_FOUND);
        assert_int_equal(diags.n, 1);
        assert_string_equal(diag_code_name(diags.items[0].code), "invalid-alias");
        unitset_free(u);
        diag_list_clear(&diags);

        u = load("hermes.service");
        assert_string_equal(u->id, "hermes-gateway.service");
        unitset_free(u);
}

static void test_template_alias_gives_instance_names(void **state) {
        put(lo, "hermes-gateway@.service", UNIT);
        link_("hermes-gateway@.service", lo, "hermes@.service");
        struct unitset *u = load("hermes@x.service");
        assert_string_equal(u->id, "hermes-gateway@x.service");
        assert_string_equal(u->fragment_path, p(lo, "hermes-gateway@.service"));
        assert_names(u, STRS("hermes-gateway@x.service", "hermes@x.service"));
        unitset_free(u);
}

static void test_dropins_shadowing_and_masks(void **state) {
        const char *d = "hermes-gateway-x.service.d";
        char dir[PATH_MAX];

        put(lo, "hermes-gateway-x.service", UNIT);
        snprintf(dir, sizeof(dir), "%s", p(hi, d));
        put(hi, "hermes-gateway-x.service.d/10-a.conf", "[Unit]\n");
        put(mid, "hermes-gateway-x.service.d/10-a.conf", "[Unit]\n");
        put(lo, "hermes-gateway-x.service.d/20-b.conf", "[Unit]\n");
        link_("/dev/null", hi, "hermes-gateway-x.service.d/30-c.conf");
        put(lo, "hermes-gateway-x.service.d/30-c.conf", "[Unit]\n");
        put(hi, "hermes-gateway-x.service.d/.hidden.conf", "[Unit]\n");
        put(hi, "hermes-gateway-x.service.d/README", "x\n");
        put(hi, "hermes-gateway-x.service.d/40-x.conf.disabled", "[Unit]\n");
        /* Listed by the manager whatever they are. */
        fixture_mkdirs(p(hi, "hermes-gateway-x.service.d/50-dir.conf"));
        link_("/nonexistent", hi, "hermes-gateway-x.service.d/60-dangling.conf");
        put(mid, "hermes-gateway-x.service.d/70-empty.conf", "");
        put(lo, "hermes-gateway-x.service.d/70-empty.conf", "[Unit]\n");

        struct unitset *u = load("hermes-gateway-x.service");
        assert_applied(u, STRS(p(hi, "hermes-gateway-x.service.d/10-a.conf"),
                               p(lo, "hermes-gateway-x.service.d/20-b.conf"),
                               p(hi, "hermes-gateway-x.service.d/30-c.conf"),
                               p(hi, "hermes-gateway-x.service.d/50-dir.conf"),
                               p(hi, "hermes-gateway-x.service.d/60-dangling.conf"),
                               p(mid, "hermes-gateway-x.service.d/70-empty.conf")));
        assert_int_equal(u->n_hidden, 3);
        const struct unit_dropin *h = hidden(u, p(mid, "hermes-gateway-x.service.d/10-a.conf"));
        assert_int_equal(h->state, DROPIN_SHADOWED);
        assert_string_equal(h->winner, p(hi, "hermes-gateway-x.service.d/10-a.conf"));
        h = hidden(u, p(lo, "hermes-gateway-x.service.d/30-c.conf"));
        assert_int_equal(h->state, DROPIN_MASKED);
        assert_string_equal(h->winner, p(hi, "hermes-gateway-x.service.d/30-c.conf"));
        h = hidden(u, p(lo, "hermes-gateway-x.service.d/70-empty.conf"));
        assert_int_equal(h->state, DROPIN_MASKED);
        unitset_free(u);
}

/* Seen in the manager: name before search path dir before dash prefix; service.d last. */
static void test_dropin_dir_order(void **state) {
        put(lo, "hermes-gateway-x.service", UNIT);
        link_("hermes-gateway-x.service", lo, "hermes-x.service");
        /* mid's prefix dir beats lo's exact dir (search path dir first) */
        put(mid, "hermes-gateway-.service.d/10.conf", "");
        put(lo, "hermes-gateway-x.service.d/10.conf", "");
        /* lo's prefix dir beats hi's service.d (type dirs come last) */
        put(lo, "hermes-.service.d/20.conf", "");
        put(hi, "service.d/20.conf", "");
        /* lo's dir of the id beats hi's dir of the alias (names first) */
        put(lo, "hermes-gateway-x.service.d/30.conf", "");
        put(hi, "hermes-x.service.d/30.conf", "");
        put(hi, "hermes-x.service.d/40.conf", "");
        /* wrong dir names are never read */
        put(hi, "hermes-gateway-x.d/50.conf", "");
        put(hi, "hermes-gateway.service.d/50.conf", "");

        struct unitset *u = load("hermes-x.service");
        assert_string_equal(u->id, "hermes-gateway-x.service");
        assert_applied(u, STRS(p(mid, "hermes-gateway-.service.d/10.conf"),
                               p(lo, "hermes-.service.d/20.conf"),
                               p(lo, "hermes-gateway-x.service.d/30.conf"),
                               p(hi, "hermes-x.service.d/40.conf")));
        assert_string_equal(hidden(u, p(lo, "hermes-gateway-x.service.d/10.conf"))->winner,
                            p(mid, "hermes-gateway-.service.d/10.conf"));
        assert_string_equal(hidden(u, p(hi, "service.d/20.conf"))->winner, p(lo, "hermes-.service.d/20.conf"));
        assert_string_equal(hidden(u, p(hi, "hermes-x.service.d/30.conf"))->winner,
                            p(lo, "hermes-gateway-x.service.d/30.conf"));
        assert_int_equal(u->n_hidden, 3);
        /* dropin_dirs: the id's dirs, per search path dir, then the alias's, then service.d */
        assert_string_equal(u->dropin_dirs[0], p(hi, "hermes-gateway-x.service.d"));
        assert_string_equal(u->dropin_dirs[1], p(hi, "hermes-gateway-.service.d"));
        assert_string_equal(u->dropin_dirs[2], p(hi, "hermes-.service.d"));
        assert_string_equal(u->dropin_dirs[3], p(mid, "hermes-gateway-x.service.d"));
        size_t n = strv_length(u->dropin_dirs);
        assert_string_equal(u->dropin_dirs[n - 3], p(hi, "service.d"));
        assert_string_equal(u->dropin_dirs[n - 1], p(lo, "service.d"));
        assert_true(strv_contains(u->dropin_dirs, p(hi, "hermes-x.service.d")));
        unitset_free(u);
}

static void test_no_dash_prefix_for_the_default_gateway(void **state) {
        put(lo, "hermes-gateway.service", UNIT);
        put(hi, "hermes-gateway-.service.d/10.conf", "");
        put(hi, "hermes-.service.d/20.conf", "");
        struct unitset *u = load("hermes-gateway.service");
        assert_applied(u, STRS(p(hi, "hermes-.service.d/20.conf")));
        unitset_free(u);
}

static void test_template_dir_applies_to_instances(void **state) {
        put(lo, "hermes-gateway@.service", UNIT);
        put(lo, "hermes-gateway@.service.d/10.conf", "");
        put(hi, "hermes-gateway@x.service.d/20.conf", "");
        put(hi, "hermes-gateway@y.service.d/30.conf", "");
        struct unitset *u = load("hermes-gateway@x.service");
        assert_applied(u, STRS(p(lo, "hermes-gateway@.service.d/10.conf"),
                               p(hi, "hermes-gateway@x.service.d/20.conf")));
        unitset_free(u);
}

static void test_dropin_dir_symlink_shows_the_canonical_path(void **state) {
        put(lo, "hermes-gateway.service", UNIT);
        put(out, "shared.d/10.conf", "");
        link_(p(out, "shared.d"), hi, "hermes-gateway.service.d");
        struct unitset *u = load("hermes-gateway.service");
        assert_applied(u, STRS(p(out, "shared.d/10.conf")));
        unitset_free(u);
}

static void test_invalid_name(void **state) {
        struct unitset *u = NULL;

        assert_int_equal(unitset_load(search, "hermes-gateway", &u, NULL), -EINVAL);
        assert_int_equal(unitset_load(search, "a/b.service", &u, NULL), -EINVAL);
        assert_null(u);
}

static void test_discover(void **state) {
        struct diag_list diags = {};
        char **names = NULL;

        put(hi, "hermes-gateway.service", UNIT);
        put(lo, "hermes-gateway.service", UNIT);
        put(lo, "hermes-gateway@.service", UNIT);
        link_("/dev/null", mid, "hermes.service");
        link_("hermes-gateway.service", mid, "hermes-alias.service");
        put(hi, "hermes-gateway.service.d/10.conf", "");
        fixture_mkdirs(p(hi, "default.target.wants"));
        link_(p(lo, "hermes-gateway.service"), hi, "default.target.wants/hermes-gateway.service");
        link_(p(hi, "default.target.wants"), mid, "other.target.wants");
        put(lo, "README", "x\n");
        assert_int_equal(unitset_discover(search, &names, &diags), 0);
        assert_int_equal(strv_length(names), 4);
        assert_string_equal(names[0], "hermes-alias.service");
        assert_string_equal(names[1], "hermes-gateway.service");
        assert_string_equal(names[2], "hermes-gateway@.service");
        assert_string_equal(names[3], "hermes.service");
        assert_int_equal(diags.n, 1);
        assert_string_equal(diag_code_name(diags.items[0].code), "invalid-unit-name");
        assert_int_equal(diags.items[0].level, DIAG_WARNING);
        strv_free(names);
        diag_list_clear(&diags);
}

/* One read per dir serves all: the names, and the .wants/.requires dirs in search
 * path order (sorted within a dir); a file that is no unit name is reported only
 * to a caller that asks for the names, once per asking. */
static void test_index_names_and_dep_dirs(void **state) {
        struct diag_list diags = {};
        struct unit_index *idx = NULL;

        put(hi, "hermes-gateway.service", UNIT);
        put(lo, "hermes-gateway.service", UNIT);
        put(lo, "b.service", UNIT);
        put(lo, "README", "x\n");
        fixture_mkdirs(p(hi, "z.target.requires"));
        fixture_mkdirs(p(hi, "default.target.wants"));
        fixture_mkdirs(p(lo, "a.target.wants"));
        fixture_mkdirs(p(lo, "dir.service"));
        link_(p(lo, "dir.service"), mid, "linked-dir.service");
        assert_int_equal(unit_index_new(search, &idx, &diags), 0);
        assert_int_equal(diags.n, 0);
        char *const *names = unit_index_names(idx, NULL);
        assert_int_equal(strv_length((char **) names), 2);
        assert_string_equal(names[0], "b.service");
        assert_string_equal(names[1], "hermes-gateway.service");
        char *const *deps = unit_index_dep_dirs(idx);
        assert_int_equal(strv_length((char **) deps), 3);
        assert_string_equal(deps[0], p(hi, "default.target.wants"));
        assert_string_equal(deps[1], p(hi, "z.target.requires"));
        assert_string_equal(deps[2], p(lo, "a.target.wants"));
        assert_ptr_equal(unit_index_names(idx, &diags), names);
        assert_int_equal(diags.n, 1);
        assert_string_equal(diag_code_name(diags.items[0].code), "invalid-unit-name");
        unit_index_free(idx);
        diag_list_clear(&diags);
}

/* Only what surely is not there is "absent": a missing search dir, a listed dir without
 * the entry; paths the index did not read (outside the path, deeper) may exist. */
static void test_index_knows_which_dotd_dirs_exist(void **state) {
        struct unit_index *idx = NULL;
        char *with_missing[] = { hi, (char *) p(root, "gone"), NULL };

        put(hi, "hermes-gateway.service.d/10.conf", "");
        put(hi, "hermes-gateway.d/10.conf", "");
        assert_int_equal(unit_index_new(with_missing, &idx, NULL), 0);
        assert_true(unit_index_dotd_may_exist(idx, p(hi, "hermes-gateway.service.d")));
        assert_true(unit_index_dotd_may_exist(idx, p(hi, "hermes-gateway.d")));
        assert_false(unit_index_dotd_may_exist(idx, p(hi, "hermes-gateway-x.service.d")));
        assert_false(unit_index_dotd_may_exist(idx, p(root, "gone/hermes-gateway.service.d")));
        assert_true(unit_index_dotd_may_exist(idx, p(out, "hermes-gateway.service.d")));
        assert_true(unit_index_dotd_may_exist(idx, p(hi, "hermes-gateway.service.d/x.d")));
        unit_index_free(idx);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void) {
        const struct CMUnitTest tests[] = {
                T(test_highest_priority_fragment_wins),
                T(test_not_found_reads_no_dropins),
                T(test_devnull_link_masks_a_lower_file),
                T(test_empty_file_masks),
                T(test_instance_uses_template_unless_it_has_its_own_file),
                T(test_alias_symlink_names_the_target),
                T(test_alias_leads_to_the_highest_priority_file_of_the_target),
                T(test_link_outside_the_path_is_a_linked_unit),
                T(test_dangling_linked_unit_is_not_found),
                T(test_alias_of_a_masked_unit_is_masked),
                T(test_self_alias_is_ignored),
                T(test_relative_alias_into_another_dir),
                T(test_alias_with_another_type_is_rejected),
                T(test_template_alias_gives_instance_names),
                T(test_dropins_shadowing_and_masks),
                T(test_dropin_dir_order),
                T(test_no_dash_prefix_for_the_default_gateway),
                T(test_template_dir_applies_to_instances),
                T(test_dropin_dir_symlink_shows_the_canonical_path),
                T(test_invalid_name),
                T(test_discover),
                T(test_index_names_and_dep_dirs),
                T(test_index_knows_which_dotd_dirs_exist),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
