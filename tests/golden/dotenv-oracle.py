# SPDX-License-Identifier: MIT
# For tests/golden/dotenv-oracle.sh: writes random .env texts made of the characters
# that matter to the grammar, asks python-dotenv's parser about each, runs the C
# reader on all of them at once and compares. Usage: dotenv-oracle.py DUMP DIR SEED N
import io
import random
import subprocess
import sys

from dotenv.parser import parse_stream

ALPHABET = ["A", "B", "=", "'", '"', "\\", "#", " ", "\t", "\n", "\r", "export ", "x", "$", "{", "}", "n", ":"]


def expected(text):
    out = []
    for b in parse_stream(io.StringIO(text, newline=None)):
        if b.key is not None:
            out.append(b.key.encode().hex() + " " + ("N" if b.value is None else b.value.encode().hex()))
    return out


def main():
    dump, workdir, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    texts = {}
    for i in range(count):
        path = f"{workdir}/{i}.env"
        texts[path] = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        with open(path, "w", newline="") as f:
            f.write(texts[path])
    got, current = {}, None
    run = subprocess.run([dump, *texts], capture_output=True, text=True, check=True)
    for line in run.stdout.splitlines():
        if line.startswith("== "):
            current = line[3:]
            got[current] = []
        else:
            got[current].append(line)
    bad = [p for p in texts if got.get(p) != expected(texts[p])]
    for p in bad[:5]:
        print(f"mismatch for {texts[p]!r}:\n  C:      {got.get(p)}\n  Python: {expected(texts[p])}")
    print(f"dotenv oracle: {count - len(bad)} of {count} random files read as python-dotenv reads them")
    return 1 if bad else 0


sys.exit(main())
