# gredis_tap.py: what the Python binding tests share: a throwaway
# redis-server on a Unix socket in a temporary directory, and a runner that
# prints each test's result as TAP.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback


def start_server(directory):
    """Starts redis-server on a socket in @directory; returns the process
    and the socket's path once the socket exists."""
    socket = os.path.join(directory, 'redis.sock')
    server = subprocess.Popen(['redis-server', '--port', '0', '--unixsocket', socket,
                               '--save', '', '--appendonly', 'no', '--dir', directory],
                              stdout=subprocess.DEVNULL)
    for _ in range(500):
        if os.path.exists(socket):
            break
        time.sleep(0.01)
    return server, socket


def run(tests, prefix, on_socket):
    """Runs each function of @tests against a server of its own, calling
    @on_socket with the server's socket first; returns the exit status."""
    directory = tempfile.mkdtemp(prefix=prefix)
    server, socket = start_server(directory)
    on_socket(socket)
    print('1..%d' % len(tests))
    failed = 0
    try:
        for n, func in enumerate(tests, 1):
            try:
                func()
            except Exception:
                failed += 1
                print('not ok %d - %s' % (n, func.__name__))
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            else:
                print('ok %d - %s' % (n, func.__name__))
            sys.stdout.flush()
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(directory, ignore_errors=True)
    return 1 if failed else 0
