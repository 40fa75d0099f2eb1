/* SPDX-License-Identifier: MIT */
/* See home.h. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "home.h"
#include "identity.h"
#include "strv.h"

char *hermes_root_of(const char *home) {
        char *root = strdup(home), *slash;
        size_t n;

        if (!root)
                return NULL;
        for (n = strlen(root); n > 1 && root[n - 1] == '/'; n--)
                root[n - 1] = 0;
        slash = strrchr(root, '/');
        if (slash && slash - root >= 9 && strncmp(slash - 9, "/profiles", 9) == 0)
                slash[-9] = 0;
        if (!root[0])
                strcpy(root, "/");
        return root;
}

static bool is_dir(const char *path) {
        struct stat st;

        return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int hermes_profiles_list(const char *root, char ***ret, struct diag_list *diags) {
        char *dir, **names = NULL;
        struct dirent *de;
        DIR *d;
        int r = 0;

        if (asprintf(&dir, "%s/profiles", root) < 0)
                return -ENOMEM;
        d = opendir(dir);
        if (!d) {
                if (errno != ENOENT && errno != ENOTDIR)
                        diag_add(diags, DIAG_UNREADABLE, dir, 0, 0, "%s; no named profile checked", strerror(errno));
                free(dir);
                *ret = NULL;
                return 0;
        }
        while (r == 0 && (de = readdir(d))) {
                char *path;
                if (de->d_name[0] == '.' || strcmp(de->d_name, HERMES_DEFAULT_PROFILE) == 0)
                        continue;
                if (asprintf(&path, "%s/%s", dir, de->d_name) < 0) {
                        r = -ENOMEM;
                        break;
                }
                if (is_dir(path) && !hermes_profile_name_is_valid(de->d_name))
                        diag_add(diags, DIAG_HERMES_PROFILE_NAME, path, 0, 0, NULL);
                else if (is_dir(path))
                        r = strv_extend(&names, de->d_name);
                free(path);
        }
        closedir(d);
        free(dir);
        if (names)
                strv_sort(names);
        *ret = names;
        return r;
}

int hermes_env_load(const char *path, struct dotenv **ret, struct diag_list *diags) {
        int r = dotenv_load(path, ret, diags);

        if (r < 0 && r != -ENOMEM) {    /* missing (fine) or unreadable (reported) */
                *ret = NULL;
                return 0;
        }
        return r;
}

/* Reads path. A missing file is 0 and *ret = NULL; so is an unreadable one, reported. */
static int read_file(const char *path, char **ret, size_t *ret_size, struct diag_list *diags) {
        int r = fileio_read(path, FILEIO_MAX_SIZE, ret, ret_size);

        if (r >= 0 || r == -ENOMEM)
                return r;
        if (r != -ENOENT)
                diag_add(diags, DIAG_UNREADABLE, path, 0, 0, "%s", strerror(-r));
        *ret = NULL;
        return 0;
}

int hermes_jobs_load(const char *path, struct json_value **ret, struct diag_list *diags) {
        char *data;
        size_t size;
        int r = read_file(path, &data, &size, diags);

        *ret = NULL;
        if (r < 0 || !data)
                return r;
        /* Hermes retries with json.loads(strict=False) and then rewrites the file. */
        r = json_parse(path, data, size, JSON_ALLOW_CONTROL_CHARS, ret, diags);
        explicit_bzero(data, size);     /* prompts may quote tokens */
        free(data);
        return r == -ENOMEM ? r : 0;
}

/* The JSON record's fields, or a bare integer (older Hermes), as _read_pid_record(). */
static int pidfile_parse(const char *path, const char *data, size_t size, struct hermes_pidfile *p) {
        struct json_value *v = NULL;
        char *end;
        int r;

        p->start_time = -1;
        if (size >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)   /* read as utf-8-sig */
                data += 3, size -= 3;
        r = json_parse(path, data, size, 0, &v, NULL);
        if (r == -ENOMEM)
                return r;
        if (r == 0 && v->type == JSON_NUMBER)
                p->pid = strtol(v->string, &end, 10);
        else if (r == 0 && v->type == JSON_OBJECT) {
                const struct json_value *pid = json_object_get(v, "pid"), *st = json_object_get(v, "start_time"),
                                        *kind = json_object_get(v, "kind");
                if (pid && pid->type == JSON_NUMBER)
                        p->pid = strtol(pid->string, &end, 10);
                if (st && st->type == JSON_NUMBER)
                        p->start_time = strtoll(st->string, &end, 10);
                if (kind && kind->type == JSON_STRING && !(p->kind = strdup(kind->string)))
                        r = -ENOMEM;
        }
        json_free(v);
        return r == -ENOMEM ? r : 0;
}

int hermes_pidfile_load(const char *path, struct hermes_pidfile **ret, struct diag_list *diags) {
        struct hermes_pidfile *p;
        char *data;
        size_t size;
        int r = read_file(path, &data, &size, diags);

        *ret = NULL;
        if (r < 0 || !data)
                return r;
        p = calloc(1, sizeof(*p));
        r = p ? pidfile_parse(path, data, size, p) : -ENOMEM;
        free(data);
        if (r < 0 || p->pid <= 0) {
                hermes_pidfile_free(p);
                return r;
        }
        *ret = p;
        return 0;
}

void hermes_pidfile_free(struct hermes_pidfile *p) {
        if (p) {
                free(p->kind);
                free(p);
        }
}

static void profile_done(struct hermes_profile *p) {
        free(p->name);
        free(p->home);
        free(p->unit);
        free(p->env_path);
        free(p->jobs_path);
        free(p->pid_path);
        dotenv_free(p->env);
        json_free(p->jobs);
        hermes_pidfile_free(p->pid);
}

static int profile_add(struct hermes_home *h, const char *name, const char *home) {
        struct hermes_profile *a = realloc(h->profiles, (h->n_profiles + 1) * sizeof(*a));
        struct hermes_profile p = {};

        if (!a)
                return -ENOMEM;
        h->profiles = a;
        /* asprintf() leaves its pointer undefined on failure: reset it before cleaning up. */
        if (!(p.name = strdup(name)) || !(p.home = strdup(home)) || !(p.unit = hermes_profile_unit(name)) ||
            (asprintf(&p.env_path, "%s/.env", home) < 0 && !(p.env_path = NULL)) ||
            (asprintf(&p.jobs_path, "%s/cron/jobs.json", home) < 0 && !(p.jobs_path = NULL)) ||
            (asprintf(&p.pid_path, "%s/gateway.pid", home) < 0 && !(p.pid_path = NULL))) {
                profile_done(&p);
                return -ENOMEM;
        }
        h->profiles[h->n_profiles++] = p;
        return 0;
}

static int load_profiles(struct hermes_home *h, struct diag_list *diags) {
        char **names = NULL;
        int r = profile_add(h, HERMES_DEFAULT_PROFILE, h->root);

        if (r == 0)
                r = hermes_profiles_list(h->root, &names, diags);
        for (size_t i = 0; r == 0 && names && names[i]; i++) {
                char *home;
                if (asprintf(&home, "%s/profiles/%s", h->root, names[i]) < 0) {
                        r = -ENOMEM;
                        break;
                }
                r = profile_add(h, names[i], home);
                free(home);
        }
        strv_free(names);
        return r;
}

static int load_files(struct hermes_profile *p, unsigned what, struct diag_list *diags) {
        int r = 0;

        if (what & HERMES_LOAD_ENV)
                r = hermes_env_load(p->env_path, &p->env, diags);
        if (r == 0 && (what & HERMES_LOAD_JOBS))
                r = hermes_jobs_load(p->jobs_path, &p->jobs, diags);
        if (r == 0 && (what & HERMES_LOAD_PID))
                r = hermes_pidfile_load(p->pid_path, &p->pid, diags);
        return r;
}

int hermes_home_load(const char *root, unsigned what, struct hermes_home **ret, struct diag_list *diags) {
        struct hermes_home *h;
        int r;

        if (!is_dir(root))
                return -ENOTDIR;
        h = calloc(1, sizeof(*h));
        if (!h || !(h->root = strdup(root))) {
                free(h);
                return -ENOMEM;
        }
        r = load_profiles(h, diags);
        for (size_t i = 0; r == 0 && i < h->n_profiles; i++)
                r = load_files(&h->profiles[i], what, diags);
        if (r == 0 && (what & HERMES_LOAD_ENV))
                r = hermes_identities_find(h, diags);
        if (r < 0) {
                hermes_home_free(h);
                return r;
        }
        *ret = h;
        return 0;
}

void hermes_home_free(struct hermes_home *h) {
        if (!h)
                return;
        for (size_t i = 0; i < h->n_profiles; i++)
                profile_done(&h->profiles[i]);
        free(h->profiles);
        free(h->identities);
        free(h->root);
        free(h);
}

ssize_t hermes_home_find_profile(const struct hermes_home *h, const char *name) {
        for (size_t i = 0; i < h->n_profiles; i++)
                if (strcmp(h->profiles[i].name, name) == 0)
                        return (ssize_t) i;
        return -1;
}

const struct hermes_profile *hermes_profile_of_unit(const struct hermes_home *h, const char *unit) {
        for (size_t i = 0; h && i < h->n_profiles; i++)
                if (strcmp(h->profiles[i].unit, unit) == 0)
                        return &h->profiles[i];
        return NULL;
}
