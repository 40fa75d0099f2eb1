#!/bin/sh
# The plain git hook of docs/pre-commit.md, as documented, in a real repository:
# real `git commit`s with the built hermes-unit-lint. A bad drop-in is refused
# (also when only the working tree has the fix), a good one goes in. Also checks
# that .pre-commit-hooks.yaml's `files` pattern picks the right paths.
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
[ -x "$bin/hermes-unit-lint" ] || { echo "missing $bin/hermes-unit-lint (run make)"; exit 1; }
command -v git >/dev/null 2>&1 || { echo "skipped: git is not installed"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-precommit.XXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0

check() {   # check "what" expected-status actual-status
        if [ "$2" = "$3" ]; then echo "ok: $1"
        else echo "FAIL: $1 (expected $2, got $3)"; failed=$((failed + 1)); fi
}

# The hook: the first ```sh block of docs/pre-commit.md.
repo=$work/repo
git init -q "$repo" && cd "$repo" || exit 1
git config user.name test && git config user.email test@example.org && git config commit.gpgsign false
awk '/^```sh$/ { on = 1; next } /^```$/ { if (on) exit } on' "$top/docs/pre-commit.md" > .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
grep -q 'hermes-unit-lint --home' .git/hooks/pre-commit || { echo "FAIL: no hook block in docs/pre-commit.md"; exit 1; }
export PATH="$bin:$PATH" HERMES_GUARDRAILS_POLICY="$work/empty-policy.conf"
: > "$work/empty-policy.conf"

units=.config/systemd/user
mkdir -p "$units/hermes-gateway.service.d"
cp "$top/tests/golden/lint/stock-fails/tree/home/$units/hermes-gateway.service" "$units/"
cp "$top/tests/golden/lint/rule-restart-always/tree/good/$units/hermes-gateway.service.d/10-restart-guardrails.conf" \
        "$units/hermes-gateway.service.d/"
echo "# my dotfiles" > README.md

commit() {   # commit "message": the status of git commit, its output in $work/out
        git commit -q -m "$1" > "$work/out" 2>&1
        echo $?
}

git add README.md
check "a commit without unit files passes" 0 "$(commit readme)"
git add "$units/hermes-gateway.service"
check "the stock Hermes unit alone is refused" 1 "$([ "$(commit stock)" = 0 ] && echo 0 || echo 1)"
grep -q 'HG004 start-limit-disabled' "$work/out" || { echo "FAIL: the refusal does not name HG004"; failed=$((failed + 1)); }
git add "$units/hermes-gateway.service.d/10-restart-guardrails.conf"
check "the stock unit with the guardrail drop-in passes" 0 "$(commit guardrails)"

printf '[Service]\nRestart=always\nStartLimitIntervalSec=0\n' > "$units/hermes-gateway.service.d/override.conf"
git add "$units/hermes-gateway.service.d/override.conf"
head=$(git rev-parse HEAD)
check "a bad drop-in is refused" 1 "$([ "$(commit bad)" = 0 ] && echo 0 || echo 1)"
check "... and no commit was made" "$head" "$(git rev-parse HEAD)"
grep -q 'override.conf:2:9: warning: Restart=always' "$work/out" ||
        { echo "FAIL: the refusal does not point at override.conf:2"; cat "$work/out"; failed=$((failed + 1)); }

printf '[Service]\nRestartSec=30s\n' > "$units/hermes-gateway.service.d/override.conf"
check "a fix only in the working tree does not count" 1 "$([ "$(commit unstaged)" = 0 ] && echo 0 || echo 1)"
git add "$units/hermes-gateway.service.d/override.conf"
check "the fixed drop-in passes" 0 "$(commit fixed)"
check "... and was committed" 0 "$(git diff --quiet HEAD -- "$units"; echo $?)"

# .pre-commit-hooks.yaml: hook id, entry, and what its files pattern selects.
yaml=$top/.pre-commit-hooks.yaml
grep -q '^- id: hermes-unit-lint$' "$yaml" && grep -q '^  entry: hermes-unit-lint$' "$yaml" &&
        grep -q '^  language: system$' "$yaml"
check ".pre-commit-hooks.yaml names the hook" 0 $?
pattern=$(sed -n "s/^  files: '\(.*\)'$/\1/p" "$yaml")
for p in .config/systemd/user/hermes-gateway.service .config/systemd/user/x.service.d/10-a.conf \
         dotfiles/systemd/user/hermes-gateway@.service; do
        printf '%s\n' "$p" | grep -qE "$pattern"
        check "pattern selects $p" 0 $?
done
for p in .config/systemd/system/x.service .config/systemd/user/x.timer README.md; do
        printf '%s\n' "$p" | grep -qE "$pattern"
        check "pattern leaves out $p" 1 $?
done
[ "$failed" -eq 0 ]
