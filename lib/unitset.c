/* SPDX-License-Identifier: MIT */
/*
 * See unitset.h. The model is systemd 252's: unit_file_build_name_map() and
 * unit_file_find_fragment() (src/basic/unit-file.c), unit_load_fragment()
 * (src/core/load-fragment.c), unit_file_find_dropin_paths() (src/shared/dropin.c)
 * and conf_files_list_strv() (src/basic/conf-files.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "pathutil.h"
#include "strutil.h"
#include "strv.h"
#include "unitname.h"
#include "unitset.h"

/* systemd's FOLLOW_MAX: an alias chain longer than this is a loop. */
#define ALIAS_FOLLOW_MAX 8

const char *load_state_name(enum load_state s) {
        switch (s) {
        case LOAD_LOADED:
                return "loaded";
        case LOAD_MASKED:
                return "masked";
        default:
                return "not-found";
        }
}

/* ---- unit name helpers ---------------------------------------------------- */

static char *path_join(const char *dir, const char *name) {
        char *p;

        return asprintf(&p, "%s/%s", dir, name) < 0 ? NULL : p;
}

static unsigned name_kind(const char *name) {
        if (unit_name_is_valid(name, UNIT_NAME_INSTANCE))
                return UNIT_NAME_INSTANCE;
        return unit_name_is_valid(name, UNIT_NAME_TEMPLATE) ? UNIT_NAME_TEMPLATE : UNIT_NAME_PLAIN;
}

/* "a@i.service" -> "i"; NULL when name has no instance or on -ENOMEM. */
static char *name_instance(const char *name) {
        const char *at = strchr(name, '@'), *suffix = unit_name_suffix(name);

        if (!at || !suffix || suffix <= at + 1)
                return NULL;
        return strndup(at + 1, (size_t) (suffix - at - 1));
}

/* "t@.service" or "t@x.service" + "i" -> "t@i.service". */
static char *name_with_instance(const char *name, const char *instance) {
        const char *at = strchr(name, '@'), *suffix = unit_name_suffix(name);
        char *s;

        if (!at || !suffix)
                return NULL;
        if (asprintf(&s, "%.*s%s%s", (int) (at - name + 1), name, instance, suffix) < 0)
                return NULL;
        return s;
}

static bool type_in(const char *name, const char *const *types) {
        const char *suffix = unit_name_suffix(name);

        for (size_t i = 0; suffix && types[i]; i++)
                if (strcmp(suffix + 1, types[i]) == 0)
                        return true;
        return false;
}

/* systemd's unit_validate_alias_symlink_or_warn(): 0, or why src -> dst is no alias. */
static int alias_check(const char *src, const char *dst) {
        static const char *const may_alias[] = { "service", "socket", "target", "device", "timer", "path", NULL };
        static const char *const may_template[] = { "service", "socket", "target", "timer", "path", NULL };
        unsigned src_kind = name_kind(src), dst_kind;

        if (!type_in(src, may_alias) || (src_kind != UNIT_NAME_PLAIN && !type_in(src, may_template)))
                return -EINVAL;
        if (strcmp(src, dst) == 0)
                return -ELOOP;
        if (!unit_name_is_valid(dst, UNIT_NAME_ANY))
                return -EXDEV;
        dst_kind = name_kind(dst);
        if (dst_kind != src_kind && !(src_kind == UNIT_NAME_INSTANCE && dst_kind == UNIT_NAME_TEMPLATE))
                return -EXDEV;
        if (dst_kind == UNIT_NAME_INSTANCE &&
            strcmp(strchr(src, '@'), strchr(dst, '@')) != 0)  /* same instance and suffix */
                return -EXDEV;
        return strcmp(unit_name_suffix(src), unit_name_suffix(dst)) == 0 ? 0 : -EXDEV;
}

/* ---- paths ------------------------------------------------------------------ */

/* The directory part resolved through symlinks where it exists, as systemd's
 * chase_symlinks(CHASE_NOFOLLOW|CHASE_NONEXISTENT) does; the last component is kept. */
static char *link_target_simplified(const char *dir, const char *target) {
        char *joined = target[0] == '/' ? NULL : path_join(dir, target), *abs, *slash, *r;
        char real[PATH_MAX];

        if (target[0] != '/' && !joined)
                return NULL;
        abs = path_abs_clean(joined ? joined : target);  /* dir is absolute: no getcwd() */
        free(joined);
        if (!abs)
                return NULL;
        slash = strrchr(abs, '/');
        if (slash == abs || !slash[1])
                return abs;
        *slash = 0;
        if (realpath(abs, real))
                r = path_join(strcmp(real, "/") == 0 ? "" : real, slash + 1);
        else
                r = path_join(abs, slash + 1);
        free(abs);
        return r;
}

/* Is path inside one of dirs (systemd's path_startswith_strv())? */
static bool path_is_below(const char *path, char *const *dirs) {
        for (size_t i = 0; dirs && dirs[i]; i++) {
                const char *below = path_startswith(path, dirs[i]);
                if (below && *below)
                        return true;
        }
        return false;
}

/* ---- the name map: every unit file name on the search path -> where it leads ---- */

struct name_entry {
        char *name;     /* file name in a search path dir */
        char *dst;      /* absolute: the file to load (a unit file, a linked unit, a mask);
                           relative: the unit name an alias symlink points to */
        size_t seq;     /* discovery order: lower = higher priority */
        char *alias_of; /* the unit name this name ends up naming; NULL: unresolvable or masked */
        int null_or_empty;  /* absolute dst: fileio_is_null_or_empty(dst), once per index */
};

struct name_map {
        struct name_entry *entries;  /* after name_map_settle(): sorted by name, one per name */
        size_t n, cap;
        const struct name_entry **by_alias;  /* entries with an alias_of, sorted by it (then by name) */
        size_t n_by_alias;
};

static void name_map_done(struct name_map *m) {
        for (size_t i = 0; i < m->n; i++) {
                free(m->entries[i].name);
                free(m->entries[i].dst);
                free(m->entries[i].alias_of);
        }
        free(m->entries);
        free(m->by_alias);
        *m = (struct name_map) {};
}

/* Takes ownership of name and dst (also on failure). */
static int name_map_add(struct name_map *m, char *name, char *dst) {
        if (!name || !dst)
                goto oom;
        if (m->n == m->cap) {
                size_t cap = m->cap ? m->cap * 2 : 64;
                struct name_entry *e = realloc(m->entries, cap * sizeof(*e));
                if (!e)
                        goto oom;
                m->entries = e;
                m->cap = cap;
        }
        m->entries[m->n] = (struct name_entry) { .name = name, .dst = dst, .seq = m->n };
        m->n++;
        return 0;
oom:
        free(name);
        free(dst);
        return -ENOMEM;
}

/* What a symlink in a search path dir stands for: an alias (the target's unit name)
 * when the target is inside the search path, else a linked unit or a mask (the link
 * itself is then the fragment, as in systemd). Returns 0 and *ret, 1 to skip it. */
static int symlink_destination(const char *dir, int dfd, const char *name, char *const *expanded,
                               char **ret, struct diag_list *diags) {
        char target[PATH_MAX], *simplified;
        ssize_t n = readlinkat(dfd, name, target, sizeof(target) - 1);
        int r;

        if (n < 0) {
                diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, dir, 0, 0, "symlink %s/%s: %s", dir, name,
                               strerror(errno));
                return 1;
        }
        target[n] = 0;
        simplified = link_target_simplified(dir, target);
        if (!simplified)
                return -ENOMEM;
        if (!path_is_below(simplified, expanded)) {
                free(simplified);
                *ret = path_join(dir, name);
                return *ret ? 0 : -ENOMEM;
        }
        r = alias_check(name, path_basename(simplified));
        if (r < 0) {
                /* A self-alias (-ELOOP) is silently ignored, as in systemd. */
                if (r != -ELOOP)
                        diag_add(diags, DIAG_INVALID_ALIAS, dir, 0, 0, "%s/%s -> %s", dir, name, simplified);
                free(simplified);
                return 1;
        }
        *ret = strdup(path_basename(simplified));
        free(simplified);
        return *ret ? 0 : -ENOMEM;
}

/* The type of a directory entry without following symlinks. */
static unsigned char entry_type(int dfd, const struct dirent *de) {
        struct stat st;

        if (de->d_type != DT_UNKNOWN)
                return de->d_type;
        if (fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return DT_UNKNOWN;
        return S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK :
               S_ISDIR(st.st_mode) ? DT_DIR : DT_UNKNOWN;
}

/* The dir open for reading, as an fd (no DIR buffer until it is read), or -1 and errno. */
static int open_dir_or_warn(const char *dir, struct diag_list *diags) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err = errno;

        if (fd < 0 && err != ENOENT && err != ENOTDIR) {
                diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, dir, 0, 0, "%s", strerror(err));
                errno = err;
        }
        return fd;
}

/*
 * What the index keeps of one search path dir for the drop-in lookup: its
 * canonical path and its "*.d" entries. A unit has some 50 candidate drop-in dirs
 * (names x search path dirs), nearly all missing; resolving each with realpath()
 * walked the whole path again, ~280 readlink()s per unit on a user's search path.
 */
struct dotd_entry {
        char *name;
        unsigned char type;   /* DT_DIR, DT_LNK, ... (not followed) */
};

struct search_dir {
        char *real;                 /* realpath() of the dir; NULL: it does not resolve */
        bool listed;                /* read: entries below are all its "*.d" entries */
        bool missing;               /* absent (or no dir): so is every "*.d" below it */
        bool repeated;              /* the same path came earlier in the search path */
        size_t len;                 /* of its path without trailing slashes (search_dir_of()) */
        bool empty;                 /* its path is "" */
        struct dotd_entry *dotd;    /* sorted by name */
        size_t n_dotd;
};

static void search_dir_done(struct search_dir *sd) {
        for (size_t i = 0; i < sd->n_dotd; i++)
                free(sd->dotd[i].name);
        free(sd->dotd);
        free(sd->real);
        *sd = (struct search_dir) {};
}

static bool is_dotd_name(const char *name) {
        size_t len = strlen(name);

        return len > 2 && strcmp(name + len - 2, ".d") == 0;
}

static int search_dir_add_dotd(struct search_dir *sd, const char *name, unsigned char type) {
        struct dotd_entry *e = realloc(sd->dotd, (sd->n_dotd + 1) * sizeof(*e));

        if (!e)
                return -ENOMEM;
        sd->dotd = e;
        e[sd->n_dotd].name = strdup(name);
        e[sd->n_dotd].type = type;
        if (!e[sd->n_dotd].name)
                return -ENOMEM;
        sd->n_dotd++;
        return 0;
}

static int dotd_cmp(const void *a, const void *b) {
        return strcmp(((const struct dotd_entry *) a)->name, ((const struct dotd_entry *) b)->name);
}

struct unit_index {
        char **search_path;
        struct search_dir *dirs;   /* one per search path dir */
        struct name_map map;
        char **names;              /* unit_index_names() */
        size_t n_names;
        struct invalid_name { size_t dir; char *name; } *invalid;  /* entries that are no unit name */
        size_t n_invalid;
        char **dep_dirs;           /* unit_index_dep_dirs() */
        size_t n_dep_dirs;
};

static int str_ptr_cmp(const void *a, const void *b) {
        return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Is the entry (a symlink) a directory once followed? .wants/.d dirs may be links. */
static bool is_dir_at(int dfd, const char *name) {
        struct stat st;

        return fstatat(dfd, name, &st, 0) >= 0 && S_ISDIR(st.st_mode);
}

static int invalid_name_add(struct unit_index *idx, size_t dir, const char *name) {
        struct invalid_name *v = realloc(idx->invalid, (idx->n_invalid + 1) * sizeof(*v));

        if (!v)
                return -ENOMEM;
        idx->invalid = v;
        v[idx->n_invalid] = (struct invalid_name) { dir, strdup(name) };
        return v[idx->n_invalid++].name ? 0 : -ENOMEM;
}

/* name, an entry of search path dir i, is a file or a symlink: is it a unit file
 * systemd would list (not a link to a directory)? Adds it to the names, or, when
 * its name is not valid, to the entries unit_index_names() reports. */
static int index_add_name(struct unit_index *idx, size_t i, int dfd, const char *name, unsigned char type,
                          bool valid) {
        if (type == DT_LNK && is_dir_at(dfd, name))
                return 0;
        if (valid)
                return strv_extend_with_size(&idx->names, &idx->n_names, name);
        return invalid_name_add(idx, i, name);
}

static bool is_dep_dir_name(const char *name) {
        return str_endswith(name, ".wants") || str_endswith(name, ".requires");
}

/* Reads one search path dir, once, for everything the index keeps of it: the name
 * map's entries, its "*.d" entries, the unit names (unit_index_names()) and its
 * .wants/.requires dirs (unit_index_dep_dirs()). */
static int index_add_dir(struct unit_index *idx, size_t i, DIR *d, char *const *expanded,
                         struct diag_list *diags) {
        const char *dir = idx->search_path[i];
        struct search_dir *sd = &idx->dirs[i];
        size_t first_dep = idx->n_dep_dirs;
        struct dirent *de;
        int r = 0;

        sd->listed = true;
        while (r >= 0 && (de = readdir(d))) {
                unsigned char type = entry_type(dirfd(d), de);
                bool file = type == DT_REG || type == DT_LNK;
                bool valid = file && unit_name_is_valid(de->d_name, UNIT_NAME_ANY);
                char *dst = NULL;
                if (file)
                        r = index_add_name(idx, i, dirfd(d), de->d_name, type, valid);
                if (r >= 0 && is_dep_dir_name(de->d_name)) {
                        char *sub = path_join(dir, de->d_name);
                        r = sub ? strv_push_with_size(&idx->dep_dirs, &idx->n_dep_dirs, sub) : -ENOMEM;
                        if (r < 0)
                                free(sub);
                }
                if (r < 0)
                        break;
                if (is_dotd_name(de->d_name)) {
                        r = search_dir_add_dotd(sd, de->d_name, type);
                        continue;
                }
                if (!valid)
                        continue;
                if (type == DT_LNK)
                        r = symlink_destination(dir, dirfd(d), de->d_name, expanded, &dst, diags);
                else
                        r = (dst = path_join(dir, de->d_name)) ? 0 : -ENOMEM;
                if (r == 0)
                        r = name_map_add(&idx->map, strdup(de->d_name), dst);
                else if (r > 0)
                        r = 0;
        }
        if (sd->n_dotd > 1)
                qsort(sd->dotd, sd->n_dotd, sizeof(sd->dotd[0]), dotd_cmp);
        /* readdir() order is the file system's: each dir's dep dirs sorted, dirs in search order. */
        if (idx->n_dep_dirs - first_dep > 1)
                qsort(idx->dep_dirs + first_dep, idx->n_dep_dirs - first_dep, sizeof(char *), str_ptr_cmp);
        return r;
}

static int entry_cmp(const void *a, const void *b) {
        const struct name_entry *x = a, *y = b;
        int c = strcmp(x->name, y->name);

        return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* Sorts by name and keeps, for each name, the entry of the highest-priority dir. */
static void name_map_settle(struct name_map *m) {
        size_t j = 0;

        if (m->n > 0)
                qsort(m->entries, m->n, sizeof(m->entries[0]), entry_cmp);
        for (size_t i = 0; i < m->n; i++) {
                if (j > 0 && strcmp(m->entries[j - 1].name, m->entries[i].name) == 0) {
                        free(m->entries[i].name);
                        free(m->entries[i].dst);
                        continue;
                }
                m->entries[j++] = m->entries[i];
        }
        m->n = j;
}

static const struct name_entry *name_map_get(const struct name_map *m, const char *name) {
        size_t lo = 0, hi = m->n;

        /* Binary search by name: names are unique after name_map_settle(). */
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = strcmp(name, m->entries[mid].name);
                if (c == 0)
                        return &m->entries[mid];
                if (c < 0)
                        hi = mid;
                else
                        lo = mid + 1;
        }
        return NULL;
}

/*
 * Follows aliases to the file to load, as systemd's unit_ids_map_get(): an alias to
 * an instance without its own entry continues with the template. Returns 0 and
 * *ret (pointing into m), -ENOENT (name unknown), -ENXIO (an alias leads nowhere),
 * -ELOOP, -ENOMEM.
 */
static int name_map_resolve(const struct name_map *m, const char *name, const struct name_entry **ret) {
        const char *id = NULL;

        for (unsigned n = 0; n < ALIAS_FOLLOW_MAX; n++) {
                const struct name_entry *e = name_map_get(m, id ? id : name);
                if (!e) {
                        char *template = NULL;
                        int r;
                        if (!id)
                                return -ENOENT;
                        r = unit_name_template(id, &template);
                        if (r < 0)
                                return r == -ENOMEM ? r : -ENXIO;
                        e = name_map_get(m, template);
                        free(template);
                        if (!e)
                                return -ENXIO;
                }
                if (e->dst[0] == '/') {
                        *ret = e;
                        return 0;
                }
                id = e->dst;
        }
        return -ELOOP;
}

static int by_alias_cmp(const void *a, const void *b) {
        const struct name_entry *x = *(const struct name_entry *const *) a, *y = *(const struct name_entry *const *) b;
        int c = strcmp(x->alias_of, y->alias_of);

        /* entries[] is sorted by name: its order breaks ties, as the linear scan did. */
        return c ? c : (x > y) - (x < y);
}

/* The reverse map sorted, so that the names of a unit are one binary search away
 * (a scan of the whole map per unit made a run quadratic). */
static int name_map_index_aliases(struct name_map *m) {
        m->by_alias = calloc(m->n ? m->n : 1, sizeof(*m->by_alias));
        if (!m->by_alias)
                return -ENOMEM;
        for (size_t i = 0; i < m->n; i++)
                if (m->entries[i].alias_of)
                        m->by_alias[m->n_by_alias++] = &m->entries[i];
        if (m->n_by_alias > 1)
                qsort(m->by_alias, m->n_by_alias, sizeof(*m->by_alias), by_alias_cmp);
        return 0;
}

/* The first index of by_alias whose alias_of is name (n_by_alias if none). */
static size_t name_map_aliases_of(const struct name_map *m, const char *name) {
        size_t lo = 0, hi = m->n_by_alias;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (strcmp(m->by_alias[mid]->alias_of, name) < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

/* The unit name each entry ends up naming (systemd's reverse "names" map): the
 * basename of its file, with the entry's instance put into a template. Masked and
 * unresolvable entries name nothing. */
static int name_map_link_aliases(struct name_map *m) {
        for (size_t i = 0; i < m->n; i++)
                if (m->entries[i].dst[0] == '/')
                        m->entries[i].null_or_empty = fileio_is_null_or_empty(m->entries[i].dst);
        for (size_t i = 0; i < m->n; i++) {
                struct name_entry *e = &m->entries[i];
                const struct name_entry *file;
                const char *target;
                int r = name_map_resolve(m, e->name, &file);
                if (r == -ENOMEM)
                        return r;
                if (r < 0 || file->null_or_empty != 0)
                        continue;
                target = path_basename(file->dst);
                if (name_kind(target) == UNIT_NAME_TEMPLATE && name_kind(e->name) == UNIT_NAME_INSTANCE) {
                        char *instance = name_instance(e->name);
                        e->alias_of = instance ? name_with_instance(target, instance) : NULL;
                        free(instance);
                } else
                        e->alias_of = strdup(target);
                if (!e->alias_of)
                        return -ENOMEM;
        }
        return name_map_index_aliases(m);
}

/* The search path plus the resolved form of each dir (reals[i], NULL where it does
 * not resolve): a target inside either counts as inside the search path. */
static int search_path_expand(char *const *search_path, char *const *reals, char ***ret) {
        char **l = strv_copy(search_path);

        if (!l)
                return -ENOMEM;
        for (size_t i = 0; search_path[i]; i++)
                if (reals[i] && strv_extend_unique(&l, reals[i]) < 0) {
                        strv_free(l);
                        return -ENOMEM;
                }
        *ret = l;
        return 0;
}

/* The canonical path of dir, open as dfd: the kernel's name for it, one readlink()
 * of /proc/self/fd/N, instead of realpath() walking every component of the path
 * again. realpath() when /proc is not mounted or its answer is not a plain path
 * (another mount namespace, a deleted dir). */
static char *dir_real_path(int dfd, const char *dir) {
        char proc[sizeof("/proc/self/fd/") + 12], buf[PATH_MAX];
        ssize_t n;

        snprintf(proc, sizeof(proc), "/proc/self/fd/%d", dfd);
        n = readlink(proc, buf, sizeof(buf));
        if (n > 0 && (size_t) n < sizeof(buf) && buf[0] == '/') {
                buf[n] = 0;
                if (!str_endswith(buf, " (deleted)"))
                        return strdup(buf);
        }
        return realpath(dir, NULL);
}

/* Opens every search path dir, then reads each once: a symlink in one dir is an
 * alias when it points into any of them, so all their real paths come first. */
static int index_build(struct unit_index *idx, struct diag_list *diags) {
        size_t n = strv_length(idx->search_path);
        int *fds = malloc((n + 1) * sizeof(int));
        char **reals = calloc(n + 1, sizeof(char *)), **expanded = NULL;
        int r = fds && reals ? 0 : -ENOMEM;

        for (size_t i = 0; fds && i < n; i++)
                fds[i] = -1;
        for (size_t i = 0; r >= 0 && i < n; i++) {
                const char *dir = idx->search_path[i];
                struct search_dir *sd = &idx->dirs[i];
                fds[i] = open_dir_or_warn(dir, diags);
                if (fds[i] < 0) {
                        sd->missing = errno == ENOENT || errno == ENOTDIR;
                        /* Unreadable, yet links into it still point into the search path. */
                        if (!sd->missing)
                                reals[i] = realpath(dir, NULL);
                        continue;
                }
                if (!(sd->real = dir_real_path(fds[i], dir)) && errno == ENOMEM)
                        r = -ENOMEM;
                else if (sd->real && !(reals[i] = strdup(sd->real)))
                        r = -ENOMEM;
        }
        if (r >= 0)
                r = search_path_expand(idx->search_path, reals, &expanded);
        /* One DIR (and its 32 KiB buffer) at a time. */
        for (size_t i = 0; r >= 0 && i < n; i++) {
                DIR *d = fds[i] >= 0 ? fdopendir(fds[i]) : NULL;
                if (!d && fds[i] >= 0) {
                        r = -errno;
                        break;
                }
                fds[i] = -1;   /* closedir() closes it */
                if (d) {
                        r = index_add_dir(idx, i, d, expanded, diags);
                        closedir(d);
                }
        }
        for (size_t i = 0; fds && i < n; i++)
                if (fds[i] >= 0)
                        close(fds[i]);
        free(fds);
        for (size_t i = 0; reals && i < n; i++)   /* with holes: not a strv */
                free(reals[i]);
        free(reals);
        strv_free(expanded);
        if (r < 0)
                return r;
        name_map_settle(&idx->map);
        strv_sort_uniq(idx->names);
        return name_map_link_aliases(&idx->map);
}

/* ---- fragment, id and names ------------------------------------------------- */

/* Adds name, as an instance when it is a template and instance is set (what the
 * manager's merge does with a template name), unless it is there already. */
static int names_add(char ***names, const char *name, const char *instance) {
        char *n = instance && name_kind(name) == UNIT_NAME_TEMPLATE ? name_with_instance(name, instance)
                                                                   : strdup(name);

        if (!n)
                return -ENOMEM;
        if (strv_contains(*names, n)) {
                free(n);
                return 0;
        }
        if (strv_push(names, n) < 0) {
                free(n);
                return -ENOMEM;
        }
        return 0;
}

/* Alias template "a@.service" of an instance's unit: "a@<instance>.service" is a name
 * of the unit unless that instance has its own file of another unit. */
static int names_add_instance_alias(const struct name_map *m, const char *alias, const char *instance,
                                    const char *fragment_base, char ***names) {
        char *inst = name_with_instance(alias, instance);
        const struct name_entry *file;
        int r = 0;

        if (!inst)
                return -ENOMEM;
        if (!fragment_base || name_map_resolve(m, inst, &file) < 0 ||
            strcmp(path_basename(file->dst), fragment_base) == 0)
                r = names_add(names, inst, NULL);
        free(inst);
        return r;
}

/* systemd's add_names(): name itself (unless a template) and every name that names it. */
static int names_add_with_aliases(const struct name_map *m, const char *instance, const char *name,
                                  const char *fragment_base, char ***names) {
        unsigned kind = instance ? UNIT_NAME_INSTANCE : name_kind(name);
        int r = 0;

        if (kind != UNIT_NAME_TEMPLATE)
                r = names_add(names, name, instance);
        for (size_t i = name_map_aliases_of(m, name); r >= 0 && i < m->n_by_alias; i++) {
                const struct name_entry *e = m->by_alias[i];
                if (strcmp(e->alias_of, name) != 0)
                        break;
                if (kind == UNIT_NAME_INSTANCE && name_kind(e->name) == UNIT_NAME_TEMPLATE)
                        r = names_add_instance_alias(m, e->name, instance, fragment_base, names);
                else
                        r = names_add(names, e->name, instance);
        }
        return r;
}

/* The file systemd loads for name: its own, else (an instance) its template's. */
static int fragment_find(const struct name_map *m, const char *name, const struct name_entry **ret,
                         struct diag_list *diags) {
        int r = name_map_resolve(m, name, ret);

        if ((r == -ENOENT || r == -ENXIO) && name_kind(name) == UNIT_NAME_INSTANCE) {
                char *template = NULL;
                r = unit_name_template(name, &template);
                if (r >= 0)
                        r = name_map_resolve(m, template, ret);
                free(template);
        }
        if (r == -ELOOP)
                diag_add(diags, DIAG_ALIAS_LOOP, NULL, 0, 0, "%s", name);
        return r;
}

/* Sets load_state and fragment_path. *fragment stays NULL when the manager would
 * fail to open the file (then it merges no names either). */
static int fragment_load(struct unitset *u, const struct name_map *m, const char **fragment,
                         struct diag_list *diags) {
        const struct name_entry *file = NULL;
        const char *path;
        int r = fragment_find(m, u->name, &file, diags);

        if (r == -ENOMEM)
                return r;
        if (r < 0)
                return 0;
        path = file->dst;
        r = file->null_or_empty;
        if (r < 0) {
                if (r != -ENOENT)
                        diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, path, 0, 0, "%s", strerror(-r));
                return 0;
        }
        u->fragment_path = strdup(path);
        if (!u->fragment_path)
                return -ENOMEM;
        u->load_state = r ? LOAD_MASKED : LOAD_LOADED;
        *fragment = path;
        return 0;
}

/* The id is the fragment's name (with the instance put in); names: id, then the rest sorted. */
static int unit_names(struct unitset *u, const struct name_map *m, const char *fragment) {
        const char *base = fragment ? path_basename(fragment) : u->name;
        char *instance = name_instance(u->name), **names = NULL;
        int r;

        if (unit_name_is_valid(u->name, UNIT_NAME_INSTANCE) && !instance)
                return -ENOMEM;
        r = names_add_with_aliases(m, instance, u->name, NULL, &names);
        if (r >= 0 && fragment && strcmp(base, u->name) != 0)
                r = names_add_with_aliases(m, instance, base, base, &names);
        if (r >= 0) {
                u->id = instance && name_kind(base) == UNIT_NAME_TEMPLATE ? name_with_instance(base, instance)
                                                                          : strdup(base);
                r = u->id ? names_add(&u->names, u->id, NULL) : -ENOMEM;
        }
        strv_sort(names);
        for (size_t i = 0; r >= 0 && names && names[i]; i++)
                r = names_add(&u->names, names[i], NULL);
        strv_free(names);
        free(instance);
        return r;
}

/* ---- drop-ins -------------------------------------------------------------- */

/* Appends "<dir>/<name>.d". */
static int dropin_dir_push(char ***dirs, size_t *n, const char *dir, const char *name) {
        size_t ld = strlen(dir), ln = strlen(name);
        char *d = malloc(ld + ln + 4);

        if (!d)
                return -ENOMEM;
        memcpy(d, dir, ld);
        d[ld] = '/';
        memcpy(d + ld + 1, name, ln);
        memcpy(d + ld + 1 + ln, ".d", 3);
        if (strv_push_with_size(dirs, n, d) < 0) {
                free(d);
                return -ENOMEM;
        }
        return 0;
}

/*
 * The candidate dirs in systemd's order (unit_file_find_dropin_paths()): for each
 * name of the unit (id first), for each search path dir, the name's own dir, then
 * its template's and dash prefixes' dirs; after all of them, "<type>.d" in each
 * search path dir. Earlier dirs win a same-named file.
 */
static int dropin_dirs_list(struct unitset *u, const struct unit_index *idx) {
        const char *type = unit_name_suffix(u->id) + 1;
        char **seen = NULL, **names = NULL;
        size_t n_dirs = 0, n_seen = 0;
        int r = 0;

        /* A candidate is "<search dir>/<name>.d": it repeats only when a drop-in name
         * does (two unit names share a prefix) or a search dir does. Each counts where
         * it came first; the names seen are few, the dirs' repeats are in the index. */
        for (size_t n = 0; r >= 0 && u->names[n]; n++) {
                size_t first_new = n_seen;
                r = unit_name_dropin_names(u->names[n], &names);
                for (size_t j = 0; r >= 0 && names[j]; j++)
                        if (strcmp(names[j], type) != 0 && !strv_contains(seen, names[j]))
                                r = strv_extend_with_size(&seen, &n_seen, names[j]);
                for (size_t i = 0; r >= 0 && idx->search_path[i]; i++)
                        for (size_t j = first_new; r >= 0 && !idx->dirs[i].repeated && j < n_seen; j++)
                                r = dropin_dir_push(&u->dropin_dirs, &n_dirs, idx->search_path[i], seen[j]);
                names = strv_free(names);
        }
        for (size_t i = 0; r >= 0 && idx->search_path[i]; i++)
                if (!idx->dirs[i].repeated)
                        r = dropin_dir_push(&u->dropin_dirs, &n_dirs, idx->search_path[i], type);
        strv_free(names);
        strv_free(seen);
        return r;
}

static int dropin_push(struct unit_dropin **l, size_t *n, const char *path, enum dropin_state state,
                       const char *winner) {
        struct unit_dropin *m = realloc(*l, (*n + 1) * sizeof(**l));
        struct unit_dropin d = { .path = strdup(path), .state = state, .winner = winner ? strdup(winner) : NULL };

        if (m)
                *l = m;
        if (!m || !d.path || (winner && !d.winner)) {
                free(d.path);
                free(d.winner);
                return -ENOMEM;
        }
        m[(*n)++] = d;
        return 0;
}

static const struct unit_dropin *dropin_find(const struct unitset *u, const char *basename) {
        for (size_t i = 0; i < u->n_applied; i++)
                if (strcmp(path_basename(u->applied[i].path), basename) == 0)
                        return &u->applied[i];
        return NULL;
}

/* Every "*.conf" entry of dir except hidden ones, sorted: like conf_files_list_strv()
 * without flags, whatever the entry's type (a dir or dangling link is listed too). */
static int dir_conf_names(const char *dir, char ***ret, struct diag_list *diags) {
        int r = fileio_conf_names(dir, false, ret);

        if (r == -ENOMEM)
                return r;
        if (r < 0) {
                /* As systemd: a file where a drop-in dir could be is no dir, and no error. */
                if (r != -ENOTDIR)
                        diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, dir, 0, 0, "%s",
                                       strerror(-r));
                return (*ret = strv_copy(NULL)) ? 0 : -ENOMEM;
        }
        return 0;
}

static int dropins_add_dir(struct unitset *u, const char *dir, struct diag_list *diags) {
        char **names = NULL;
        int r = dir_conf_names(dir, &names, diags);

        for (size_t i = 0; r >= 0 && names[i]; i++) {
                const struct unit_dropin *winner = dropin_find(u, names[i]);
                char *path = path_join(dir, names[i]);
                if (!path)
                        r = -ENOMEM;
                else if (winner)
                        r = dropin_push(&u->hidden, &u->n_hidden, path,
                                        fileio_is_null_or_empty(winner->path) > 0 ? DROPIN_MASKED : DROPIN_SHADOWED,
                                        winner->path);
                else
                        r = dropin_push(&u->applied, &u->n_applied, path, DROPIN_APPLIED, NULL);
                free(path);
        }
        strv_free(names);
        return r;
}

static int dropin_cmp(const void *a, const void *b) {
        const struct unit_dropin *x = a, *y = b;

        return strcmp(path_basename(x->path), path_basename(y->path));
}

/* The search path dir that candidate (dir + "/" + one name) lies in, or NULL. */
/* path_startswith() with the dirs' lengths taken once: this runs for each of the ~80
 * candidate dirs of every unit. */
static const struct search_dir *search_dir_of(const struct unit_index *idx, const char *candidate,
                                              const char **ret_name) {
        const char *slash = strrchr(candidate, '/'), *end = slash;
        size_t len;

        if (!slash || !slash[1])
                return NULL;
        while (end > candidate && end[-1] == '/')
                end--;
        len = (size_t) (end - candidate);   /* the dir part, without its trailing slashes */
        for (size_t i = 0; idx->search_path[i]; i++)
                if (!idx->dirs[i].empty && idx->dirs[i].len == len && memcmp(candidate, idx->search_path[i], len) == 0) {
                        *ret_name = slash + 1;
                        return &idx->dirs[i];
                }
        return NULL;
}

/* realpath(candidate) from what the index read of its search path dir: no system
 * call for a candidate that does not exist (most of them) or is a plain dir. A
 * symlink or anything the index did not see is resolved by realpath() itself. */
static bool dropin_dir_resolve(const struct unit_index *idx, const char *candidate, char real[PATH_MAX]) {
        const char *name = NULL;
        const struct search_dir *sd = search_dir_of(idx, candidate, &name);
        const struct dotd_entry *e = NULL;

        if (sd && sd->missing) {
                errno = ENOENT;
                return false;
        }
        if (sd && sd->listed) {
                /* bsearch() wants an array even for no entries (UBSan: nonnull). */
                if (sd->n_dotd > 0)
                        e = bsearch(&(struct dotd_entry) { .name = (char *) name }, sd->dotd, sd->n_dotd,
                                    sizeof(*sd->dotd), dotd_cmp);
                if (!e) {
                        errno = ENOENT;
                        return false;
                }
                if (e->type == DT_DIR && sd->real &&
                    snprintf(real, PATH_MAX, "%s/%s", strcmp(sd->real, "/") == 0 ? "" : sd->real, name) < PATH_MAX)
                        return true;
        }
        return realpath(candidate, real);
}

bool unit_index_dotd_may_exist(const struct unit_index *idx, const char *path) {
        const char *name = NULL;
        const struct search_dir *sd = idx ? search_dir_of(idx, path, &name) : NULL;

        if (!sd || !is_dotd_name(name))
                return true;
        if (sd->missing)
                return false;
        return !sd->listed || (sd->n_dotd > 0 && bsearch(&(struct dotd_entry) { .name = (char *) name }, sd->dotd,
                                                        sd->n_dotd, sizeof(*sd->dotd), dotd_cmp));
}

/* Reads the candidate dirs that exist, each once under its canonical path (the path
 * systemd shows in DropInPaths), and applies the survivors in filename order. */
static int dropins_collect(struct unitset *u, const struct unit_index *idx, struct diag_list *diags) {
        char **seen = NULL, real[PATH_MAX];
        int r = 0;

        for (size_t i = 0; r >= 0 && u->dropin_dirs[i]; i++) {
                if (!dropin_dir_resolve(idx, u->dropin_dirs[i], real)) {
                        if (errno != ENOENT && errno != ENOTDIR)
                                diag_add_level(diags, DIAG_WARNING, DIAG_UNREADABLE, u->dropin_dirs[i], 0, 0,
                                               "%s", strerror(errno));
                        continue;
                }
                if (strv_contains(seen, real))
                        continue;
                r = strv_extend(&seen, real);
                if (r >= 0)
                        r = dropins_add_dir(u, real, diags);
        }
        strv_free(seen);
        if (r >= 0 && u->n_applied > 1)
                qsort(u->applied, u->n_applied, sizeof(u->applied[0]), dropin_cmp);
        return r;
}

/* ---- entry points -------------------------------------------------------------- */

void unitset_free(struct unitset *u) {
        if (!u)
                return;
        for (size_t i = 0; i < u->n_applied; i++)
                free(u->applied[i].path);
        for (size_t i = 0; i < u->n_hidden; i++) {
                free(u->hidden[i].path);
                free(u->hidden[i].winner);
        }
        free(u->applied);
        free(u->hidden);
        free(u->name);
        free(u->id);
        free(u->fragment_path);
        strv_free(u->names);
        strv_free(u->dropin_dirs);
        free(u);
}

/* ---- the index and the public entry points ------------------------------------ */


int unit_index_new(char *const *search_path, struct unit_index **ret, struct diag_list *diags) {
        struct unit_index *idx = calloc(1, sizeof(*idx));
        int r;

        if (!idx || !(idx->search_path = strv_copy(search_path))) {
                free(idx);
                return -ENOMEM;
        }
        idx->dirs = calloc(strv_length(search_path) + 1, sizeof(*idx->dirs));
        for (size_t i = 0; idx->dirs && search_path[i]; i++) {
                struct search_dir *sd = &idx->dirs[i];
                for (size_t k = 0; k < i && !sd->repeated; k++)
                        sd->repeated = strcmp(search_path[k], search_path[i]) == 0;
                sd->empty = !search_path[i][0];
                for (sd->len = strlen(search_path[i]); sd->len > 0 && search_path[i][sd->len - 1] == '/';)
                        sd->len--;
        }
        idx->names = calloc(1, sizeof(char *));
        idx->dep_dirs = calloc(1, sizeof(char *));
        r = idx->dirs && idx->names && idx->dep_dirs ? index_build(idx, diags) : -ENOMEM;
        if (r < 0) {
                unit_index_free(idx);
                return r;
        }
        *ret = idx;
        return 0;
}

void unit_index_free(struct unit_index *idx) {
        if (!idx)
                return;
        name_map_done(&idx->map);
        for (size_t i = 0; idx->dirs && idx->search_path[i]; i++)
                search_dir_done(&idx->dirs[i]);
        free(idx->dirs);
        strv_free(idx->search_path);
        strv_free(idx->names);
        strv_free(idx->dep_dirs);
        for (size_t i = 0; i < idx->n_invalid; i++)
                free(idx->invalid[i].name);
        free(idx->invalid);
        free(idx);
}

static int unit_resolve(struct unitset *u, const struct unit_index *idx, bool dropins, struct diag_list *diags) {
        const char *fragment = NULL;
        int r;

        r = fragment_load(u, &idx->map, &fragment, diags);
        if (r >= 0)
                r = unit_names(u, &idx->map, fragment);
        if (r < 0 || !dropins)
                return r;
        r = dropin_dirs_list(u, idx);
        /* As the manager: a unit that is not found gets no drop-ins at all. */
        if (r >= 0 && u->load_state != LOAD_NOT_FOUND)
                r = dropins_collect(u, idx, diags);
        return r;
}

static int lookup(const struct unit_index *idx, const char *name, bool dropins, struct unitset **ret,
                  struct diag_list *diags) {
        struct unitset *u;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        u = calloc(1, sizeof(*u));
        if (!u || !(u->name = strdup(name))) {
                free(u);
                return -ENOMEM;
        }
        u->load_state = LOAD_NOT_FOUND;
        r = unit_resolve(u, idx, dropins, diags);
        if (r < 0) {
                unitset_free(u);
                return r;
        }
        *ret = u;
        return 0;
}

int unitset_lookup(const struct unit_index *idx, const char *name, struct unitset **ret,
                   struct diag_list *diags) {
        return lookup(idx, name, true, ret, diags);
}

int unitset_lookup_unit(const struct unit_index *idx, const char *name, struct unitset **ret,
                        struct diag_list *diags) {
        return lookup(idx, name, false, ret, diags);
}

int unitset_load(char *const *search_path, const char *name, struct unitset **ret,
                 struct diag_list *diags) {
        struct unit_index *idx = NULL;
        int r;

        if (!unit_name_is_valid(name, UNIT_NAME_ANY))
                return -EINVAL;
        r = unit_index_new(search_path, &idx, diags);
        if (r < 0)
                return r;
        r = unitset_lookup(idx, name, ret, diags);
        unit_index_free(idx);
        return r;
}

char *const *unit_index_names(const struct unit_index *idx, struct diag_list *diags) {
        for (size_t i = 0; diags && i < idx->n_invalid; i++) {
                const char *dir = idx->search_path[idx->invalid[i].dir];
                diag_add(diags, DIAG_INVALID_UNIT_NAME, dir, 0, 0, "%s/%s", dir, idx->invalid[i].name);
        }
        return idx->names;
}

char *const *unit_index_dep_dirs(const struct unit_index *idx) {
        return idx->dep_dirs;
}

int unitset_discover(char *const *search_path, char ***ret, struct diag_list *diags) {
        struct unit_index *idx = NULL;
        int r = unit_index_new(search_path, &idx, diags);

        if (r < 0)
                return r;
        unit_index_names(idx, diags);
        *ret = idx->names;
        idx->names = NULL;
        unit_index_free(idx);
        return 0;
}
