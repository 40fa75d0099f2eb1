#!/bin/sh
# SARIF that GitHub code scanning ingests: Microsoft's validator
# (@microsoft/sarif-multitool 5.7.0, rule kinds Sarif, Gh and Ghas, levels Error,
# Warning and Note) must report no error and no warning on the SARIF of one tree
# that fires every files-mode rule; every result must have a physicalLocation; no
# snippet may carry a .env line or an Environment= value.
#
# The tree is made here from the golden "bad" trees of tests/golden/lint/rule-*/
# (a new rule's golden case joins it by itself): each case's units are renamed
# hermes-gateway-<case>.service, its Hermes home becomes profile <case> (its
# profiles <case>-<name>). Plus one unit with secrets around a finding.
#
# The validator is installed with npm into $SARIF_MULTITOOL_DIR (default:
# build/sarif-multitool, outside the sources, kept between runs). Skipped only
# when npm cannot reach its registry, or without network by rule (HG_NO_NETWORK=1,
# set by debian/rules: package builds must not use the network).
set -u
B=${B:-build}
top=$(cd "$(dirname "$0")/../.." && pwd)
case $B in /*) bin=$B ;; *) bin=$top/$B ;; esac
lint=$bin/hermes-unit-lint
[ -x "$lint" ] || { echo "missing $lint (run make)"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "skipped: python3 is needed to read SARIF"; exit 77; }
# Rules that cannot fire on files: host state (HG017 linger), the running manager
# (HG030-HG034, --live).
HOST_ONLY="HG017 HG030 HG031 HG032 HG033 HG034"
VERSION=5.7.0
tooldir=${SARIF_MULTITOOL_DIR:-$top/build/sarif-multitool}
work=$(mktemp -d "${TMPDIR:-/tmp}/hg-sarif.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

# ---- the validator --------------------------------------------------------
tool=$tooldir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [ ! -x "$tool" ] && [ -n "${HG_NO_NETWORK:-}" ]; then
        echo "skipped: HG_NO_NETWORK is set (a package build): npm cannot install the validator"
        exit 77
fi
if [ ! -x "$tool" ]; then
        command -v npm >/dev/null 2>&1 || sh "$top/build-aux/deps.sh" sarif >/dev/null 2>&1
        command -v npm >/dev/null 2>&1 || { echo "FAIL: npm is not installed (sh build-aux/deps.sh sarif)"; exit 1; }
        mkdir -p "$tooldir"
        if ! npm install --prefix "$tooldir" --no-audit --no-fund --loglevel=error \
                "@microsoft/sarif-multitool@$VERSION" > "$work/npm.log" 2>&1; then
                if grep -qiE 'ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH' "$work/npm.log"; then
                        echo "skipped: npm cannot reach its registry to install @microsoft/sarif-multitool@$VERSION"
                        exit 77
                fi
                cat "$work/npm.log"; echo "FAIL: npm install @microsoft/sarif-multitool@$VERSION"; exit 1
        fi
        chmod u+x "$tool" 2>/dev/null   # its postinstall script does this; npm may not run it
fi
[ -x "$tool" ] || { echo "FAIL: no $tool after npm install"; exit 1; }

# ---- the tree ---------------------------------------------------------------
tree=$work/tree
mkdir -p "$tree/.config/systemd/user" "$tree/.hermes/profiles"
for c in "$top"/tests/golden/lint/rule-*/; do
        c=${c%/}; case=${c##*/rule-}
        src=""
        for d in bad home masked; do [ -d "$c/tree/$d" ] && { src=$c/tree/$d; break; }; done
        [ -n "$src" ] && [ -d "$src/.config" ] || continue
        # A short, distinct unit and profile name per case: first two letters of each word.
        short=$(echo "$case" | awk -F- '{ s = ""; for (i = 1; i <= NF; i++) s = s substr($i, 1, 2); print s }')
        (cd "$src" && find .config -mindepth 1 \( -type f -o -type l \)) | while read -r f; do
                nf=$(echo "$f" | sed "s/hermes-gateway\(-work\)\{0,1\}\([.]\)/hermes-gateway-$short\2/")
                mkdir -p "$tree/$(dirname "$nf")" && cp -P "$src/$f" "$tree/$nf"
        done
        [ -d "$src/.hermes" ] || continue
        (cd "$src/.hermes" && find . -mindepth 1 \( -type f -o -type l \)) | while read -r f; do
                f=${f#./}
                case $f in
                profiles/*) p=${f#profiles/}; nf=profiles/$short-${p%%/*}/${p#*/} ;;
                *) nf=profiles/$short/$f ;;
                esac
                mkdir -p "$tree/.hermes/$(dirname "$nf")" && cp -P "$src/.hermes/$f" "$tree/.hermes/$nf"
        done
done
: > "$tree/policy.conf"   # the built-in policy
# Rules without a golden case of their own: HG035 (a unit for a profile that does
# not exist), HG036 (a unit named for one profile running another).
printf '[Service]\nExecStart=/usr/bin/python3 -m hermes_cli.main --profile old gateway run\n' \
        > "$tree/.config/systemd/user/hermes-gateway-old.service"
printf '[Service]\nExecStart=/usr/bin/python3 -m hermes_cli.main --profile hetosh-work gateway run\n' \
        > "$tree/.config/systemd/user/hermes-gateway-hetosh.service"
# Secrets right around a finding (Restart=always, HG002): none may reach a snippet.
cat > "$tree/.config/systemd/user/hermes-gateway-secrets.service" <<'EOF'
[Unit]
Description=Hermes Agent Gateway - Messaging Platform Integration

[Service]
ExecStart=/usr/bin/python3 -m hermes_cli.main gateway run
Environment="OPENAI_API_KEY=sk-SNIPPETSECRET0123456789abcdef" \
  "HERMES_HOME=/home/hgtest/.hermes-SNIPPETSECRET-CONTINUED"
Restart=always
# Environment=DISCORD_BOT_TOKEN=SNIPPETSECRET-COMMENTED
RestartSec=10s

[Install]
WantedBy=default.target
EOF
printf 'TELEGRAM_BOT_TOKEN=123456789:SNIPPETSECRETxxxxxxxxxxxxxxxxxxxxxxxxx\nDISCORD_BOT_TOKEN="unterminated\n' \
        > "$tree/.hermes/profiles/hetosh/.env.extra"
cat "$tree/.hermes/profiles/hetosh/.env.extra" >> "$tree/.hermes/profiles/hetosh/.env"
rm "$tree/.hermes/profiles/hetosh/.env.extra"

(cd "$tree" && env -i PATH="$PATH" HOME=/home/hgtest USER=hgtest LC_ALL=C \
        HERMES_GUARDRAILS_POLICY=policy.conf "$lint" --format=sarif --home . --systemd-version 252 \
        $(find .config \( -type f -o -type l \) | sort)) > "$work/out.sarif" 2> "$work/lint.err"
rc=$?
[ "$rc" = 1 ] || { cat "$work/lint.err"; echo "FAIL: hermes-unit-lint exited $rc, expected 1 (findings)"; exit 1; }

# ---- our own checks -----------------------------------------------------------
"$lint" --list-rules | awk '{ print $1 }' > "$work/rules"
python3 - "$work/out.sarif" "$work/rules" "$tree" "$HOST_ONLY" <<'EOF' || exit 1
import json, os, sys
sarif, rules_file, tree, host_only = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
d = json.load(open(sarif))
results = d['runs'][0]['results']
bad = []
fired = {r['ruleId'] for r in results}
want = {l.strip() for l in open(rules_file) if l.strip()} - set(host_only)
if want - fired:
    bad.append('rules that did not fire: %s (add a tests/golden/lint/rule-<name>/ case with a bad/ '
               'tree, or list a host-only rule in HOST_ONLY)' % ' '.join(sorted(want - fired)))
envlines = set()
for root, _, files in os.walk(tree):
    for f in files:
        if f.endswith('.env'):
            envlines |= {l.strip() for l in open(os.path.join(root, f), errors='replace') if l.strip()}
n_snippets = 0
for i, r in enumerate(results):
    locs = r.get('locations') or []
    if not locs or 'physicalLocation' not in locs[0] or 'region' not in locs[0]['physicalLocation']:
        bad.append('result %d (%s) has no physicalLocation with a region' % (i, r['ruleId']))
        continue
    pl = locs[0]['physicalLocation']
    texts = [pl['region'].get('snippet', {}).get('text'), pl.get('contextRegion', {}).get('snippet', {}).get('text')]
    texts = [t for t in texts if t is not None]
    n_snippets += bool(texts)
    if pl['artifactLocation']['uri'].endswith('.env') and texts:
        bad.append('result %d: a snippet from a .env file' % i)
    for t in texts:
        if 'SNIPPETSECRET' in t or 'Environment=' in t or any(l in t for l in envlines):
            bad.append('result %d (%s): a secret in a snippet: %r' % (i, r['ruleId'], t))
if 'SNIPPETSECRET' in open(sarif).read():
    bad.append('a secret of the tree is somewhere in the SARIF')
for b in bad:
    print('FAIL:', b)
print('%d results, %d rules fired, %d with snippets' % (len(results), len(fired), n_snippets))
sys.exit(1 if bad else 0)
EOF

# ---- the validator's verdict ---------------------------------------------------
DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 "$tool" validate --rule-kind Sarif Gh Ghas \
        --level Error Warning Note --output "$work/validation.sarif" "$work/out.sarif" > "$work/validate.log" 2>&1
vrc=$?
[ -f "$work/validation.sarif" ] || { cat "$work/validate.log"; echo "FAIL: sarif-multitool validate wrote no log (exit $vrc)"; exit 1; }
python3 - "$work/validation.sarif" <<'EOF'
import json, sys
from collections import Counter
d = json.load(open(sys.argv[1]))
found = [r for run in d['runs'] for r in run.get('results', [])]
notes = Counter(r['ruleId'] for r in found if r.get('level') == 'note')
bad = [r for r in found if r.get('level', 'warning') in ('error', 'warning')]
for r in bad:
    print('FAIL: %s %s: %s' % (r.get('level', 'warning'), r['ruleId'], r['message'].get('text', '')[:300]))
print('sarif-multitool validate (Sarif, Gh, Ghas): %d errors/warnings, notes: %s' %
      (len(bad), ', '.join('%s x%d' % kv for kv in sorted(notes.items())) or 'none'))
sys.exit(1 if bad else 0)
EOF
