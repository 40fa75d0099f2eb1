#!/usr/bin/env python3
"""Python's json is the oracle for lib/json.c: what json.load takes from a UTF-8
file (Hermes reads jobs.json so), the parser takes; what it refuses, the parser
refuses. Hand cases (NaN, Infinity, lone surrogates, nesting at 500 and 100 000,
BOM, control characters, bad UTF-8) and thousands of random edits of jobs.json
texts (fixed seed). Usage: json-oracle.py DUMP WORKDIR SEED COUNT"""
import io, json, os, random, subprocess, sys

dump, work, seed, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

HAND = [
    b'[NaN, Infinity, -Infinity]', b'{"a": NaN}', b'[-NaN]', b'[nan]', b'[+Infinity]', b'[Infinity1]',
    b'["\\ud800"]', b'["\\udc00"]', b'["\\ud800\\u0041"]', b'["\\ud800\\ud800"]', b'["\\ud83d\\ude00"]',
    b'["\\ud800\\udc0"]', b'["\xed\xa0\x80"]', b'["\xc0\x80"]', b'["\xf5\x80\x80\x80"]',
    b'[' * 500 + b']' * 500, b'[' * 100000 + b']' * 100000,
    b'{"a":' * 500 + b'1' + b'}' * 500, b'{"a":' * 100000 + b'1' + b'}' * 100000,
    b'\xef\xbb\xbf{}', b'{} ', b' \t\r\n[]', b'[]\x0c', b'["a\tb"]', b'["a\x7f"]', b'[1e999]', b'[-0.0e-0]',
    b'[01]', b'[1.]', b'[.5]', b'[1,]', b'{"a":1,}', b'', b' ', b'{"jobs":[]}\x00', b'"\\u0000"',
    b'[true, false, null]', b'[True]', b'["\\x"]', b'["\\/"]', b'{"a" : 1 , "a" : 2}',
]

TEMPLATES = [
    '{"jobs": [{"id": "a1b2c3d4e5f6", "name": "nightly", "prompt": "hermes gateway restart",'
    ' "enabled": true, "schedule": {"kind": "cron", "expr": "0 3 * * *"}, "repeat": null,'
    ' "failure_streak": 0, "ratio": -1.5e-3}], "updated_at": "2026-11-29T00:00:00"}',
    '[1, [2, [3, {"x": "\\u00e9\\n\\"", "y": [], "z": {}}]], NaN, -Infinity]',
]
PIECES = ['NaN', 'Infinity', '-Infinity', '\\ud800', '\\udc00', '\\u0041', '\\', '"', ',', ':', '[', ']',
          '{', '}', ' ', '\t', '\n', '\x01', '\x7f', '0', '-', '.', 'e', '+', 'null', 'tru', '\xe9', '/',
          '\\n', '\\u', '\ufeff', 'x']

def mutate(rng):
    t = rng.choice(TEMPLATES)
    for _ in range(rng.randrange(0, 5)):
        at = rng.randrange(0, len(t) + 1)
        op = rng.randrange(3)
        if op == 0:
            t = t[:at] + t[at:at + rng.randrange(1, 4)][:0] + t[at + rng.randrange(1, 4):]
        else:
            t = t[:at] + rng.choice(PIECES) + t[at:]
    data = t.encode('utf-8', 'surrogatepass')
    if rng.randrange(20) == 0:
        k = rng.randrange(len(data) + 1)
        data = data[:k] + bytes([rng.choice([0x80, 0xc0, 0xed, 0xff])]) + data[k:]
    return data

def python_accepts(data):
    try:
        json.load(io.TextIOWrapper(io.BytesIO(data), encoding='utf-8', errors='strict'))
        return True
    except (ValueError, RecursionError):    # JSONDecodeError, UnicodeDecodeError
        return False

rng = random.Random(seed)
cases = HAND + [mutate(rng) for _ in range(count)]
paths = []
for i, data in enumerate(cases):
    p = os.path.join(work, '%05d.json' % i)
    with open(p, 'wb') as f:
        f.write(data)
    paths.append(p)
got = []
for k in range(0, len(paths), 500):
    out = subprocess.run([dump] + paths[k:k + 500], capture_output=True).stdout.decode()
    # fileio_read() refuses a file with a NUL byte: the linter cannot read it either.
    got += ['error' if g == 'unreadable' else g for g in out.split()]
bad = 0
accepted = 0
for data, p, g in zip(cases, paths, got):
    want = 'ok' if python_accepts(data) else 'error'
    accepted += want == 'ok'
    if g != want:
        bad += 1
        if bad <= 10:
            print('DIFFERS: %s: python %s, lib/json.c %s: %r' % (p, want, g, data[:120]))
print('json oracle: %d texts (%d accepted by Python), %d differ' % (len(cases), accepted, bad))
sys.exit(1 if bad or len(got) != len(cases) else 0)
