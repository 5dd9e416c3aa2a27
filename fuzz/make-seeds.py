#!/usr/bin/python3
# Writes seed inputs for the fuzz targets from the parser corpora:
#   make-seeds.py SOURCE_ROOT OUTPUT_DIR
# OUTPUT_DIR/<target>/ gets one file per corpus case (fuzz-parser-* take a
# first control byte: bit 0 RESP3, bit 1 small limits, the rest the chunk
# size), plus encoded argument lists for fuzz-roundtrip.
import os
import sys


def unescape(text):
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c != '\\':
            out += c.encode('latin-1')
            i += 1
            continue
        n = text[i + 1]
        if n == 'x':
            out.append(int(text[i + 2:i + 4], 16))
            i += 4
            continue
        out.append({'r': 13, 'n': 10, 't': 9, '0': 0, '\\': 92, '"': 34}[n])
        i += 2
    return bytes(out)


def cases(path):
    current = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if line.startswith('@ '):
                if current is not None:
                    yield current
                current = bytearray()
            elif line.startswith('in "') and current is not None:
                current += unescape(line[4:-1])
    if current is not None:
        yield current


def main():
    root, out = sys.argv[1], sys.argv[2]
    inputs = []
    for name in ('conformance.txt', 'hostile.txt'):
        inputs += [bytes(c) for c in cases(os.path.join(root, 'tests', 'parser', name))]

    def write(target, i, data):
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, 'seed-%04d' % i), 'wb') as f:
            f.write(data)

    for i, data in enumerate(inputs):
        if len(data) > 65536:
            continue
        for target in ('fuzz-parser-resp2', 'fuzz-parser-resp3', 'fuzz-parser-hiredis'):
            write(target, i, bytes([(i * 4) % 256 | (1 if target.endswith('resp3') else 0)]) + data)
        write('fuzz-diff-resp2-hiredis', i, data)
    argvs = [[b'PING'], [b'SET', b'key', b'value'], [b'GET', b''], [b'ECHO', bytes(range(200))],
             [b'MSET'] + [b'k%d' % i for i in range(40)], [b'X\r\n', b'$1\r\n', b'*2']]
    for i, argv in enumerate(argvs):
        write('fuzz-roundtrip', i, b''.join(bytes([len(a)]) + a for a in argv))


main()
