/* SPDX-License-Identifier: MIT */
/*
 * HG021 file-refused: some lines make systemd 252 stop reading a file: text
 * after a section header's ']', a quote or control character in a section name,
 * a line that is not valid UTF-8, a line of 1 MiB or more. Seen in a real user
 * manager: in the unit file itself the unit then fails to load
 * (LoadState=error) and cannot start; in a drop-in the lines before apply and
 * that line and everything after it do not, while the unit loads as if nothing
 * were wrong.
 */
#include <errno.h>

#include "../ruleutil.h"

static const char *what(int refused) {
        switch (refused) {
        case -EBADMSG:
                return "an invalid section header";
        case -EINVAL:
                return "a line that is not valid UTF-8";
        default:
                return "a line of 1 MiB or more";
        }
}

void check_file_refused(const struct lint_ctx *ctx, const struct lint_unit *u, struct findings *out) {
        for (size_t i = 0; u->eff && i < u->eff->n_files; i++) {
                const struct unit_file *f = u->eff->files[i];
                if (!f->refused)
                        continue;
                /* A refused fragment is the only file read (see effective.h). */
                if (u->eff->fragment_refused)
                        finding_add(out, f->path, f->refused_line, 1,
                                    "%s: systemd refuses the unit file, so %s fails to load "
                                    "(LoadState=error) and cannot start", what(f->refused), u->name);
                else
                        finding_add(out, f->path, f->refused_line, 1,
                                    "%s: systemd stops reading this drop-in here, so this line and "
                                    "all after it do not apply to %s", what(f->refused), u->name);
        }
}
