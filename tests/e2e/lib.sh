# shellcheck shell=sh
# A real `systemd --user` manager for end-to-end tests (as root; PID 1 need not be systemd).
# Source it, then:
#   e2e_init USER        skip (exit 77) unless root & co; take the e2e lock; set
#                        E2E_UID E2E_HOME E2E_RT E2E_TMP E2E_UNITS; register cleanup
#   e2e_start            start the manager, wait until it answers
#   e2e_stop             stop it (also done at exit)
#   e2e_reexec           daemon-reexec (rereads user.conf), wait until it answers again
#   e2e_reload           chown ~/.config to the user, daemon-reload (exit 1 on failure)
#   e2e_as_user CMD...   run CMD as the test user with the manager's environment
#   e2e_userctl ARGS...  systemctl --user ARGS as the test user
#   e2e_show UNIT PROP   one property's value
#   e2e_normalize_show   filter for `systemctl show` output: sorted, Names= aliases sorted
#   e2e_wait_for TENTHS CMD...   poll CMD every 0.1s, at most TENTHS times
#   e2e_expect NAME EXPECTED ACTUAL   count a check, print a diff-like line on failure
#   e2e_ok NAME CMD...   count a check that CMD succeeds
#   e2e_build_driver OUT SRC ARGS...  compile a C test driver against $B's library
#   e2e_install_generator / e2e_remove_generator   our generator in /etc/systemd/user-generators
#   e2e_global PATH      PATH outside the home is about to be created: make its parent
#                        dirs; e2e_remove_globals (also at exit) removes what was added
#   e2e_finish           print the summary and exit 0/1
# Tests run one at a time (a lock), each with its own user; everything created
# outside the user's home is removed at exit.

E2E_CHECKS=0
E2E_FAILS=0
E2E_MGR_PID=""
E2E_MADE_RUN_SYSTEM=0
E2E_GENERATOR=/etc/systemd/user-generators/hermes-guardrail-generator

e2e_skip() { echo "skipped: $*"; exit 77; }

e2e_init() {
        E2E_USER=$1
        [ "$(id -u)" = 0 ] || e2e_skip "needs root to run a systemd --user manager for a test user"
        [ -x /usr/lib/systemd/systemd ] || e2e_skip "no /usr/lib/systemd/systemd"
        for c in setpriv flock useradd pgrep; do
                command -v $c >/dev/null 2>&1 || e2e_skip "no $c"
        done
        [ -d /sys/fs/cgroup ] || e2e_skip "no /sys/fs/cgroup"
        # One test at a time: they share /etc/systemd/user-generators and /run/systemd/system.
        exec 9> /tmp/hermes-guardrails-e2e.lock
        flock -w 900 9 || { echo "another e2e run holds /tmp/hermes-guardrails-e2e.lock"; exit 1; }
        id "$E2E_USER" >/dev/null 2>&1 || useradd -m "$E2E_USER" || exit 1
        E2E_UID=$(id -u "$E2E_USER")
        E2E_HOME=$(getent passwd "$E2E_USER" | cut -d: -f6)
        E2E_RT=/run/user/$E2E_UID
        E2E_UNITS=$E2E_HOME/.config/systemd/user
        rm -rf "/tmp/e2e-$E2E_USER".*   # left by an interrupted run (we hold the lock)
        E2E_TMP=$(mktemp -d "/tmp/e2e-$E2E_USER.XXXXXX") || exit 1
        chmod 755 "$E2E_TMP"
        e2e_check_no_other_generator
        # An interrupted run may have left its manager (it would answer for us), the
        # processes it started, and our generator.
        e2e_kill_leftovers
        e2e_remove_generator
        rm -rf "$E2E_HOME/.config" "$E2E_HOME/.local" "$E2E_RT"
        trap e2e_cleanup EXIT
        trap 'exit 1' INT TERM HUP
}

# The processes in the test user's cgroups (a manager and what it started), and any
# manager of the test user outside them.
e2e_user_pids() {
        for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                [ -d "$c/user.slice/user-$E2E_UID.slice" ] &&
                        find "$c/user.slice/user-$E2E_UID.slice" -name cgroup.procs -exec cat {} + 2>/dev/null
        done
        pgrep -u "$E2E_UID" -x systemd
        return 0
}

e2e_kill_leftovers() {
        _pids=$(e2e_user_pids | sort -u)
        [ -n "$_pids" ] || return 0
        # shellcheck disable=SC2086
        kill -KILL $_pids 2>/dev/null
        # shellcheck disable=SC2086
        e2e_wait_for 50 e2e_all_gone $_pids
}

e2e_all_gone() {
        for _p in "$@"; do
                kill -0 "$_p" 2>/dev/null && return 1
        done
        return 0
}

# A hermes-guardrail-generator installed on the host (make install) would run in
# every test manager and change what the tests see.
e2e_check_no_other_generator() {
        for _d in /run/systemd/user-generators /usr/local/lib/systemd/user-generators \
                  /usr/lib/systemd/user-generators; do
                [ -e "$_d/hermes-guardrail-generator" ] &&
                        e2e_skip "$_d/hermes-guardrail-generator is installed; it would run in the test manager (make uninstall)"
        done
        return 0
}

e2e_as_user() {
        setpriv --reuid="$E2E_UID" --regid="$E2E_UID" --init-groups env -i HOME="$E2E_HOME" \
                USER="$E2E_USER" XDG_RUNTIME_DIR="$E2E_RT" PATH=/usr/bin:/bin "$@"
}

e2e_userctl() { e2e_as_user systemctl --user "$@"; }

e2e_show() { e2e_userctl show "$1" -p "$2" --value; }

# One property per line, sorted; in Names= the aliases after the id are sorted (the
# manager lists them in hash order), so that two answers compare with diff.
e2e_normalize_show() {
        awk '/^Names=/ { n = split(substr($0, 7), a, " "); s = a[1]; m = 0
                         for (i = 2; i <= n; i++) b[++m] = a[i]
                         for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++)
                                 if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
                         for (i = 1; i <= m; i++) s = s " " b[i]
                         print "Names=" s; delete b; next }
             { print }' | sort
}

e2e_wait_for() {
        _n=$1; shift
        while [ "$_n" -gt 0 ]; do
                "$@" && return 0
                sleep 0.1
                _n=$((_n - 1))
        done
        return 1
}

e2e_manager_up() {
        case $(e2e_userctl is-system-running 2>/dev/null) in
        running|degraded) return 0 ;;
        esac
        kill -0 "$E2E_MGR_PID" 2>/dev/null || return 0   # died: stop waiting
        return 1
}

e2e_start() {
        [ -d /run/systemd/system ] || { mkdir -p /run/systemd/system && E2E_MADE_RUN_SYSTEM=1; }
        mkdir -p "$E2E_RT" && chown "$E2E_USER:" "$E2E_RT" && chmod 700 "$E2E_RT"
        mkdir -p "$E2E_UNITS" && chown -R "$E2E_USER:" "$E2E_HOME/.config"
        for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                [ -d "$c" ] || continue
                mkdir -p "$c/user.slice/user-$E2E_UID.slice/user@$E2E_UID.service"
                chown -R "$E2E_USER:" "$c/user.slice/user-$E2E_UID.slice"
        done
        # The shell moves itself into the user's cgroup, then becomes the manager.
        sh -c 'for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                       [ -d $c ] && echo $$ > $c/user.slice/user-'"$E2E_UID"'.slice/user@'"$E2E_UID"'.service/cgroup.procs
               done
               exec setpriv --reuid='"$E2E_UID"' --regid='"$E2E_UID"' --init-groups env -i \
                       HOME='"$E2E_HOME"' USER='"$E2E_USER"' XDG_RUNTIME_DIR='"$E2E_RT"' \
                       PATH=/usr/bin:/bin \
                       /usr/lib/systemd/systemd --user' > "$E2E_TMP/manager.log" 2>&1 &
        E2E_MGR_PID=$!
        if ! e2e_wait_for 200 e2e_manager_up || ! kill -0 "$E2E_MGR_PID" 2>/dev/null; then
                echo "the user manager did not come up:"; cat "$E2E_TMP/manager.log"
                exit 1
        fi
}

e2e_stop() {
        [ -n "$E2E_MGR_PID" ] || return 0
        kill "$E2E_MGR_PID" 2>/dev/null
        e2e_wait_for 50 e2e_all_gone "$E2E_MGR_PID" || kill -KILL "$E2E_MGR_PID" 2>/dev/null
        wait "$E2E_MGR_PID" 2>/dev/null
        E2E_MGR_PID=""
        e2e_kill_leftovers
}

# user.conf(.d) is read only when the manager starts; the pid stays the same.
# Returns 1 (with a message) when the manager does not come back.
e2e_reexec() {
        e2e_userctl daemon-reexec || { echo "daemon-reexec failed"; return 1; }
        if ! e2e_wait_for 200 e2e_manager_up || ! kill -0 "$E2E_MGR_PID" 2>/dev/null; then
                echo "the manager did not come back after daemon-reexec"; return 1
        fi
}

# Files in ~/.config must belong to the user, or the manager may ignore them.
e2e_reload() {
        chown -R "$E2E_USER:" "$E2E_HOME/.config"
        e2e_userctl daemon-reload || { echo "daemon-reload failed"; cat "$E2E_TMP/manager.log"; exit 1; }
}

e2e_install_generator() {
        _gen=${B:-build}/hermes-guardrail-generator
        case $_gen in /*) ;; *) _gen=$(pwd)/$_gen ;; esac
        [ -x "$_gen" ] || { echo "missing $_gen (run make)"; exit 1; }
        mkdir -p "${E2E_GENERATOR%/*}"
        install -m 0755 "$_gen" "$E2E_GENERATOR"
}

e2e_remove_generator() {
        rm -f "$E2E_GENERATOR"
        rmdir "${E2E_GENERATOR%/*}" 2>/dev/null
        return 0
}

# The dirs made here and PATH go to a list, in the order they appear, so that
# removing in reverse order takes files before the dirs that hold them.
e2e_global() {
        e2e_global_mkdir "${1%/*}" && echo "f $1" >> "$E2E_TMP/globals"
}

e2e_global_mkdir() {
        [ -d "$1" ] && return 0
        e2e_global_mkdir "${1%/*}" || return 1
        mkdir "$1" && echo "d $1" >> "$E2E_TMP/globals"
}

e2e_remove_globals() {
        [ -f "$E2E_TMP/globals" ] || return 0
        tac "$E2E_TMP/globals" | while read -r _kind _g; do
                case $_kind in
                f) rm -rf "$_g" ;;
                d) rmdir "$_g" 2>/dev/null ;;   # still holds what is not ours: keep
                esac
        done
        : > "$E2E_TMP/globals"
}

# The driver is sanitized like the library, which then links.
e2e_build_driver() {
        _out=$1 _src=$2
        shift 2
        _lib=${B:-build}/libhermes-guardrails.a
        [ -f "$_lib" ] || { echo "missing $_lib (run make)"; exit 1; }
        _san=""
        nm "$_lib" 2>/dev/null | grep -q __asan_ &&
                _san="-fsanitize=address,undefined -fno-omit-frame-pointer"
        # shellcheck disable=SC2046,SC2086
        ${CC:-cc} -std=gnu11 -D_GNU_SOURCE $_san -Ilib -o "$_out" "$_src" "$@" "$_lib" \
                $(pkg-config --libs libsystemd inih libgcrypt) || { echo "failed to build $_src"; exit 1; }
        chmod 755 "$_out"
}

e2e_cleanup() {
        e2e_stop
        e2e_remove_generator
        e2e_remove_globals
        # Other managers (ours from other tests are stopped) may still need it.
        if [ "$E2E_MADE_RUN_SYSTEM" = 1 ] && ! pgrep -x systemd >/dev/null; then
                rmdir /run/systemd/system 2>/dev/null
        fi
        for c in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
                [ -d "$c/user.slice/user-$E2E_UID.slice" ] &&
                        find "$c/user.slice/user-$E2E_UID.slice" -depth -type d -exec rmdir {} + 2>/dev/null
        done
        rm -rf "$E2E_RT" "$E2E_TMP" "$E2E_HOME/.config" "$E2E_HOME/.local"
}

e2e_expect() {
        E2E_CHECKS=$((E2E_CHECKS + 1))
        if [ "$2" = "$3" ]; then
                [ -n "${E2E_VERBOSE:-}" ] && echo "ok: $1"
                return 0
        fi
        E2E_FAILS=$((E2E_FAILS + 1))
        printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
        return 1
}

# Like e2e_expect, for a condition: e2e_ok NAME CMD...
e2e_ok() {
        _name=$1; shift
        E2E_CHECKS=$((E2E_CHECKS + 1))
        "$@" && return 0
        E2E_FAILS=$((E2E_FAILS + 1))
        echo "FAIL: $_name"
        return 1
}

# e2e_lacks NAME FILE... -- PATTERN...: a counted check that none of the patterns
# (fixed strings, each one whole, blanks and all) occurs in the files. The first file
# must be non-empty (a crash that printed nothing must not pass) and grep must have
# read every file (exit 1, not 2).
e2e_lacks() {
        _name=$1; shift
        _first=$1 _ok=true
        _n=0
        for _a; do [ "$_a" = -- ] && break; _n=$((_n + 1)); done
        _i=0
        : > "$E2E_TMP/lacks.patterns"
        for _a; do
                _i=$((_i + 1))
                [ "$_i" -gt $((_n + 1)) ] && printf '%s\n' "$_a" >> "$E2E_TMP/lacks.patterns"
        done
        E2E_CHECKS=$((E2E_CHECKS + 1))
        [ -s "$_first" ] || _ok=false
        _i=0
        for _a; do
                _i=$((_i + 1))
                [ "$_i" -gt "$_n" ] && break
                grep -qF -f "$E2E_TMP/lacks.patterns" -- "$_a"
                [ $? = 1 ] || _ok=false
        done
        $_ok && return 0
        E2E_FAILS=$((E2E_FAILS + 1))
        echo "FAIL: $_name"
        return 1
}

# The generator's stderr lands in the manager's log: under SANITIZE=1 that is
# where ASan and UBSan report.
e2e_check_sanitizers() {
        [ -f "$E2E_TMP/manager.log" ] || return 0
        if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e 'runtime error:' \
                "$E2E_TMP/manager.log"; then
                E2E_CHECKS=$((E2E_CHECKS + 1)) E2E_FAILS=$((E2E_FAILS + 1))
                echo "FAIL: a sanitizer reported in the manager's log:"
                cat "$E2E_TMP/manager.log"
        fi
}

e2e_finish() {
        e2e_check_sanitizers
        echo "${0##*/}: $((E2E_CHECKS - E2E_FAILS)) of $E2E_CHECKS checks pass"
        [ "$E2E_FAILS" -eq 0 ] || exit 1
        exit 0
}
