#!/usr/bin/env python3
"""Runs `hermes-unit-lint diagnose` over the corpus and checks each case.

A case is a file NNN-name.case (headers, a line "---", then the input) or a
directory NNN-name/ (a file "case" with the headers and a Hermes home in home/).
Headers ("# key: value"):
  source  where the excerpt comes from (an upstream issue number, or the Hermes
          source file whose message it is); every case must have one
  kind    log: the input goes through --log FILE; jobs: the input is
          cron/jobs.json of a Hermes home; home: the directory's home/
  now     --now for jobs and home cases
  expect  the classes diagnose must report, comma-separated, or "none"
  secret  a string that must appear in no output (text or JSON)
What is checked: the set of classes in the JSON equals expect; the exit status is
0 for none and 1 otherwise; the text output names the same classes; JSON has the
documented envelope; no secret appears anywhere.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLASSES = {"transport", "provider-auth", "profile-scope", "scheduler", "delivery", "unclassified"}


def parse_case(path):
    if os.path.isdir(path):
        with open(os.path.join(path, "case"), encoding="utf-8") as f:
            text, body = f.read(), None
    else:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        text, sep, body = text.partition("\n---\n")
        if not sep:
            raise ValueError("no --- line")
    headers = {}
    for line in text.splitlines():
        if line.startswith("# ") and ":" in line:
            k, v = line[2:].split(":", 1)
            headers.setdefault(k.strip(), []).append(v.strip())
    return headers, body


def run(lint, args):
    p = subprocess.run([lint, "diagnose"] + args, capture_output=True, text=True, errors="replace")
    return p.returncode, p.stdout, p.stderr


def check_case(lint, path, tmp):
    h, body = parse_case(path)
    name = os.path.basename(path)
    errs = []
    if not h.get("source"):
        errs.append("no source")
    kind = h.get("kind", ["log"])[0]
    expect = set() if h.get("expect", ["none"])[0] == "none" else \
        {c.strip() for c in h["expect"][0].split(",")}
    if not expect <= CLASSES:
        errs.append(f"unknown class in expect: {expect - CLASSES}")
    if kind == "log":
        inp = os.path.join(tmp, name + ".log")
        with open(inp, "w", encoding="utf-8") as f:
            f.write(body)
        args = ["--log", inp]
    else:
        home = os.path.join(tmp, name + ".home")
        if kind == "home":
            shutil.copytree(os.path.join(path, "home"), home, symlinks=True)
        else:
            os.makedirs(os.path.join(home, "cron"))
            for f in (".env", "config.yaml"):
                open(os.path.join(home, f), "w").close()
            with open(os.path.join(home, "cron", "jobs.json"), "w", encoding="utf-8") as f:
                f.write(body)
        args = ["--hermes-home", home, "--no-journal", "--no-manager", "--now", h["now"][0]]
    rc_j, out_j, err_j = run(lint, args + ["--format=json"])
    rc_t, out_t, err_t = run(lint, args)
    try:
        doc = json.loads(out_j)
    except ValueError as e:
        return errs + [f"JSON does not parse: {e}: {out_j[:200]!r} {err_j[:200]!r}"]
    if doc.get("format") != "hermes-unit-lint-diagnose" or doc.get("version") != 1 or "tool_version" not in doc:
        errs.append("bad envelope")
    got = set()
    for p in doc.get("profiles", []):
        if kind == "log" and p.get("profile") is not None:
            errs.append("--log: profile is not null")
        for pr in p.get("problems", []):
            got.add(pr.get("class"))
            if not pr.get("summary") or not pr.get("next") or not pr.get("evidence"):
                errs.append(f"problem without summary/next/evidence: {pr}")
    if got != expect:
        errs.append(f"classes {sorted(got) or 'none'}, expected {sorted(expect) or 'none'}")
    want_rc = 1 if expect else 0
    if rc_j != want_rc or rc_t != want_rc:
        errs.append(f"exit {rc_j} (json) / {rc_t} (text), expected {want_rc}; stderr: {err_t[:300]!r}")
    for c in expect:
        if c + ":" not in out_t:
            errs.append(f"text output does not name {c}")
    for s in h.get("secret", []):
        for what, text in (("JSON", out_j), ("text", out_t), ("stderr", err_j + err_t)):
            if s in text or s.split(":")[-1] in text:
                errs.append(f"secret shown in {what} output")
    return errs


def main():
    lint, corpus = sys.argv[1], sys.argv[2]
    cases = sorted(os.path.join(corpus, n) for n in os.listdir(corpus))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            errs = check_case(lint, c, tmp)
            if errs:
                failed += 1
                print(f"FAIL {os.path.basename(c)}: " + "; ".join(errs))
    print(f"diagnose corpus: {len(cases) - failed}/{len(cases)} cases classified right")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
