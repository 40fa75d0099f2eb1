/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The words of SuccessExitStatus=, RestartPreventExitStatus= and
 * RestartForceExitStatus= as systemd 252 reads them (config_parse_set_status()):
 * each word is first tried as an exit status, then as a signal.
 */

#include <stdbool.h>
#include <stddef.h>

/* Longest signal_to_string() result ("RTMIN+30") plus NUL, with room to spare. */
#define SIGNAL_NAME_MAX 16

/*
 * An exit status: a number 0..255 as parse_unsigned() reads it ("0x4e" is 78),
 * or one of the names systemd 252 knows: LSB (SUCCESS=0 ... NOTRUNNING=7), BSD
 * (USAGE=64 ... CONFIG=78) and its own (CHDIR=200 ... BPF=244, EXCEPTION=255;
 * seen: the manager takes every one of them in RestartPreventExitStatus=).
 * Returns the status or -EINVAL.
 */
int exit_status_from_string(const char *s);

/*
 * A signal: "SIGKILL" or "KILL" (case-sensitive, no aliases such as SIGIOT or
 * SIGPOLL), "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" with or without "SIG",
 * n in 0..SIGRTMAX-SIGRTMIN. Returns the signal number or -EINVAL.
 */
int signal_from_string(const char *s);

/* The name `systemctl show` prints: "KILL", "RTMIN+3" (RTMIN itself is "RTMIN+0").
 * Returns buf, or NULL for a number that is no signal. */
char *signal_to_string(int sig, char *buf, unsigned len);

/* A set of exit statuses (0..255) and signals (1..64), as those keys accumulate them. */
struct exit_status_set {
        unsigned char status[256 / 8];
        unsigned long long signals;   /* bit n-1 = signal n */
};

/* Adds one word: an exit status if it is one, else a signal. Returns 0, or -EINVAL
 * (set unchanged) for a word that is neither. */
int exit_status_set_add_word(struct exit_status_set *s, const char *word);
bool exit_status_set_contains(const struct exit_status_set *s, int status);

/* Statuses ascending, then signal names by number, as `systemctl show` prints them
 * with signal_prefix "" ("1 78 KILL TERM") and as a unit file may write them with
 * "SIG" ("1 78 SIGKILL SIGTERM"); "" for an empty set. Returns buf. */
#define EXIT_STATUS_SET_FORMAT_MAX 2048  /* always enough */
char *exit_status_set_format(const struct exit_status_set *s, const char *signal_prefix, char *buf, size_t len);
