/* SPDX-License-Identifier: MIT */
/*
 * The unit file reader against systemd 252. Facts marked "seen" were checked
 * with a real `systemd --user` manager (Debian 12): the unit written byte for
 * byte with printf, `systemctl --user daemon-reload`, then
 * `systemctl --user show UNIT -p LoadState -p Description -p After -p ExecStart`,
 * and `systemd-analyze --user verify` for the line numbers of its warnings.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fileio.h"
#include "fixture.h"
#include "unitfile.h"

struct a {
        const char *section, *key, *value;
        unsigned line;
};

struct d {
        const char *code;
        unsigned line;
};

#define END {}

/* Parses len bytes from a buffer of exactly that size (no terminating NUL, so
 * ASan catches a read past the end). */
static int parse_n(const char *text, size_t len, struct unit_file **ret, struct diag_list *diags) {
        char *buf = malloc(len ? len : 1);
        int r;

        assert_non_null(buf);
        memcpy(buf, text, len);
        r = unitfile_parse("t.service", buf, len, ret, diags);
        free(buf);
        return r;
}

static void assert_diags(const struct diag_list *diags, const struct d *expected) {
        size_t n = 0;

        for (; expected && expected[n].code; n++) {
                assert_true(n < diags->n);
                assert_string_equal(diag_code_name(diags->items[n].code), expected[n].code);
                assert_int_equal(diags->items[n].line, expected[n].line);
                assert_string_equal(diags->items[n].file, "t.service");
        }
        assert_int_equal(diags->n, n);
}

static void assert_assignments(const struct unit_file *f, const struct a *expected) {
        size_t n = 0;

        for (; expected[n].key; n++) {
                assert_true(n < f->n_assignments);
                assert_string_equal(f->assignments[n].section, expected[n].section);
                assert_string_equal(f->assignments[n].key, expected[n].key);
                assert_string_equal(f->assignments[n].value, expected[n].value);
                assert_int_equal(f->assignments[n].line, expected[n].line);
        }
        assert_int_equal(f->n_assignments, n);
}

/* Parses text (which may hold NULs) and checks every assignment and diagnostic. */
static void check_n(const char *text, size_t len, const struct a *expected, const struct d *diags_expected) {
        struct diag_list diags = {};
        struct unit_file *f = NULL;

        assert_int_equal(parse_n(text, len, &f, &diags), 0);
        assert_non_null(f);
        assert_string_equal(f->path, "t.service");
        assert_assignments(f, expected);
        assert_diags(&diags, diags_expected);
        unitfile_free(f);
        diag_list_clear(&diags);
}

#define CHECK(text, expected, diags) check_n(text, sizeof(text) - 1, expected, diags)

/* systemd stops reading at line: parsing still succeeds; f->refused is r and
 * f->refused_line is line; nothing at or after line is kept (when expected is
 * given, exactly its assignments are); exactly one DIAG_ERROR, the last, code at line. */
static void check_refused_n(const char *text, size_t len, int r, const char *code, unsigned line,
                            const struct a *expected) {
        struct diag_list diags = {};
        struct unit_file *f = NULL;

        assert_int_equal(parse_n(text, len, &f, &diags), 0);
        assert_non_null(f);
        assert_int_equal(f->refused, r);
        assert_int_equal(f->refused_line, line);
        if (expected)
                assert_assignments(f, expected);
        for (size_t i = 0; i < f->n_assignments; i++)
                assert_true(f->assignments[i].line < line);
        for (size_t i = 0; i < f->n_sections; i++)
                assert_true(f->sections[i].line < line);
        for (size_t i = 0; i < f->n_comments; i++)
                assert_true(f->comments[i].line < line);
        assert_int_equal(diag_count(&diags, DIAG_ERROR), 1);
        assert_int_equal(diags.items[diags.n - 1].level, DIAG_ERROR);
        assert_string_equal(diag_code_name(diags.items[diags.n - 1].code), code);
        assert_int_equal(diags.items[diags.n - 1].line, line);
        unitfile_free(f);
        diag_list_clear(&diags);
}

#define REFUSED(text, r, code, line) check_refused_n(text, sizeof(text) - 1, r, code, line, NULL)
#define REFUSED_AFTER(text, r, code, line, expected) \
        check_refused_n(text, sizeof(text) - 1, r, code, line, expected)

static void test_stock_hermes_unit(void **state) {
        CHECK("[Unit]\n"
              "Description=Hermes Agent Gateway - Messaging Platform Integration\n"
              "After=network-online.target\n"
              "Wants=network-online.target\n"
              "StartLimitIntervalSec=0\n"
              "\n"
              "[Service]\n"
              "Type=simple\n"
              "ExecStart=/home/alice/.hermes/venv/bin/python -m hermes_cli.main gateway run\n"
              "Environment=\"HERMES_HOME=/home/alice/.hermes\"\n"
              "Restart=always\n"
              "\n"
              "[Install]\n"
              "WantedBy=default.target\n",
              ((const struct a[]) {
                      { "Unit", "Description", "Hermes Agent Gateway - Messaging Platform Integration", 2 },
                      { "Unit", "After", "network-online.target", 3 },
                      { "Unit", "Wants", "network-online.target", 4 },
                      { "Unit", "StartLimitIntervalSec", "0", 5 },
                      { "Service", "Type", "simple", 8 },
                      { "Service", "ExecStart", "/home/alice/.hermes/venv/bin/python -m hermes_cli.main gateway run", 9 },
                      { "Service", "Environment", "\"HERMES_HOME=/home/alice/.hermes\"", 10 },
                      { "Service", "Restart", "always", 11 },
                      { "Install", "WantedBy", "default.target", 14 },
                      END }),
              NULL);
}

static void test_sections_are_recorded_with_lines(void **state) {
        static const char text[] = "[Unit]\n\n[Service]\n[Unit]\n";
        struct unit_file *f = NULL;

        assert_int_equal(parse_n(text, sizeof(text) - 1, &f, NULL), 0);
        assert_int_equal(f->n_sections, 3);
        assert_string_equal(f->sections[0].name, "Unit");
        assert_int_equal(f->sections[0].line, 1);
        assert_string_equal(f->sections[1].name, "Service");
        assert_int_equal(f->sections[1].line, 3);
        assert_string_equal(f->sections[2].name, "Unit");
        assert_int_equal(f->sections[2].line, 4);
        unitfile_free(f);
}

/* Seen: "  Description   =   crlf value  \r\n" gives Description=crlf value. */
static void test_whitespace_around_key_equals_and_value_is_stripped(void **state) {
        CHECK("[Unit]\n  Description   =   two  words \t\n\tAfter\t=x.target\nEnvironment=A=B C\n",
              ((const struct a[]) {
                      { "Unit", "Description", "two  words", 2 },
                      { "Unit", "After", "x.target", 3 },
                      { "Unit", "Environment", "A=B C", 4 },
                      END }),
              NULL);
}

/* Form feed and vertical tab are not whitespace (seen: "\fDescription=ff" is
 * "Unknown key", the \f stays in the key). */
static void test_only_space_and_tab_are_whitespace(void **state) {
        CHECK("[Unit]\n\fDescription=ff\nA=\vx\v\n",
              ((const struct a[]) { { "Unit", "\fDescription", "ff", 2 }, { "Unit", "A", "\vx\v", 3 }, END }),
              NULL);
}

static void test_empty_value_is_kept(void **state) {
        CHECK("[Service]\nRestart=\nRestartSec =  \t\n",
              ((const struct a[]) { { "Service", "Restart", "", 2 }, { "Service", "RestartSec", "", 3 }, END }),
              NULL);
}

/* Seen: "=value" is "Missing key name before '=', ignoring line." and the unit loads. */
static void test_empty_key_is_ignored_with_warning(void **state) {
        CHECK("[Unit]\n=value\n  \t= x\nA=1\n",
              ((const struct a[]) { { "Unit", "A", "1", 4 }, END }),
              ((const struct d[]) { { "missing-key", 2 }, { "missing-key", 3 }, END }));
}

/* Seen: "Descrip tion = x" and "description=y" are "Unknown key" (kept as written:
 * keys and section names are case-sensitive); "[Un it]" is "Unknown section 'Un it'". */
static void test_keys_and_sections_kept_as_written(void **state) {
        CHECK("[service]\nDescrip tion = x\ndescription=y\n[Un it]\nA=b\n[a]b]\nC=d\n",
              ((const struct a[]) {
                      { "service", "Descrip tion", "x", 2 },
                      { "service", "description", "y", 3 },
                      { "Un it", "A", "b", 5 },
                      { "a]b", "C", "d", 7 },
                      END }),
              NULL);
}

static void test_comments_both_chars_indented_and_not_inline(void **state) {
        struct unit_file *f = NULL;
        static const char text[] = "# hermes-unit-lint: disable=HG001  \n[Service]\n;semi\n  \t# indented\n"
                                   "Restart=always # not a comment\nRestartSec=5;x\n";

        assert_int_equal(parse_n(text, sizeof(text) - 1, &f, NULL), 0);
        assert_assignments(f, (const struct a[]) {
                { "Service", "Restart", "always # not a comment", 5 },
                { "Service", "RestartSec", "5;x", 6 },
                END });
        assert_int_equal(f->n_comments, 3);
        assert_string_equal(f->comments[0].text, "# hermes-unit-lint: disable=HG001");
        assert_int_equal(f->comments[0].line, 1);
        assert_string_equal(f->comments[1].text, ";semi");
        assert_int_equal(f->comments[1].line, 3);
        assert_string_equal(f->comments[2].text, "# indented");
        assert_int_equal(f->comments[2].line, 4);
        unitfile_free(f);
}

static void test_bom_at_start_is_skipped(void **state) {
        /* Seen: BOM + CRLF + spaces around '=' loads with Description=crlf value. */
        CHECK("\xEF\xBB\xBF[Unit]\r\n  Description   =   crlf value  \r\n",
              ((const struct a[]) { { "Unit", "Description", "crlf value", 2 }, END }), NULL);
}

/* systemd strips the first BOM it finds at the start of a line, whichever line. */
static void test_bom_quirks(void **state) {
        /* Seen: a BOM on line 2 (none before) is stripped: Description=bom2. */
        CHECK("[Unit]\n\xEF\xBB\xBF" "Description=bom2\n",
              ((const struct a[]) { { "Unit", "Description", "bom2", 2 }, END }), NULL);
        /* Seen: only the first one: "\xEF\xBB\xBF\xEF\xBB\xBF[Unit]" is not a section,
         * both lines are "Assignment outside of section". */
        CHECK("\xEF\xBB\xBF\xEF\xBB\xBF[Unit]\nDescription=x\n", ((const struct a[]) { END }),
              ((const struct d[]) { { "outside-section", 1 }, { "outside-section", 2 }, END }));
        CHECK("\xEF\xBB\xBF[Unit]\n\xEF\xBB\xBF" "A=b\n",
              ((const struct a[]) { { "Unit", "\xEF\xBB\xBF" "A", "b", 2 }, END }), NULL);
        /* Seen: after leading whitespace it stays: key "\xEF\xBB\xBF  Description". */
        CHECK("[Unit]\n  \xEF\xBB\xBF  Description=x\n",
              ((const struct a[]) { { "Unit", "\xEF\xBB\xBF  Description", "x", 2 }, END }), NULL);
        /* Seen: "\xEF\xBB\xBF# comment" on line 1 is "Assignment outside of section":
         * comments are recognised before the BOM is stripped. */
        CHECK("\xEF\xBB\xBF# comment\n[Unit]\n", ((const struct a[]) { END }),
              ((const struct d[]) { { "outside-section", 1 }, END }));
        /* Seen: a BOM starting a continuation line is stripped: "t53  x". */
        CHECK("[Unit]\nDescription=t53 \\\n\xEF\xBB\xBFx\n",
              ((const struct a[]) { { "Unit", "Description", "t53  x", 2 }, END }), NULL);
}

/* read_line(): "\n", "\r", NUL, and runs of distinct markers ("\r\n", "\n\r") end a
 * line. Seen: "[Unit]\rDescription=cr\rFoo\r" loads with Description=cr and
 * "Missing '='" at line 3; "[Unit]\n\rFoo\n\n\rBar\r\r\nBaz\n" warns at lines 2, 4, 6;
 * "Description=a\0b\n" gives Description=a and "Missing '='" at line 3. */
static void test_line_ends(void **state) {
        CHECK("[Unit]\r\nA=1\r\nB=2\r\n",
              ((const struct a[]) { { "Unit", "A", "1", 2 }, { "Unit", "B", "2", 3 }, END }), NULL);
        CHECK("[Unit]\rDescription=cr\rFoo\r",
              ((const struct a[]) { { "Unit", "Description", "cr", 2 }, END }),
              ((const struct d[]) { { "missing-equals", 3 }, END }));
        CHECK("[Unit]\n\rFoo\n\n\rBar\r\r\nBaz\nA=1",
              ((const struct a[]) { { "Unit", "A", "1", 7 }, END }),
              ((const struct d[]) { { "missing-equals", 2 }, { "missing-equals", 4 },
                                    { "missing-equals", 6 }, END }));
        CHECK("[Unit]\nDescription=a\0b\nA=1\0\nB=2",
              ((const struct a[]) { { "Unit", "Description", "a", 2 }, { "Unit", "A", "1", 4 },
                                    { "Unit", "B", "2", 6 }, END }),
              ((const struct d[]) { { "missing-equals", 3 }, END }));
}

static void test_empty_and_blank_input(void **state) {
        CHECK("", ((const struct a[]) { END }), NULL);
        CHECK(" \t\n\r\n\n", ((const struct a[]) { END }), NULL);
        CHECK("[Unit]", ((const struct a[]) { END }), NULL);
}

/* Seen: "Description=one \" / "# a comment" / "   two\" / "; semi" / "\tthree"
 * gives Description="one     two \tthree": each final backslash becomes a space,
 * the next line is appended with its leading whitespace, comment lines are skipped;
 * "ExecStart=/bin/echo a \" / "  b" gives argv /bin/echo a b. */
static void test_continuation_joins_lines(void **state) {
        CHECK("[Unit]\nDescription=one \\\n# a comment\n   two\\\n; semi\n\tthree\n"
              "[Service]\nExecStart=/bin/echo a \\\n  b\nX=after\n",
              ((const struct a[]) {
                      { "Unit", "Description", "one     two \tthree", 2 },
                      { "Service", "ExecStart", "/bin/echo a    b", 8 },
                      { "Service", "X", "after", 10 },
                      END }),
              NULL);
}

static void test_continuation_comments_are_recorded(void **state) {
        struct unit_file *f = NULL;
        static const char text[] = "[Unit]\nA=1 \\\n  # c \\\n b\n";

        /* Seen: a comment line ending in a backslash inside a continuation is
         * skipped all the same: Description="a   b". */
        assert_int_equal(parse_n(text, sizeof(text) - 1, &f, NULL), 0);
        assert_assignments(f, (const struct a[]) { { "Unit", "A", "1   b", 2 }, END });
        assert_int_equal(f->n_comments, 1);
        assert_string_equal(f->comments[0].text, "# c \\");
        assert_int_equal(f->comments[0].line, 3);
        unitfile_free(f);
}

static void test_continuation_ends(void **state) {
        /* Seen: a trailing backslash on the last line: Description=eof. */
        CHECK("[Unit]\nDescription=eof \\", ((const struct a[]) { { "Unit", "Description", "eof", 2 }, END }),
              NULL);
        CHECK("[Unit]\nA=x\\\n", ((const struct a[]) { { "Unit", "A", "x", 2 }, END }), NULL);
        /* Seen: an empty or blank line ends it: Description=a, After= still parsed. */
        CHECK("[Unit]\nDescription=a \\\n\nAfter=x.target\n",
              ((const struct a[]) { { "Unit", "Description", "a", 2 }, { "Unit", "After", "x.target", 4 }, END }),
              NULL);
        CHECK("[Unit]\nDescription=a \\\n   \nAfter=x.target\n",
              ((const struct a[]) { { "Unit", "Description", "a", 2 }, { "Unit", "After", "x.target", 4 }, END }),
              NULL);
        /* A continued line may become a section header or lack '=' altogether (seen:
         * "Unknown section 'Un it'"; "Description=t60 \" "\" "B" gives "t60   B"). */
        CHECK("[Un\\\nit]\nA=\\\n\\\nB\nC\\\nD\n",
              ((const struct a[]) { { "Un it", "A", "B", 3 }, END }),
              ((const struct d[]) { { "missing-equals", 6 }, END }));
}

/* Seen: "Description=dbl \\" keeps both backslashes and After= on the next line is
 * parsed; three backslashes continue: Description="a\\ After=x.target". */
static void test_escaped_backslashes(void **state) {
        CHECK("[Unit]\nDescription=dbl \\\\\nAfter=foo.target\n",
              ((const struct a[]) { { "Unit", "Description", "dbl \\\\", 2 },
                                    { "Unit", "After", "foo.target", 3 }, END }),
              NULL);
        CHECK("[Unit]\nDescription=a\\\\\\\nAfter=x.target\n",
              ((const struct a[]) { { "Unit", "Description", "a\\\\ After=x.target", 2 }, END }), NULL);
        CHECK("[Unit]\nA=a\\b\\\\c\n", ((const struct a[]) { { "Unit", "A", "a\\b\\\\c", 2 }, END }), NULL);
}

static void test_line_numbers_after_continuations_and_crlf(void **state) {
        CHECK("# c\r\n[Service]\r\nA=1 \\\r\n 2 \\\r\n# x\r\n 3\r\n\r\nB=4\r\n;\rC=5\n\rD=6",
              ((const struct a[]) {
                      { "Service", "A", "1   2   3", 3 },
                      { "Service", "B", "4", 8 },
                      { "Service", "C", "5", 10 },
                      { "Service", "D", "6", 11 },
                      END }),
              NULL);
}

/* Seen: "[]" is "Unknown section ''. Ignoring." and the unit loads; an indented
 * "   [Service]   " is a header. */
static void test_odd_but_valid_section_headers(void **state) {
        CHECK("[]\nDescription=emptysec\n   [Service]   \nA=1\n[Unité]\nB=2\n",
              ((const struct a[]) {
                      { "", "Description", "emptysec", 2 },
                      { "Service", "A", "1", 4 },
                      { "Unité", "B", "2", 6 },
                      END }),
              NULL);
}

/* Seen: "[Unit] junk" is "Invalid section header" and the unit does not load
 * (LoadState=error, "Bad message"). */
static void test_section_header_with_trailing_text_refuses_file(void **state) {
        REFUSED("[Unit] junk\nDescription=garbage\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Unit]\nA=1\n[Service # x\n", -EBADMSG, "bad-section", 3);
        REFUSED("[Unit]\n[\n", -EBADMSG, "bad-section", 2);
        REFUSED("[Unit]\n[Service] ]x\n", -EBADMSG, "bad-section", 2);
}

/* Seen: tab, backslash and DEL in a section name are "Bad characters in section
 * header" and the unit does not load ("Bad message"); so are quotes (systemd's
 * string_is_safe()). */
static void test_section_header_with_bad_characters_refuses_file(void **state) {
        REFUSED("[Un\tit]\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Un\\it]\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Un\x7fit]\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Un\"it]\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Un'it]\n", -EBADMSG, "bad-section", 1);
        REFUSED("[Un\x01it]\n", -EBADMSG, "bad-section", 1);
}

/* Seen in a 252 user manager: a drop-in is applied up to the line where systemd
 * stops reading it (and a refused unit file shows its earlier values), so what
 * came before is kept -- assignments, sections and comments -- and nothing after. */
static void test_refused_file_keeps_what_came_before(void **state) {
        static const char text[] = "[Unit]\nA=1\n# c\n[Service]\nB=2\n[Service] x\nC=3\n# d\n[Unit]\nD=4\n";
        struct unit_file *f = NULL;

        REFUSED_AFTER(text, -EBADMSG, "bad-section", 6,
                      ((const struct a[]) { { "Unit", "A", "1", 2 }, { "Service", "B", "2", 5 }, END }));
        assert_int_equal(parse_n(text, sizeof(text) - 1, &f, NULL), 0);
        assert_int_equal(f->n_sections, 2);
        assert_string_equal(f->sections[1].name, "Service");
        assert_int_equal(f->n_comments, 1);
        assert_string_equal(f->comments[0].text, "# c");
        unitfile_free(f);
}

/* A continued line that turns out bad is refused where it starts: nothing of it
 * is kept, not even a comment line inside it. Warnings before the bad line stay. */
static void test_refused_continuation_and_earlier_warnings(void **state) {
        REFUSED_AFTER("[Unit]\nA=1\nB=2 \\\n\xff\nC=3\n", -EINVAL, "invalid-utf8", 3,
                      ((const struct a[]) { { "Unit", "A", "1", 2 }, END }));
        REFUSED_AFTER("[Unit]\n# kept\nA=1\nB=2 \\\n# dropped\n\xff\n", -EINVAL, "invalid-utf8", 4,
                      ((const struct a[]) { { "Unit", "A", "1", 3 }, END }));
        REFUSED_AFTER("[Unit]\nnoequals\nA=1\n[Service]x\n", -EBADMSG, "bad-section", 4,
                      ((const struct a[]) { { "Unit", "A", "1", 3 }, END }));
}

/* Seen: "JustAWord" in [Unit] is "Missing '=', ignoring line." and the unit loads;
 * "Description=before" ahead of any section is "Assignment outside of section.
 * Ignoring." (a line without '=' there too: the section check comes first);
 * ".include /dev/null" is just a line without '='. */
static void test_ignored_lines_warn(void **state) {
        CHECK("Description=before\nno equals\n[Unit]\nJustAWord\n.include /dev/null\nA=1\n",
              ((const struct a[]) { { "Unit", "A", "1", 6 }, END }),
              ((const struct d[]) { { "outside-section", 1 }, { "outside-section", 2 },
                                    { "missing-equals", 4 }, { "missing-equals", 5 }, END }));
}

/* Seen: a control character alone is a line without '=' (the unit loads). */
static void test_control_characters_are_ordinary_bytes(void **state) {
        CHECK("[Unit]\nA=\x01\x1b[31m\n\x01\n",
              ((const struct a[]) { { "Unit", "A", "\x01\x1b[31m", 2 }, END }),
              ((const struct d[]) { { "missing-equals", 3 }, END }));
}

/* Seen: each of these makes systemd 252 refuse the unit ("String is not UTF-8
 * clean", LoadState=error, "Invalid argument"): a bare \xff in a value, in a line
 * before any section, in a line without '=', in an unknown section; U+FDD0, U+FFFE,
 * a surrogate, an overlong NUL, U+110000, U+1FFFE. */
static void test_invalid_utf8_refuses_file(void **state) {
        REFUSED("[Unit]\nDescription=bad\xffutf\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("\xff\n[Unit]\n", -EINVAL, "invalid-utf8", 1);
        REFUSED("[Unit]\nfoo\xff\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[X-Foo]\nA=\xff\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xef\xb7\x90\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xef\xbf\xbe\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xed\xa0\x80\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xc0\x80\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xf4\x90\x80\x80\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xf0\x9f\xbf\xbe\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xe2\x82\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\xf8\x88\x80\x80\x80\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nD=\x80\n", -EINVAL, "invalid-utf8", 2);
        REFUSED("[Unit]\nA=1\\\n\xff\n", -EINVAL, "invalid-utf8", 2);
}

/* Seen: valid multi-byte text loads; invalid UTF-8 in a comment line does not matter. */
static void test_valid_utf8_and_comments_with_any_bytes(void **state) {
        CHECK("[Unit]\n#\xff\nDescription=ok\xc3\xa9\xf0\x9f\x98\x80\xef\xbb\xbf\xf4\x8f\xbf\xbd\n",
              ((const struct a[]) { { "Unit", "Description", "ok\xc3\xa9\xf0\x9f\x98\x80\xef\xbb\xbf\xf4\x8f\xbf\xbd", 3 },
                                    END }),
              NULL);
}

static char *repeat(const char *head, char c, size_t total, const char *tail) {
        size_t h = strlen(head), t = strlen(tail);
        char *s = malloc(total + t + 1);

        assert_non_null(s);
        assert_true(total >= h);
        memcpy(s, head, h);
        memset(s + h, c, total - h);
        memcpy(s + total, tail, t + 1);
        return s;
}

/* Seen: a line of 1 MiB - 1 bytes loads; 1 MiB bytes is "No buffer space available". */
static void test_line_too_long_refuses_file(void **state) {
        struct unit_file *f = NULL;
        char *s = repeat("[Unit]\nDescription=", 'x', 7 + UNITFILE_LINE_MAX - 1, "\n");

        assert_int_equal(parse_n(s, strlen(s), &f, NULL), 0);
        assert_int_equal(strlen(f->assignments[0].value), UNITFILE_LINE_MAX - 1 - strlen("Description="));
        unitfile_free(f);
        free(s);
        s = repeat("[Unit]\nDescription=", 'x', 7 + UNITFILE_LINE_MAX, "\n[Service]\n");
        check_refused_n(s, strlen(s), -ENOBUFS, "line-too-long", 2, NULL);
        free(s);
        /* Without a final newline too. */
        s = repeat("[Unit]\nA=1\nDescription=", 'x', 11 + UNITFILE_LINE_MAX, "");
        check_refused_n(s, strlen(s), -ENOBUFS, "line-too-long", 3,
                        (const struct a[]) { { "Unit", "A", "1", 2 }, END });
        free(s);
}

/* Seen: continued lines whose joined length (the replaced backslash counts) is
 * exactly 1 MiB load; one byte more is "No buffer space available". */
static void test_continued_line_too_long_refuses_file(void **state) {
        struct unit_file *f = NULL;
        char *first = repeat("[Unit]\nDescription=", 'x', 7 + 500000, "\\\n");
        size_t first_len = strlen(first) - 7 - 1;   /* without "[Unit]\n" and "\n" */
        char *s = repeat(first, 'y', strlen(first) + UNITFILE_LINE_MAX - first_len, "\n");

        assert_int_equal(parse_n(s, strlen(s), &f, NULL), 0);
        assert_int_equal(f->n_assignments, 1);
        unitfile_free(f);
        free(s);
        s = repeat(first, 'y', strlen(first) + UNITFILE_LINE_MAX - first_len + 1, "\n");
        check_refused_n(s, strlen(s), -ENOBUFS, "line-too-long", 3, (const struct a[]) { END });
        free(s);
        free(first);
}

/* Library diags must never carry a value (it may be a token). */
static void test_diagnostics_never_contain_line_text(void **state) {
        static const char text[] = "SECRET1=x\n[Unit]\nSECRET2\n=SECRET3\n[SECRET4] x\n";
        static const char utf8[] = "[Unit]\nA=SECRET\xff\n";
        struct diag_list diags = {};
        struct unit_file *f = NULL;

        assert_int_equal(parse_n(text, sizeof(text) - 1, &f, &diags), 0);
        assert_int_equal(f->refused, -EBADMSG);
        assert_int_equal(diags.n, 4);
        for (size_t i = 0; i < diags.n; i++)
                assert_null(strstr(diags.items[i].message, "SECRET"));
        unitfile_free(f);
        diag_list_clear(&diags);
        assert_int_equal(parse_n(utf8, sizeof(utf8) - 1, &f, &diags), 0);
        assert_int_equal(f->refused, -EINVAL);
        assert_null(strstr(diags.items[0].message, "SECRET"));
        unitfile_free(f);
        diag_list_clear(&diags);
}

static void test_null_diag_list_is_fine(void **state) {
        struct unit_file *f = NULL;

        assert_int_equal(parse_n("A=1\n[Unit]\nx\n", 13, &f, NULL), 0);
        assert_int_equal(f->n_assignments, 0);
        unitfile_free(f);
        assert_int_equal(parse_n("[U] x\n", 6, &f, NULL), 0);
        assert_int_equal(f->refused, -EBADMSG);
        assert_int_equal(f->refused_line, 1);
        unitfile_free(f);
        unitfile_free(NULL);
}

/* ---- unitfile_load ---------------------------------------------------- */

static char *tmpdir;

static char *tmp_path(const char *name) {
        char *p;

        assert_true(asprintf(&p, "%s/%s", tmpdir, name) > 0);
        return p;
}

static char *write_file(const char *name, const char *data, size_t len) {
        fixture_write_bytes(tmpdir, name, data, len);
        return tmp_path(name);
}

static int setup_dir(void **state) {
        tmpdir = fixture_root();
        return tmpdir ? 0 : -1;
}

static int remove_dir(void **state) {
        fixture_free(tmpdir);
        tmpdir = NULL;
        return 0;
}

/* unitfile_load fails with r and one DIAG_ERROR "unreadable" naming path and saying why. */
static void assert_load_fails(const char *path, int r, const char *why) {
        struct diag_list diags = {};
        struct unit_file *sentinel = (struct unit_file *) &diags, *f = sentinel;

        assert_int_equal(unitfile_load(path, &f, &diags), r);
        assert_ptr_equal(f, sentinel);
        assert_int_equal(diags.n, 1);
        assert_int_equal(diags.items[0].level, DIAG_ERROR);
        assert_string_equal(diag_code_name(diags.items[0].code), "unreadable");
        assert_string_equal(diags.items[0].file, path);
        assert_int_equal(diags.items[0].line, 0);
        assert_non_null(strstr(diags.items[0].message, why));
        diag_list_clear(&diags);
}

static void test_load_regular_file_and_symlink(void **state) {
        static const char text[] = "[Service]\nRestart=always\n";
        char *p = write_file("a.service", text, sizeof(text) - 1), *l = tmp_path("link.service");
        struct unit_file *f = NULL;

        assert_int_equal(symlink(p, l), 0);
        assert_int_equal(unitfile_load(l, &f, NULL), 0);
        assert_string_equal(f->path, l);   /* the name asked for, as systemd reports it */
        assert_assignments(f, (const struct a[]) { { "Service", "Restart", "always", 2 }, END });
        unitfile_free(f);
        free(p);
        free(l);
}

/* A loaded file systemd stops reading names the file and line, and comes back
 * as far as it was read. */
static void test_load_reports_refusal(void **state) {
        static const char text[] = "[Service]\nRestart=always\n[Unit] x\nRestartSec=1\n";
        char *p = write_file("bad.service", text, sizeof(text) - 1);
        struct diag_list diags = {};
        struct unit_file *f = NULL;

        assert_int_equal(unitfile_load(p, &f, &diags), 0);
        assert_int_equal(f->refused, -EBADMSG);
        assert_int_equal(f->refused_line, 3);
        assert_assignments(f, (const struct a[]) { { "Service", "Restart", "always", 2 }, END });
        assert_int_equal(diags.n, 1);
        assert_string_equal(diags.items[0].file, p);
        assert_int_equal(diags.items[0].line, 3);
        unitfile_free(f);
        diag_list_clear(&diags);
        free(p);
}

/* systemd would read a NUL as a line end; fileio_read() refuses binary data. */
static void test_load_refuses_nul_byte(void **state) {
        char *p = write_file("nul.service", "[Unit]\nA=1\0\n", 12);

        assert_load_fails(p, -EILSEQ, "NUL byte");
        free(p);
}

static void test_load_refuses_huge_file(void **state) {
        char *p = tmp_path("huge.service");
        int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

        assert_true(fd >= 0);
        assert_int_equal(ftruncate(fd, FILEIO_MAX_SIZE + 1), 0);
        close(fd);
        assert_load_fails(p, -EFBIG, "larger than 4 MiB");
        free(p);
}

static void test_load_refuses_directory_fifo_missing_and_dangling_link(void **state) {
        char *d = tmp_path("dir.service"), *fifo = tmp_path("fifo.service"),
             *missing = tmp_path("missing.service"), *dangling = tmp_path("dangling.service");

        assert_int_equal(mkdir(d, 0755), 0);
        assert_load_fails(d, -EISDIR, "Is a directory");
        /* No writer: a blocking open would hang here. */
        assert_int_equal(mkfifo(fifo, 0644), 0);
        assert_load_fails(fifo, -EBADF, "not a regular file");
        assert_load_fails(missing, -ENOENT, "No such file");
        /* Root ignores chmod 000, so "unreadable" is tested with a dangling symlink. */
        assert_int_equal(symlink(missing, dangling), 0);
        assert_load_fails(dangling, -ENOENT, "No such file");
        free(d);
        free(fifo);
        free(missing);
        free(dangling);
}

/* Positions come from the parse: the same text with LF, CR, CRLF or LFCR line
 * ends (all line ends to systemd) has the same line:column for every key, value
 * and ignored line; a byte order mark is no column. */
static void test_columns_do_not_depend_on_line_ends(void **state) {
        static const char *const ends[] = { "\n", "\r", "\r\n", "\n\r" };
        static const char *const lines[] = {
                "\xef\xbb\xbf[Service]", "  Restart = always", "RestartSec=5", "  oops",
                "ExecStart=/bin/true \\", "   --flag", "\tEmpty=",
        };

        for (size_t e = 0; e < sizeof(ends) / sizeof(ends[0]); e++) {
                struct diag_list diags = {};
                struct unit_file *f = NULL;
                char text[256] = "";
                for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
                        strcat(text, lines[i]);
                        strcat(text, ends[e]);
                }
                assert_int_equal(parse_n(text, strlen(text), &f, &diags), 0);
                assert_int_equal(f->n_assignments, 4);
                static const unsigned want[][3] = { { 2, 3, 13 }, { 3, 1, 12 }, { 5, 1, 11 }, { 7, 2, 8 } };
                for (size_t i = 0; i < 4; i++) {
                        assert_int_equal(f->assignments[i].line, want[i][0]);
                        assert_int_equal(f->assignments[i].key_column, want[i][1]);
                        assert_int_equal(f->assignments[i].value_column, want[i][2]);
                }
                assert_int_equal(diags.n, 1);
                assert_int_equal(diags.items[0].code, DIAG_MISSING_EQUALS);
                assert_int_equal(diags.items[0].line, 4);
                assert_int_equal(diags.items[0].column, 3);
                unitfile_free(f);
                diag_list_clear(&diags);
        }
}

int main(void) {
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_stock_hermes_unit),
                cmocka_unit_test(test_columns_do_not_depend_on_line_ends),
                cmocka_unit_test(test_sections_are_recorded_with_lines),
                cmocka_unit_test(test_whitespace_around_key_equals_and_value_is_stripped),
                cmocka_unit_test(test_only_space_and_tab_are_whitespace),
                cmocka_unit_test(test_empty_value_is_kept),
                cmocka_unit_test(test_empty_key_is_ignored_with_warning),
                cmocka_unit_test(test_keys_and_sections_kept_as_written),
                cmocka_unit_test(test_comments_both_chars_indented_and_not_inline),
                cmocka_unit_test(test_bom_at_start_is_skipped),
                cmocka_unit_test(test_bom_quirks),
                cmocka_unit_test(test_line_ends),
                cmocka_unit_test(test_empty_and_blank_input),
                cmocka_unit_test(test_continuation_joins_lines),
                cmocka_unit_test(test_continuation_comments_are_recorded),
                cmocka_unit_test(test_continuation_ends),
                cmocka_unit_test(test_escaped_backslashes),
                cmocka_unit_test(test_line_numbers_after_continuations_and_crlf),
                cmocka_unit_test(test_odd_but_valid_section_headers),
                cmocka_unit_test(test_section_header_with_trailing_text_refuses_file),
                cmocka_unit_test(test_section_header_with_bad_characters_refuses_file),
                cmocka_unit_test(test_refused_file_keeps_what_came_before),
                cmocka_unit_test(test_refused_continuation_and_earlier_warnings),
                cmocka_unit_test(test_ignored_lines_warn),
                cmocka_unit_test(test_control_characters_are_ordinary_bytes),
                cmocka_unit_test(test_invalid_utf8_refuses_file),
                cmocka_unit_test(test_valid_utf8_and_comments_with_any_bytes),
                cmocka_unit_test(test_line_too_long_refuses_file),
                cmocka_unit_test(test_continued_line_too_long_refuses_file),
                cmocka_unit_test(test_diagnostics_never_contain_line_text),
                cmocka_unit_test(test_null_diag_list_is_fine),
                cmocka_unit_test(test_load_regular_file_and_symlink),
                cmocka_unit_test(test_load_reports_refusal),
                cmocka_unit_test(test_load_refuses_nul_byte),
                cmocka_unit_test(test_load_refuses_huge_file),
                cmocka_unit_test(test_load_refuses_directory_fifo_missing_and_dangling_link),
        };

        return cmocka_run_group_tests(tests, setup_dir, remove_dir);
}
