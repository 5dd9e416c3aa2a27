#!/usr/bin/python3
# check-command-json.py: the checked-in description of the server's commands
# is what the server says
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: check-command-json.py GENERATOR JSON
#
# Runs GENERATOR --dump-server on the redis-server in PATH and compares its
# output with JSON byte for byte, so that the --dump modes keep working
# and the file is never edited by hand.  A server of another version than
# the file's cannot give the same file: the test is skipped then.

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    generator, checked_in = sys.argv[1], sys.argv[2]
    server = shutil.which('redis-server')
    if server is None:
        print('SKIP: redis-server is not installed')
        return SKIP

    with open(checked_in, encoding='utf-8') as f:
        expected = f.read()
    with tempfile.TemporaryDirectory(prefix='gredis-command-json-') as tmp:
        out = os.path.join(tmp, 'commands.json')
        subprocess.run([sys.executable, generator, '--dump-server', server, '-o', out],
                       check=True)
        with open(out, encoding='utf-8') as f:
            actual = f.read()

    want = json.loads(expected)['redis_version']
    have = json.loads(actual)['redis_version']
    if want != have:
        print('SKIP: %s is redis-server %s, and %s describes %s'
              % (server, have, os.path.basename(checked_in), want))
        return SKIP

    if actual == expected:
        print('%s is what redis-server %s says' % (os.path.basename(checked_in), have))
        return 0
    sys.stdout.writelines(list(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True),
        checked_in, 'redis-server --dump'))[:200])
    print('FAIL: %s differs from what redis-server %s says'
          % (os.path.basename(checked_in), have))
    return 1


if __name__ == '__main__':
    sys.exit(main())
