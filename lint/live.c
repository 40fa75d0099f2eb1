/* SPDX-License-Identifier: MIT */
/* See live.h. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "live.h"
#include "strv.h"

/* One row per property read: D-Bus type and where it goes. */
struct prop {
        const char *name;
        char type;            /* 's', 'u', 'i', 't', or 'a' (as) */
        size_t offset;
};

#define P(n, t, f) { n, t, offsetof(struct live_unit, f) }
static const struct prop unit_props[] = {
        P("LoadState", 's', load_state),
        P("ActiveState", 's', active_state),
        P("SubState", 's', sub_state),
        P("UnitFileState", 's', unit_file_state),
        P("FragmentPath", 's', fragment_path),
        P("DropInPaths", 'a', dropin_paths),
        P("StartLimitIntervalUSec", 't', start_limit_interval),
        P("StartLimitBurst", 'u', start_limit_burst),
        P("StateChangeTimestamp", 't', state_change),
        {}
};
static const struct prop service_props[] = {
        P("Result", 's', result),
        P("NRestarts", 'u', n_restarts),
        P("ExecMainCode", 'i', exec_main_code),
        P("ExecMainStatus", 'i', exec_main_status),
        P("Restart", 's', restart),
        P("RestartUSec", 't', restart_usec),
        P("ExecMainStartTimestampMonotonic", 't', exec_main_start),
        P("ExecMainStartTimestamp", 't', exec_main_started),
        {}
};
#undef P

static const struct prop *prop_find(const struct prop *t, const char *name) {
        for (; t->name; t++)
                if (strcmp(t->name, name) == 0)
                        return t;
        return NULL;
}

static int read_value(sd_bus_message *m, const struct prop *p, struct live_unit *u) {
        void *field = (char *) u + p->offset;
        const char *s;
        char **l = NULL;
        int r;

        switch (p->type) {
        case 's':
                if ((r = sd_bus_message_read(m, "v", "s", &s)) < 0)
                        return r;
                free(*(char **) field);
                return (*(char **) field = strdup(s)) ? 0 : -ENOMEM;
        case 'a':
                if ((r = sd_bus_message_enter_container(m, 'v', "as")) < 0 ||
                    (r = sd_bus_message_read_strv(m, &l)) < 0)
                        return r;
                strv_free(*(char ***) field);
                *(char ***) field = l;
                return sd_bus_message_exit_container(m);
        case 'u':
                return sd_bus_message_read(m, "v", "u", (unsigned *) field);
        case 'i':
                return sd_bus_message_read(m, "v", "i", (int *) field);
        default:
                return sd_bus_message_read(m, "v", "t", (uint64_t *) field);
        }
}

/* Reads an a{sv} of GetAll into u: the properties of table, skipping the rest. */
static int read_all(sd_bus_message *m, const struct prop *table, struct live_unit *u) {
        const char *name;
        int r;

        if ((r = sd_bus_message_enter_container(m, 'a', "{sv}")) < 0)
                return r;
        while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
                const struct prop *p;
                if ((r = sd_bus_message_read(m, "s", &name)) < 0)
                        return r;
                p = prop_find(table, name);
                r = p ? read_value(m, p, u) : sd_bus_message_skip(m, "v");
                if (r < 0 || (r = sd_bus_message_exit_container(m)) < 0)
                        return r;
        }
        return r < 0 ? r : sd_bus_message_exit_container(m);
}

static int get_all(sd_bus *bus, const char *path, const char *interface, const struct prop *table,
                   struct live_unit *u, uint64_t deadline) {
        sd_bus_message *m = NULL, *reply = NULL;
        int r = sd_bus_message_new_method_call(bus, &m, "org.freedesktop.systemd1", path,
                                               "org.freedesktop.DBus.Properties", "GetAll");

        if (r >= 0)
                r = sd_bus_message_append(m, "s", interface);
        if (r >= 0)
                r = bus_call(bus, m, deadline, &reply, NULL);
        if (r >= 0)
                r = read_all(reply, table, u);
        sd_bus_message_unref(m);
        sd_bus_message_unref(reply);
        return r;
}

static void unit_done(struct live_unit *u) {
        free(u->name);
        free(u->load_state);
        free(u->active_state);
        free(u->sub_state);
        free(u->unit_file_state);
        free(u->fragment_path);
        strv_free(u->dropin_paths);
        free(u->result);
        free(u->restart);
}

/* Strings the manager did not send (older versions) read as "". */
static int fill_missing(struct live_unit *u) {
        char **strings[] = { &u->load_state, &u->active_state, &u->sub_state, &u->unit_file_state,
                             &u->fragment_path, &u->result, &u->restart };

        for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
                if (!*strings[i] && !(*strings[i] = strdup("")))
                        return -ENOMEM;
        if (!u->dropin_paths && !(u->dropin_paths = calloc(1, sizeof(char *))))
                return -ENOMEM;
        return 0;
}

static int query_unit(sd_bus *bus, const char *name, uint64_t deadline, struct live_unit *u) {
        char *path = NULL;
        int r;

        *u = (struct live_unit) {};
        if (!(u->name = strdup(name)))
                return -ENOMEM;
        r = sd_bus_path_encode("/org/freedesktop/systemd1/unit", name, &path);
        if (r >= 0)
                r = get_all(bus, path, "org.freedesktop.systemd1.Unit", unit_props, u, deadline);
        if (r >= 0 && strlen(name) > 8 && strcmp(name + strlen(name) - 8, ".service") == 0) {
                r = get_all(bus, path, "org.freedesktop.systemd1.Service", service_props, u, deadline);
                u->is_service = r >= 0;
                if (r == -ETIMEDOUT || r == -ENOMEM)
                        ;   /* fatal below */
                else
                        r = 0;   /* e.g. not-found: no Service interface */
        }
        free(path);
        if (r >= 0)
                r = fill_missing(u);
        return r;
}

/* The names of loaded units matching patterns, not in skip. */
static int list_matching(sd_bus *bus, char *const *patterns, char *const *skip, uint64_t deadline,
                         char ***ret) {
        sd_bus_message *m = NULL, *reply = NULL;
        const char *name;
        char **l = NULL;
        int r = sd_bus_message_new_method_call(bus, &m, "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                                               "org.freedesktop.systemd1.Manager", "ListUnitsByPatterns");

        if (r >= 0)
                r = sd_bus_message_append_strv(m, NULL);
        if (r >= 0)
                r = sd_bus_message_append_strv(m, (char **) patterns);
        if (r >= 0)
                r = bus_call(bus, m, deadline, &reply, NULL);
        if (r >= 0)
                r = sd_bus_message_enter_container(reply, 'a', "(ssssssouso)");
        while (r >= 0 && (r = sd_bus_message_read(reply, "(ssssssouso)", &name, NULL, NULL, NULL, NULL,
                                                  NULL, NULL, NULL, NULL, NULL)) > 0)
                if (!strv_contains(skip, name))
                        r = strv_extend_unique(&l, name);
        sd_bus_message_unref(m);
        sd_bus_message_unref(reply);
        if (r < 0) {
                strv_free(l);
                return r;
        }
        strv_sort(l);
        *ret = l;
        return 0;
}

/* logind's answer, or -errno when it gives none (then the file decides). A user
 * logind does not know has no linger (logind tracks every lingering user). */
static int linger_from_logind(uid_t uid, bool *ret) {
        sd_bus *bus = NULL;
        sd_bus_message *m = NULL, *reply = NULL;
        sd_bus_error error = SD_BUS_ERROR_NULL;
        uint64_t deadline = bus_deadline(LIVE_LOGIND_TIMEOUT_USEC);
        const char *path;
        int r = bus_open_system(&bus), linger = 0;

        if (r >= 0)
                r = sd_bus_message_new_method_call(bus, &m, "org.freedesktop.login1", "/org/freedesktop/login1",
                                                   "org.freedesktop.login1.Manager", "GetUser");
        if (r >= 0)
                r = sd_bus_message_append(m, "u", (uint32_t) uid);
        if (r >= 0)
                r = bus_call(bus, m, deadline, &reply, &error);
        if (r < 0 && sd_bus_error_has_name(&error, "org.freedesktop.login1.NoSuchUser")) {
                *ret = false;
                r = 1;
        } else if (r >= 0 && (r = sd_bus_message_read(reply, "o", &path)) >= 0) {
                sd_bus_message_unref(m);
                m = NULL;
                r = sd_bus_message_new_method_call(bus, &m, "org.freedesktop.login1", path,
                                                   "org.freedesktop.DBus.Properties", "Get");
                if (r >= 0)
                        r = sd_bus_message_append(m, "ss", "org.freedesktop.login1.User", "Linger");
                sd_bus_message_unref(reply);
                reply = NULL;
                if (r >= 0)
                        r = bus_call(bus, m, deadline, &reply, NULL);
                if (r >= 0 && (r = sd_bus_message_read(reply, "v", "b", &linger)) >= 0)
                        *ret = linger;
        }
        sd_bus_error_free(&error);
        sd_bus_message_unref(m);
        sd_bus_message_unref(reply);
        sd_bus_close_unref(bus);
        return r < 0 ? r : 0;
}

static int query_units(sd_bus *bus, char *const *names, uint64_t deadline, struct live_state *s) {
        size_t n = strv_length(names);

        if (!(s->units = calloc(n ? n : 1, sizeof(struct live_unit))))
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                int r = query_unit(bus, names[i], deadline, &s->units[i]);
                if (r < 0) {
                        unit_done(&s->units[i]);
                        return r;
                }
                s->n_units++;
        }
        return 0;
}

static char *cause_of(enum scope scope, const char *address, int r) {
        const char *what = scope == SCOPE_USER ? "user" : "system";
        const char *where = address && strncmp(address, "unix:path=", 10) == 0 ? address + 10 : address;
        char *s = NULL;

        if (r == -ENXIO && !address)
                r = asprintf(&s, "cannot ask the user manager: $XDG_RUNTIME_DIR is not set (or not absolute)");
        else if (r == -ETIMEDOUT)
                r = asprintf(&s, "the %s manager at %s does not answer (no reply within %llu ms)", what,
                             where ? where : "?", LIVE_TIMEOUT_USEC / 1000);
        else
                r = asprintf(&s, "cannot ask the %s manager at %s: %s", what, where ? where : "?", strerror(-r));
        return r < 0 ? NULL : s;
}

int live_query(enum scope scope, char *const *names, char *const *patterns, uid_t uid,
               const char *linger_file, struct live_state **ret, char **ret_cause) {
        uint64_t deadline = bus_deadline(LIVE_TIMEOUT_USEC);
        struct live_state *s = calloc(1, sizeof(*s));
        char **all = NULL, **extra = NULL, *version = NULL;
        sd_bus *bus = NULL;
        int r;

        *ret_cause = NULL;
        if (!s)
                return -ENOMEM;
        s->scope = scope;
        r = bus_open_manager(scope, &bus, &s->address);
        if (r >= 0 && (r = bus_get_manager_string(bus, "Version", deadline, &version)) >= 0) {
                unsigned long v = strtoul(version, NULL, 10);
                s->version = v < 100000 ? (unsigned) v : 0;
        }
        if (r >= 0 && patterns)   /* an empty list would list every loaded unit */
                r = list_matching(bus, patterns, names, deadline, &extra);
        for (size_t i = 0; r >= 0 && names && names[i]; i++)
                r = strv_extend(&all, names[i]);
        for (size_t i = 0; r >= 0 && extra && extra[i]; i++)
                r = strv_extend(&all, extra[i]);
        if (r >= 0)
                r = query_units(bus, all, deadline, s);
        sd_bus_close_unref(bus);
        strv_free(all);
        strv_free(extra);
        free(version);
        if (r < 0) {
                *ret_cause = r == -ENOMEM ? NULL : cause_of(scope, s->address, r);
                live_state_free(s);
                return r;
        }
        if (uid == (uid_t) -1)
                ;   /* not asked */
        else if (scope == SCOPE_USER && linger_from_logind(uid, &s->lingering) >= 0)
                s->linger_source = LINGER_FROM_LOGIND;
        else {
                s->linger_source = LINGER_FROM_FILE;
                s->lingering = linger_file && access(linger_file, F_OK) == 0;
        }
        *ret = s;
        return 0;
}

void live_state_free(struct live_state *s) {
        if (!s)
                return;
        for (size_t i = 0; i < s->n_units; i++)
                unit_done(&s->units[i]);
        free(s->units);
        free(s->address);
        free(s);
}

const struct live_unit *live_find(const struct live_state *s, const char *name) {
        for (size_t i = 0; s && i < s->n_units; i++)
                if (strcmp(s->units[i].name, name) == 0)
                        return &s->units[i];
        return NULL;
}

bool live_restarting(const struct live_unit *u) {
        uint64_t now = bus_deadline(0);

        if (u->n_restarts == 0)
                return false;
        if (strcmp(u->active_state, "activating") == 0 && strcmp(u->sub_state, "auto-restart") == 0)
                return true;
        return (strcmp(u->active_state, "active") == 0 || strcmp(u->active_state, "activating") == 0) &&
               u->exec_main_start > 0 && now - u->exec_main_start < LIVE_SETTLED_USEC;
}

bool live_exited_with(const struct live_unit *u, int status) {
        return u->exec_main_code == LIVE_EXITED && u->exec_main_status == status;
}

const char *live_last_exit(const struct live_unit *u, char buf[static 32]) {
        if (u->exec_main_code == LIVE_EXITED)
                snprintf(buf, 32, "%d", u->exec_main_status);
        else if (u->exec_main_code == LIVE_KILLED || u->exec_main_code == LIVE_DUMPED) {
                const char *sig = sigabbrev_np(u->exec_main_status);
                snprintf(buf, 32, "SIG%s%s", sig ? sig : "?", u->exec_main_code == LIVE_DUMPED ? " (core)" : "");
        } else
                snprintf(buf, 32, "-");
        return buf;
}

const char *linger_source_name(enum linger_source s) {
        return s == LINGER_FROM_LOGIND ? "logind" : "linger file";
}
